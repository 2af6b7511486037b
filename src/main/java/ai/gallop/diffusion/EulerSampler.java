package ai.gallop.diffusion;

import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TokenLayout;
import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * Euler integration of the flow from t = 1 (noise) to t = 0 on a shifted grid t_i = shift(1 - i / n). Each step
 * asks the denoiser for x0 (conditional and unconditional passes in ONE batch of 2B when guided), combines them,
 * forms the velocity (x_t - x0) / t and moves x to the next time. The last step lands exactly on the predicted
 * x0. Clean condition tokens keep their values and t = 0.
 *
 * <p>Every step runs in its own PointerScope and only the two state tensors live across steps (updated in
 * place), so a long loop holds no more memory than one step; the listener hears each step and the cancellation
 * is checked before each.
 *
 * @param steps    number of Euler steps (model evaluations, each of batch 2B when guided)
 * @param shift    timestep shift at inference (1 = uniform grid; above 1 spends more steps at high noise)
 * @param guidance classifier-free guidance
 */
public record EulerSampler(int steps, double shift, Guidance guidance) {
    public static final String STAGE = "denoise";

    public EulerSampler {
        if (steps < 1 || steps > 1000) throw new IllegalArgumentException("steps " + steps + " is out of range; allowed: 1 to 1000");
        if (!(shift > 0 && shift <= 100)) throw new IllegalArgumentException("shift " + shift + " is out of range; allowed: above 0, at most 100");
    }

    /** The n + 1 times from 1 down to 0. */
    public double[] schedule() {
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) t[i] = TimestepSampler.shift(1 - i / (double) steps, shift);
        return t;
    }

    /**
     * Generates x0 for every video (and audio) token. The returned tensors belong to the caller's PointerScope,
     * if any.
     */
    public ModelOutput sample(Denoiser denoiser, ModelConfig config, SamplingTask task, ProgressListener listener,
                              Cancellation cancellation) {
        TokenLayout layout = task.layout();
        long b = task.batch();
        int lv = layout.count(Modality.VIDEO), la = layout.count(Modality.AUDIO), clean = task.cleanVideoTokens();
        boolean guided = guidance.needsUnconditional() && task.nullText() != null;
        GeneratorOptional noise = new GeneratorOptional(createCPUGenerator(task.seed()));
        Tensor video = randn(new long[]{b, lv, config.videoPatchDim()}, noise);                   // [B, Lv, pv] state
        Tensor audio = la == 0 ? null : randn(new long[]{b, la, config.audioPatchDim()}, noise);  // [B, La, pa] state
        Tensor generated = ones(b, lv);                                                          // [B, Lv] 1 = noisy token
        if (clean > 0) {
            video.narrow(1, 0, clean).copy_(task.videoCondition().narrow(1, 0, clean));
            generated.narrow(1, 0, clean).zero_();
        }
        Tensor text = guided ? cat(new TensorVector(task.text(), task.nullText()), 0) : task.text();  // [B or 2B, Lt]
        double[] times = schedule();
        for (int i = 0; i < steps; i++) {
            cancellation.throwIfCancelled();
            try (PointerScope step = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                double t = times[i], dt = times[i + 1] - t;
                Tensor videoTime = generated.mul(new Scalar(t));                                 // [B, Lv]
                Tensor audioTime = la == 0 ? null : ones(b, la).mul(new Scalar(t));              // [B, La]
                ModelOutput x0 = guided
                        ? guidedPrediction(denoiser, layout, text, video, videoTime, audio, audioTime)
                        : denoiser.predict(new ModelInput(layout, text, null, video, videoTime, audio, audioTime));
                // x += dt (x - x0) / t on generated tokens; clean ones have weight 0 and stay
                Tensor videoStep = video.sub(x0.video()).mul(generated.unsqueeze(2)).mul(new Scalar(dt / t));  // [B, Lv, pv]
                video.add_(videoStep);
                if (audio != null) audio.add_(audio.sub(x0.audio()).mul(new Scalar(dt / t)));
            }
            listener.progress(STAGE, i + 1, steps);
        }
        return new ModelOutput(video, audio);
    }

    private ModelOutput guidedPrediction(Denoiser denoiser, TokenLayout layout, Tensor text, Tensor video, Tensor videoTime,
                                         Tensor audio, Tensor audioTime) {
        long b = video.size(0);
        ModelOutput both = denoiser.predict(new ModelInput(layout, text, null, twice(video), twice(videoTime),
                audio == null ? null : twice(audio), audio == null ? null : twice(audioTime)));
        Tensor v = guidance.combine(both.video().narrow(0, 0, b), both.video().narrow(0, b, b));
        Tensor a = audio == null ? null : guidance.combine(both.audio().narrow(0, 0, b), both.audio().narrow(0, b, b));
        return new ModelOutput(v, a);
    }

    private static Tensor twice(Tensor t) {
        return cat(new TensorVector(t, t), 0);
    }
}
