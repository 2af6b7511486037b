package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;

/**
 * Ancestral sampling of the flow (DDPM's sampler; diffusers' "Euler ancestral" is its like): each step asks for x0
 * and draws the state at the next time from the flow's posterior given the current state and that prediction, so
 * part of each step's noise is fresh from the seed's generator. For x_t = (1 - t) x0 + t e the posterior from t to
 * s < t keeps a share 1 - churn of the noise the state implies and draws churn fresh, with
 * churn = eta^2 (1 - ((1 - t) s / ((1 - s) t))^2): all of it on the first step (at t = 1 the state says nothing of
 * x0), less as the steps shrink. Eta 1 is DDPM, eta 0 the deterministic step (Euler's, exactly). Euler follows the one
 * path its starting noise fixes, so a prediction that hedges early (a faint blur where a subject could be) is carried
 * to the end; fresh noise gives later steps something new to commit to. The draws come from the request's seed, so
 * the same seed gives the same bytes. One model evaluation per step; the last lands on the predicted x0.
 *
 * @param steps    steps on the time grid (model evaluations, each two passes when guided)
 * @param shift    timestep shift at inference (1 = uniform grid; above 1 spends more steps at high noise)
 * @param guidance classifier-free guidance, one scale for picture and one for sound
 * @param eta      the posterior's noise scale, in (0, 1]: 1 is DDPM
 */
public record AncestralSampler(int steps, double shift, Guidance guidance, double eta) implements Sampler {
    /** The eta {@link Sampler#of} gives: DDPM's posterior. */
    public static final double DEFAULT_ETA = 1.0;

    public AncestralSampler {
        Sampler.check(steps, shift);
        if (!(eta > 0 && eta <= 1)) throw new IllegalArgumentException("eta " + eta + " is out of range; allowed: above 0, at most 1");
    }

    /** The share of a step's noise drawn fresh from t to next (see the class comment). */
    static double churn(double t, double next, double eta) {
        double kept = (1 - t) * next / ((1 - next) * t);
        return eta * eta * (1 - kept * kept);
    }

    @Override public String name() { return "ancestral"; }

    @Override public int evaluations() { return steps; }

    @Override public ModelOutput sample(Denoiser denoiser, ModelConfig config, SamplingTask task, ProgressListener listener,
                                        Cancellation cancellation) {
        FlowState state = new FlowState(denoiser, config, task, guidance);
        return state.integrate(schedule(), listener, cancellation, (x0, t, next) -> state.renoise(x0, t, next, churn(t, next, eta)));
    }
}
