package ai.gallop.diffusion;

import ai.gallop.model.ModelOutput;
import ai.gallop.model.TokenLayout;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * Classifier-free guidance: u + g (c - u) from the conditional prediction c and the unconditional u, with one
 * scale for picture tokens and another for sound tokens (as Ovi and LTX-2 guide their two streams apart: a
 * scale that sharpens the picture can over-drive the waveform). Applied to x0 predictions it equals guidance on
 * velocities, since at a given x_t the velocity is linear in x0.
 *
 * <p>Frame smoothing: guidance multiplies each frame's own prediction error along with the prompt's pull, and a
 * small model's guided clips change about twice as much from frame to frame as its unguided ones (3x the world's,
 * docs/training.md). Writing the guided picture as c + (g - 1)(c - u), smoothing w averages only the added push
 * (g - 1)(c - u) with its neighbouring frames, by w/4, 1 - w/2, w/4: the conditional prediction keeps its own
 * frames and the prompt's pull, which is alike in neighbouring frames, survives the average.
 *
 * @param video          g for video tokens; 1 means no guidance, 0 means unconditional
 * @param audio          g for audio tokens
 * @param frameSmoothing w, 0 (plain guidance) to 1 (the push averaged 1/4, 1/2, 1/4 over frames)
 */
public record Guidance(double video, double audio, double frameSmoothing) {
    public static final double MAX = 30;

    public Guidance {
        check("guidance", video);
        check("audio guidance", audio);
        if (!validSmoothing(frameSmoothing))
            throw new IllegalArgumentException("guidance smoothing " + frameSmoothing + " is out of range; allowed: 0 (off) to 1");
    }

    /** Plain guidance with a scale each for picture and sound. */
    public Guidance(double video, double audio) { this(video, audio, 0); }

    /** The same scale for picture and sound. */
    public Guidance(double scale) { this(scale, scale); }

    public static Guidance none() { return new Guidance(1); }

    private static void check(String name, double scale) {
        if (!(scale >= 0 && scale <= MAX))
            throw new IllegalArgumentException(name + " " + scale + " is out of range; allowed: 0 to " + (int) MAX);
    }

    /** Whether w is a frame smoothing: 0 to 1. */
    public static boolean validSmoothing(double w) { return w >= 0 && w <= 1; }

    /** Whether an unconditional pass is needed at all. */
    public boolean needsUnconditional() { return video != 1 || audio != 1; }

    /** u + scale (c - u), element by element. */
    public static Tensor combine(Tensor conditional, Tensor unconditional, double scale) {
        return unconditional.add(conditional.sub(unconditional).mul(new Scalar(scale)));
    }

    /**
     * Guides each modality with its own scale, smoothing the picture's push over the frames of the video tokens
     * laid out as {@code layout} says; audio stays null when the outputs have none.
     */
    public ModelOutput combine(ModelOutput conditional, ModelOutput unconditional, TokenLayout layout) {
        Tensor v = frameSmoothing == 0 ? combine(conditional.video(), unconditional.video(), video)
                : conditional.video().add(smoothOverFrames(conditional.video().sub(unconditional.video()), layout)
                        .mul(new Scalar(video - 1)));                                          // c + (g - 1) smooth(c - u)
        Tensor a = conditional.audio() == null ? null : combine(conditional.audio(), unconditional.audio(), audio);
        return new ModelOutput(v, a);
    }

    /** p + (w / 4)(p[f - 1] - 2 p[f] + p[f + 1]) along the clip's frames f, the end frames standing in for their missing neighbour. */
    private Tensor smoothOverFrames(Tensor push, TokenLayout layout) {
        long b = push.size(0), lv = push.size(1), pv = push.size(2);
        int t = layout.tokenFrames(), pf = layout.patchFrames();
        long perFrame = lv / t, frames = (long) t * pf;
        if (frames < 2) return push;
        Tensor p = push.view(b, t, perFrame, pf, pv / pf).permute(0, 1, 3, 2, 4).contiguous()
                .view(b, frames, perFrame, pv / pf);                                            // [B, F, S, pv / pf]
        Tensor previous = cat(new TensorVector(p.narrow(1, 0, 1), p.narrow(1, 0, frames - 1)), 1);
        Tensor next = cat(new TensorVector(p.narrow(1, 1, frames - 1), p.narrow(1, frames - 1, 1)), 1);
        Tensor smoothed = p.add(previous.add(next).sub(p.mul(new Scalar(2.0))).mul(new Scalar(frameSmoothing / 4))); // [B, F, S, pv / pf]
        return smoothed.view(b, t, pf, perFrame, pv / pf).permute(0, 1, 3, 2, 4).contiguous().view(b, lv, pv); // [B, Lv, pv]
    }
}
