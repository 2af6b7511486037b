package ai.gallop.diffusion;

import ai.gallop.model.ModelConfig;
import ai.gallop.world.CameraView;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.randn;

/**
 * Video noise whose frames share part of their values: e = sqrt(1 - s) e_frame + sqrt(s) e_clip, where e_clip is
 * one draw per spatial position and channel that every frame of the clip gets (a mixed noise prior after NVIDIA's
 * PYoCo). Each value keeps unit variance; two frames' values at one position correlate by s. With independent noise
 * (s = 0) a frame starts as unrelated to its neighbour as to any other frame, and a small model draws each frame
 * somewhat on its own: its clips change 3-4 times as much from frame to frame as the world's (docs/training.md).
 * Shared noise makes frames start alike, so only what moves has to be drawn apart.
 */
public final class FrameNoise {
    private FrameNoise() {}

    /**
     * The video noise a model of {@code config} starts from: {@code independent} noise [B, Lv, pv] with the config's
     * shared part, fixed to the screen or, for a camera-noise model ({@link ModelConfig#cameraNoise}), carried by each
     * clip's camera views ({@code cameras}, one list per clip; empty: a still camera). The trainer and the sampler both
     * draw through here, so a model samples from the noise it was trained on.
     */
    public static Tensor forModel(Tensor independent, ModelConfig config, List<List<CameraView>> cameras, int width, int height, int frames,
                                  GeneratorOptional generator) {
        if (!config.cameraNoise())
            return mix(independent, config.videoTokeniser().tokenFrames(frames), config.patchFrames(), config.frameNoiseShare(), generator);
        Tensor shared = CameraNoise.tokens(cameras, config.videoTokeniser(), width, height, frames, generator);    // [B, Lv, pv]
        return independent.mul(new Scalar(Math.sqrt(1 - config.frameNoiseShare()))).add(shared.mul(new Scalar(Math.sqrt(config.frameNoiseShare()))));
    }

    /**
     * Mixes a clip-wide draw from {@code generator} into {@code independent} noise [B, Lv, pv], laid out as the video
     * tokeniser lays out tokens: token frames outermost, then the positions of a frame, each token holding
     * {@code patchFrames} frames' values one after the other. Share 0 returns {@code independent} itself and draws
     * nothing, so runs and clips from before the share keep their bytes.
     */
    public static Tensor mix(Tensor independent, int tokenFrames, int patchFrames, double share, GeneratorOptional generator) {
        if (share == 0) return independent;
        long b = independent.size(0), lv = independent.size(1), pv = independent.size(2);
        if (lv % tokenFrames != 0 || pv % patchFrames != 0)
            throw new IllegalArgumentException("noise of " + lv + " tokens x " + pv + " values does not split into " + tokenFrames
                    + " token frames of " + patchFrames + " frames; allowed: the video tokens of one clip");
        long perFrame = lv / tokenFrames, perPatchFrame = pv / patchFrames;
        Tensor clip = randn(new long[]{b, 1, perFrame, 1, perPatchFrame}, generator);                  // [B, 1, S, 1, pv / pf]
        return independent.view(b, tokenFrames, perFrame, patchFrames, perPatchFrame)                  // [B, T, S, pf, pv / pf]
                .mul(new Scalar(Math.sqrt(1 - share)))
                .add(clip.mul(new Scalar(Math.sqrt(share))))                                           // broadcast over T and pf
                .view(b, lv, pv);                                                                      // [B, Lv, pv]
    }
}
