package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;

import java.util.List;
import java.util.Locale;

/**
 * Integrates the flow from t = 1 (noise) to t = 0 on the shifted grid t_i = shift(1 - i / n), asking a
 * {@link Denoiser} for x0 at each evaluation (a conditional and an unconditional pass when guided, at once on two
 * threads where {@link #passesAtOnce} says so). Every sampler lands exactly on the last x0 prediction, keeps clean condition tokens as given with
 * t = 0, reports each finished step to the listener as stage {@value #STAGE} and checks the cancellation before
 * every model evaluation, so a cancelled run stops within one step.
 */
public sealed interface Sampler permits EulerSampler, HeunSampler, AncestralSampler {
    String STAGE = "denoise";
    List<String> NAMES = List.of("euler", "heun", "ancestral");
    int MAX_STEPS = 1000;
    double MAX_SHIFT = 100;

    /** A sampler by name (case-insensitive): euler, heun or ancestral (DDPM's posterior steps). */
    static Sampler of(String name, int steps, double shift, Guidance guidance) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "euler" -> new EulerSampler(steps, shift, guidance);
            case "heun" -> new HeunSampler(steps, shift, guidance);
            case "ancestral" -> new AncestralSampler(steps, shift, guidance, AncestralSampler.DEFAULT_ETA);
            default -> throw new IllegalArgumentException("sampler '" + name + "' is not available; allowed: " + String.join(", ", NAMES));
        };
    }

    /** Whether guided samplers run the conditional and unconditional passes at once, each on its own thread. */
    static boolean passesAtOnce() { return FlowState.parallelPasses(); }

    /** The name {@link #of} takes. */
    String name();

    /** Steps on the time grid (n). */
    int steps();

    /** Timestep shift at inference (1 = uniform grid; above 1 spends more steps at high noise). */
    double shift();

    Guidance guidance();

    /** Model evaluations per sample (each two passes when guided). */
    int evaluations();

    /** The n + 1 times from 1 down to 0. */
    default double[] schedule() {
        double[] t = new double[steps() + 1];
        for (int i = 0; i <= steps(); i++) t[i] = TimestepSampler.shift(1 - i / (double) steps(), shift());
        return t;
    }

    /**
     * Generates x0 for every video (and audio) token. The returned tensors belong to the caller's PointerScope,
     * if any.
     *
     * @throws java.util.concurrent.CancellationException when the cancellation is set before an evaluation
     */
    ModelOutput sample(Denoiser denoiser, ModelConfig config, SamplingTask task, ProgressListener listener, Cancellation cancellation);

    /** The one-line checks every sampler shares. */
    static void check(int steps, double shift) {
        if (steps < 1 || steps > MAX_STEPS)
            throw new IllegalArgumentException("steps " + steps + " is out of range; allowed: 1 to " + MAX_STEPS);
        if (!(shift > 0 && shift <= MAX_SHIFT))
            throw new IllegalArgumentException("shift " + shift + " is out of range; allowed: above 0, at most " + (int) MAX_SHIFT);
    }
}
