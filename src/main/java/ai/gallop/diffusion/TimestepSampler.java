package ai.gallop.diffusion;

import java.util.random.RandomGenerator;

/**
 * Draws training times t in (0, 1): logit-normal (SD3), t = sigmoid(mean + std n) with n ~ N(0, 1), then an
 * optional shift t' = s t / (1 + (s - 1) t). t = 1 is noise, so a positive mean or a shift above 1 puts
 * training where a clip's layout and motion are decided: the measured prototype learned direction of motion
 * only after the mean moved from 0 to +1.5.
 *
 * @param mean  mean of the logit; positive means noisier
 * @param std   standard deviation of the logit
 * @param shift timestep shift s (1 = none)
 */
public record TimestepSampler(double mean, double std, double shift) {
    public static final double DEFAULT_MEAN = 1.0;

    public TimestepSampler {
        if (!(Math.abs(mean) <= 10)) throw new IllegalArgumentException("logit mean " + mean + " is out of range; allowed: -10 to 10");
        if (!(std > 0 && std <= 10)) throw new IllegalArgumentException("logit std " + std + " is out of range; allowed: above 0, at most 10");
        if (!(shift > 0 && shift <= 100)) throw new IllegalArgumentException("shift " + shift + " is out of range; allowed: above 0, at most 100");
    }

    public static TimestepSampler logitNormal(double mean) { return new TimestepSampler(mean, 1, 1); }

    public double sample(RandomGenerator rng) {
        double t = 1 / (1 + Math.exp(-(mean + std * rng.nextGaussian())));
        // keep strictly inside (0, 1): t = 0 would mark a clean condition token, and x0 = x_t / ... needs t > 0
        return Math.clamp(shift(t, shift), 1e-4, 1.0);
    }

    /** The timestep shift of Wan and SD3: s t / (1 + (s - 1) t); maps 0 to 0 and 1 to 1, pushes towards 1 for s above 1. */
    public static double shift(double t, double s) {
        return s * t / (1 + (s - 1) * t);
    }
}
