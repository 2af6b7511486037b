package ai.gallop.diffusion;

import java.util.random.RandomGenerator;

/**
 * Draws training times t in (0, 1): logit-normal (SD3), t = sigmoid(mean + std n) with n ~ N(0, 1), then an
 * optional shift t' = s t / (1 + (s - 1) t). t = 1 is noise, so a positive mean or a shift above 1 puts
 * training where a clip's layout and motion are decided: the measured prototype learned direction of motion
 * only after the mean moved from 0 to +1.5.
 *
 * <p>An anchor share draws that fraction of clips with logit mean {@link #ANCHOR_MEAN} instead (t near 1, where the
 * prediction is the caption's average clip): the word rows learn what a caption says only from that steady
 * signal, and a schedule without it wore the scene accuracy a t-near-1 bootstrap had reached back down
 * (docs/training.md).
 *
 * @param mean        mean of the logit; positive means noisier
 * @param std         standard deviation of the logit
 * @param shift       timestep shift s (1 = none)
 * @param anchorShare fraction of draws at t near 1 (logit mean {@link #ANCHOR_MEAN}), 0 to 1
 */
public record TimestepSampler(double mean, double std, double shift, double anchorShare) {
    public static final double DEFAULT_MEAN = 1.0;
    /** Logit mean of the anchor draws: t = sigmoid(5 + n) has median 0.993, the bootstraps' setting. */
    public static final double ANCHOR_MEAN = 5.0;

    public TimestepSampler {
        if (!(Math.abs(mean) <= 10)) throw new IllegalArgumentException("logit mean " + mean + " is out of range; allowed: -10 to 10");
        if (!(std > 0 && std <= 10)) throw new IllegalArgumentException("logit std " + std + " is out of range; allowed: above 0, at most 10");
        if (!(shift > 0 && shift <= 100)) throw new IllegalArgumentException("shift " + shift + " is out of range; allowed: above 0, at most 100");
        if (!(anchorShare >= 0 && anchorShare <= 1)) throw new IllegalArgumentException("anchor share " + anchorShare + " is out of range; allowed: 0 to 1");
    }

    public TimestepSampler(double mean, double std, double shift) { this(mean, std, shift, 0); }

    public static TimestepSampler logitNormal(double mean) { return new TimestepSampler(mean, 1, 1); }

    public double sample(RandomGenerator rng) {
        // without an anchor share no extra number is drawn, so runs from before the share resume on the same times
        double logitMean = anchorShare > 0 && rng.nextDouble() < anchorShare ? ANCHOR_MEAN : mean;
        double t = 1 / (1 + Math.exp(-(logitMean + std * rng.nextGaussian())));
        // keep strictly inside (0, 1): t = 0 would mark a clean condition token, and x0 = x_t / ... needs t > 0
        return Math.clamp(shift(t, shift), 1e-4, 1.0);
    }

    /** The timestep shift of Wan and SD3: s t / (1 + (s - 1) t); maps 0 to 0 and 1 to 1, pushes towards 1 for s above 1. */
    public static double shift(double t, double s) {
        return s * t / (1 + (s - 1) * t);
    }
}
