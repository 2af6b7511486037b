package ai.gallop.diffusion;

import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TokenLayout;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * What every sampler shares: the two state tensors it integrates (updated in place, so only they live across
 * steps), the mask of generated tokens, and the guided x0 prediction at any point of the flow. Created in the
 * caller's PointerScope; everything a step makes belongs to the step's own scope.
 */
final class FlowState {
    final Tensor video;      // [B, Lv, pv] state: noise at t = 1, clean condition tokens kept as given
    final Tensor audio;      // [B, La, pa] state, or null without audio tokens
    final Tensor generated;  // [B, Lv] 1 = generated token, 0 = clean condition
    private final Tensor text;        // [B, Lt], or [2B, Lt] (captions, then negative captions) when guided
    private final TokenLayout layout;
    private final Denoiser denoiser;
    private final Guidance guidance;
    private final boolean guided;
    private final long batch;

    FlowState(Denoiser denoiser, ModelConfig config, SamplingTask task, Guidance guidance) {
        this.denoiser = denoiser;
        this.guidance = guidance;
        this.layout = task.layout();
        this.batch = task.batch();
        int lv = layout.count(Modality.VIDEO), la = layout.count(Modality.AUDIO), clean = task.cleanVideoTokens();
        guided = guidance.needsUnconditional() && task.nullText() != null;
        GeneratorOptional noise = new GeneratorOptional(createCPUGenerator(task.seed()));
        video = randn(new long[]{batch, lv, config.videoPatchDim()}, noise);                       // [B, Lv, pv]
        audio = la == 0 ? null : randn(new long[]{batch, la, config.audioPatchDim()}, noise);      // [B, La, pa]
        generated = ones(batch, lv);                                                               // [B, Lv]
        if (clean > 0) {
            video.narrow(1, 0, clean).copy_(task.videoCondition().narrow(1, 0, clean));
            generated.narrow(1, 0, clean).zero_();
        }
        text = guided ? cat(new TensorVector(task.text(), task.nullText()), 0) : task.text();
    }

    /** The (guided) x0 prediction at a point (x_video, x_audio) of the flow where every generated token has time t. */
    ModelOutput predict(Tensor xVideo, Tensor xAudio, double t) {
        Tensor videoTime = generated.mul(new Scalar(t));                                           // [B, Lv], clean tokens 0
        Tensor audioTime = xAudio == null ? null : ones(batch, xAudio.size(1)).mul(new Scalar(t));  // [B, La]
        if (!guided) return denoiser.predict(new ModelInput(layout, text, null, xVideo, videoTime, xAudio, audioTime));
        ModelOutput both = denoiser.predict(new ModelInput(layout, text, null, twice(xVideo), twice(videoTime),
                xAudio == null ? null : twice(xAudio), xAudio == null ? null : twice(audioTime)));  // batch 2B
        ModelOutput conditional = new ModelOutput(both.video().narrow(0, 0, batch),
                both.audio() == null ? null : both.audio().narrow(0, 0, batch));
        ModelOutput unconditional = new ModelOutput(both.video().narrow(0, batch, batch),
                both.audio() == null ? null : both.audio().narrow(0, batch, batch));
        return guidance.combine(conditional, unconditional);
    }

    /** The velocity (x - x0) / t an x0 prediction implies; 0 on clean condition tokens. */
    ModelOutput velocity(Tensor xVideo, Tensor xAudio, ModelOutput x0, double t) {
        Tensor v = xVideo.sub(x0.video()).mul(generated.unsqueeze(2)).div(new Scalar(t));         // [B, Lv, pv]
        Tensor a = xAudio == null ? null : xAudio.sub(x0.audio()).div(new Scalar(t));             // [B, La, pa]
        return new ModelOutput(v, a);
    }

    /** state += dt * velocity, in place. */
    void move(ModelOutput velocity, double dt) {
        video.add_(velocity.video().mul(new Scalar(dt)));
        if (audio != null) audio.add_(velocity.audio().mul(new Scalar(dt)));
    }

    /** The last step: generated tokens take the x0 prediction exactly, clean ones stay. */
    void land(ModelOutput x0) {
        Tensor keep = generated.unsqueeze(2);                                                      // [B, Lv, 1]
        video.copy_(x0.video().mul(keep).add(video.mul(keep.neg().add(new Scalar(1.0)))));
        if (audio != null) audio.copy_(x0.audio());
    }

    ModelOutput result() { return new ModelOutput(video, audio); }

    private static Tensor twice(Tensor t) {
        return cat(new TensorVector(t, t), 0);
    }
}
