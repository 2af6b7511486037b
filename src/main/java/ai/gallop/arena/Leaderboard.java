package ai.gallop.arena;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ranking of one pool: Bradley-Terry ratings fitted on all battles, with 95% intervals from a
 * seeded bootstrap. Rows are sorted by rating (then name). A rank counts only the models that are
 * clearly better: 1 + the number of models whose lower bound lies above this model's upper bound, so
 * models whose intervals overlap share a rank.
 *
 * @param anchor the model fixed at 1000, or null when the mean is
 */
public record Leaderboard(Pool pool, int battles, int rounds, long seed, String anchor, List<Row> rows) {
    public static final int MIN_ROUNDS = 10, MAX_ROUNDS = 10_000, DEFAULT_ROUNDS = 1000;

    /**
     * @param battles the battles this model played
     * @param winRate its wins plus half of its ties and "both bad" votes, over its battles
     */
    public record Row(int rank, String model, double rating, double lower, double upper, int battles, double winRate) {}

    public Leaderboard {
        Objects.requireNonNull(pool, "pool");
        rows = List.copyOf(rows);
    }

    /** Fits the leaderboard of one pool; battles of other pools are ignored. */
    public static Leaderboard fit(Pool pool, Collection<Battle> battles, BradleyTerry fitter, int rounds, long seed) {
        if (rounds < MIN_ROUNDS || rounds > MAX_ROUNDS)
            throw new IllegalArgumentException("bootstrap rounds " + rounds + " is out of range; allowed: " + MIN_ROUNDS + " to " + MAX_ROUNDS);
        List<Battle> own = battles.stream().filter(b -> b.pool() == pool).toList();
        if (own.isEmpty())
            throw new IllegalArgumentException("no battles in pool " + pool.id() + "; pools present: " + poolsPresent(battles));
        IndexedBattles indexed = IndexedBattles.of(own);
        if (fitter.anchor() != null && !indexed.models.contains(fitter.anchor()))
            throw new IllegalArgumentException("anchor model '" + fitter.anchor() + "' has no battles in pool " + pool.id()
                    + "; allowed: one of " + String.join(", ", indexed.models));
        int m = indexed.models.size();
        double[] rating = fitter.fit(indexed.matrix());
        double[][] bootstrap = Bootstrap.ratings(indexed, fitter, rounds, seed); // [rounds][m]
        double[] lower = new double[m], upper = new double[m];
        for (int i = 0; i < m; i++) {
            lower[i] = Bootstrap.percentile(bootstrap, i, 0.025);
            upper[i] = Bootstrap.percentile(bootstrap, i, 0.975);
        }
        int[] rank = ranks(lower, upper);
        double[][] played = indexed.battlesAndScore(); // [2][m]: battles, score
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < m; i++)
            rows.add(new Row(rank[i], indexed.models.get(i), rating[i], lower[i], upper[i],
                    (int) played[0][i], played[1][i] / played[0][i]));
        rows.sort(Comparator.comparingDouble(Row::rating).reversed().thenComparing(Row::model));
        return new Leaderboard(pool, own.size(), rounds, seed, fitter.anchor(), rows);
    }

    /** One leaderboard per pool that has battles, in the order pools are declared. */
    public static List<Leaderboard> fitEach(Collection<Battle> battles, BradleyTerry fitter, int rounds, long seed) {
        List<Leaderboard> boards = new ArrayList<>();
        for (Pool pool : Pool.values())
            if (battles.stream().anyMatch(b -> b.pool() == pool)) boards.add(fit(pool, battles, fitter, rounds, seed));
        if (boards.isEmpty()) throw new IllegalArgumentException("no battles to rank; expected at least one battle");
        return boards;
    }

    /** rank[i] = 1 + the number of models whose lower bound is above model i's upper bound. */
    public static int[] ranks(double[] lower, double[] upper) {
        if (lower.length != upper.length)
            throw new IllegalArgumentException(lower.length + " lower bounds for " + upper.length + " upper bounds; allowed: one of each per model");
        int[] rank = new int[lower.length];
        for (int i = 0; i < lower.length; i++) {
            rank[i] = 1;
            for (int j = 0; j < lower.length; j++) if (lower[j] > upper[i]) rank[i]++;
        }
        return rank;
    }

    public Row row(String model) {
        return rows.stream().filter(r -> r.model().equals(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model '" + model + "' is not on the " + pool.id() + " leaderboard"));
    }

    private static String poolsPresent(Collection<Battle> battles) {
        List<String> ids = battles.stream().map(Battle::pool).distinct().sorted().map(Pool::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
