package ai.gallop.arena;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap over battles: every round redraws as many battles as were played, with
 * replacement, and refits. Each round has its own seed drawn up front from the caller's seed, so the
 * rounds can run in parallel and still give the same numbers on every run and every machine. A model
 * with very few battles may miss a round entirely; the L2 penalty then puts it at the mean for that
 * round, which widens its interval, as it should for a model we know little about.
 */
final class Bootstrap {
    private Bootstrap() {}

    /** Ratings of every round, [rounds][models] in the order of {@code battles.models}. */
    static double[][] ratings(IndexedBattles battles, BradleyTerry fitter, int rounds, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[rounds];
        for (int r = 0; r < rounds; r++) seeds[r] = root.nextLong();
        double[][] ratings = new double[rounds][];
        IntStream.range(0, rounds).parallel()
                .forEach(r -> ratings[r] = fitter.fit(battles.resample(new SplittableRandom(seeds[r]))));
        return ratings;
    }

    /** The q-quantile (0 to 1) of one model's column, interpolating linearly between order statistics. */
    static double percentile(double[][] ratings, int model, double q) {
        double[] column = new double[ratings.length];
        for (int r = 0; r < ratings.length; r++) column[r] = ratings[r][model];
        Arrays.sort(column);
        double position = q * (column.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, column.length - 1);
        return column[below] + (position - below) * (column[above] - column[below]);
    }
}
