package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Second-order (Heun, EDM's sampler) integration of the flow: an Euler predictor to the next time, a second
 * velocity there, then the step with the mean of both velocities (the trapezoidal rule). The local error falls
 * from O(h^2) to O(h^3), so at equal steps it tracks the flow much more closely than Euler; it costs two model
 * evaluations per step. The last step, onto t = 0 where the velocity (x - x0) / t is undefined, is an Euler step
 * that lands exactly on the predicted x0, so n steps cost 2n - 1 evaluations.
 *
 * @param steps    steps on the time grid
 * @param shift    timestep shift at inference (1 = uniform grid; above 1 spends more steps at high noise)
 * @param guidance classifier-free guidance, one scale for picture and one for sound
 */
public record HeunSampler(int steps, double shift, Guidance guidance) implements Sampler {
    public HeunSampler {
        Sampler.check(steps, shift);
    }

    @Override public String name() { return "heun"; }

    @Override public int evaluations() { return 2 * steps - 1; }

    @Override public ModelOutput sample(Denoiser denoiser, ModelConfig config, SamplingTask task, ProgressListener listener,
                                        Cancellation cancellation) {
        FlowState state = new FlowState(denoiser, config, task, guidance);
        return state.integrate(schedule(), listener, cancellation, (x0, t, next) -> {
            double dt = next - t;
            ModelOutput v1 = state.velocity(state.video, state.audio, x0, t);
            Tensor video = state.video.add(v1.video().mul(new Scalar(dt)));                     // [B, Lv, pv] predictor
            Tensor audio = state.audio == null ? null : state.audio.add(v1.audio().mul(new Scalar(dt)));
            cancellation.throwIfCancelled();
            ModelOutput v2 = state.velocity(video, audio, state.predict(video, audio, next), next);
            state.move(mean(v1, v2), dt);
        });
    }

    private static ModelOutput mean(ModelOutput a, ModelOutput b) {
        Scalar half = new Scalar(0.5);
        return new ModelOutput(a.video().add(b.video()).mul(half), a.audio() == null ? null : a.audio().add(b.audio()).mul(half));
    }
}
