package ai.gallop.diffusion;

import ai.gallop.model.ModelOutput;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Classifier-free guidance: u + g (c - u) from the conditional prediction c and the unconditional u, with one
 * scale for picture tokens and another for sound tokens (as Ovi and LTX-2 guide their two streams apart: a
 * scale that sharpens the picture can over-drive the waveform). Applied to x0 predictions it equals guidance on
 * velocities, since at a given x_t the velocity is linear in x0.
 *
 * @param video g for video tokens; 1 means no guidance, 0 means unconditional
 * @param audio g for audio tokens
 */
public record Guidance(double video, double audio) {
    public static final double MAX = 30;

    public Guidance {
        check("guidance", video);
        check("audio guidance", audio);
    }

    /** The same scale for picture and sound. */
    public Guidance(double scale) { this(scale, scale); }

    public static Guidance none() { return new Guidance(1); }

    private static void check(String name, double scale) {
        if (!(scale >= 0 && scale <= MAX))
            throw new IllegalArgumentException(name + " " + scale + " is out of range; allowed: 0 to " + (int) MAX);
    }

    /** Whether an unconditional pass is needed at all. */
    public boolean needsUnconditional() { return video != 1 || audio != 1; }

    /** u + scale (c - u), element by element. */
    public static Tensor combine(Tensor conditional, Tensor unconditional, double scale) {
        return unconditional.add(conditional.sub(unconditional).mul(new Scalar(scale)));
    }

    /** Guides each modality with its own scale; audio stays null when the outputs have none. */
    public ModelOutput combine(ModelOutput conditional, ModelOutput unconditional) {
        Tensor v = combine(conditional.video(), unconditional.video(), video);
        Tensor a = conditional.audio() == null ? null : combine(conditional.audio(), unconditional.audio(), audio);
        return new ModelOutput(v, a);
    }
}
