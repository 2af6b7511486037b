package ai.gallop.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap interval of a mean: resample the values with replacement {@code rounds}
 * times, take the mean of each resample, and report the 2.5th and 97.5th percentiles of those means.
 * The seed is fixed so the same values always give the same interval (the arena's LMArena-style
 * intervals follow the same recipe over battles).
 */
public final class Bootstrap {
    public static final int DEFAULT_ROUNDS = 1000;
    public static final long DEFAULT_SEED = 20240611L;
    public static final double LEVEL = 0.95;

    private Bootstrap() {}

    /** A mean and its 95% bootstrap interval; lower <= mean <= upper for any sample. */
    public record Interval(double mean, double lower, double upper, int count) {
        public double halfWidth() { return (upper - lower) / 2; }

        public boolean contains(double value) { return value >= lower && value <= upper; }
    }

    /** The 95% interval of the mean with {@value #DEFAULT_ROUNDS} rounds and the default seed. */
    public static Interval meanInterval(double[] values) { return meanInterval(values, DEFAULT_ROUNDS, DEFAULT_SEED); }

    public static Interval meanInterval(double[] values, int rounds, long seed) {
        if (values == null || values.length == 0)
            throw new IllegalArgumentException("bootstrap needs at least one value; got none");
        if (rounds < 10 || rounds > 1_000_000)
            throw new IllegalArgumentException("bootstrap rounds " + rounds + " is out of range; allowed: 10 to 1000000");
        for (int i = 0; i < values.length; i++)
            if (!Double.isFinite(values[i]))
                throw new IllegalArgumentException("bootstrap value " + i + " is " + values[i] + "; allowed: finite numbers");
        double mean = mean(values);
        int n = values.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[rng.nextInt(n)];
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - LEVEL) / 2;
        // the sample mean is inside the percentile interval for every realistic sample, but rounding
        // can push it a hair outside when all values are equal, so the bounds are widened to include it
        double lower = Math.min(mean, quantile(means, tail)), upper = Math.max(mean, quantile(means, 1 - tail));
        return new Interval(mean, lower, upper, n);
    }

    /** Quantile of sorted values with linear interpolation between order statistics (R type 7, NumPy default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }
}
