package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;

/**
 * First-order (Euler) integration of the flow: each step asks the denoiser for x0 once, forms the velocity
 * (x_t - x0) / t and moves x to the next time; the last step lands exactly on the predicted x0. One model
 * evaluation per step.
 *
 * <p>Every step runs in its own PointerScope and only the two state tensors live across steps (updated in
 * place), so a long loop holds no more memory than one step.
 *
 * @param steps    number of Euler steps (model evaluations, each two passes when guided)
 * @param shift    timestep shift at inference (1 = uniform grid; above 1 spends more steps at high noise)
 * @param guidance classifier-free guidance, one scale for picture and one for sound
 */
public record EulerSampler(int steps, double shift, Guidance guidance) implements Sampler {
    public EulerSampler {
        Sampler.check(steps, shift);
    }

    @Override public String name() { return "euler"; }

    @Override public int evaluations() { return steps; }

    @Override public ModelOutput sample(Denoiser denoiser, ModelConfig config, SamplingTask task, ProgressListener listener,
                                        Cancellation cancellation) {
        FlowState state = new FlowState(denoiser, config, task, guidance);
        return state.integrate(schedule(), listener, cancellation,
                (x0, t, next) -> state.move(state.velocity(state.video, state.audio, x0, t), next - t));
    }
}
