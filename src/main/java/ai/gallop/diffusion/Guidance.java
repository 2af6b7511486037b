package ai.gallop.diffusion;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Classifier-free guidance: u + g (c - u) from the conditional prediction c and the unconditional u. Applied to
 * x0 predictions it equals guidance on velocities, since at a given x_t the velocity is linear in x0.
 *
 * @param scale g; 1 means no guidance (one pass), 0 means unconditional
 */
public record Guidance(double scale) {
    public Guidance {
        if (!(scale >= 0 && scale <= 30)) throw new IllegalArgumentException("guidance " + scale + " is out of range; allowed: 0 to 30");
    }

    public static Guidance none() { return new Guidance(1); }

    /** Whether an unconditional pass is needed at all. */
    public boolean needsUnconditional() { return scale != 1; }

    public Tensor combine(Tensor conditional, Tensor unconditional) {
        return unconditional.add(conditional.sub(unconditional).mul(new Scalar(scale)));
    }
}
