package ai.gallop.arena;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * Battles of one pool aggregated per ordered pair of models: {@code score(i, j)} is how many times
 * model i beat model j, with a tie (or "both bad") counting one half for each side. A fit only needs
 * these sums, so it costs the same for a hundred battles as for a million.
 */
public final class WinMatrix {
    private final List<String> models;
    private final double[][] score; // [m][m]

    private WinMatrix(List<String> models, double[][] score) {
        this.models = models;
        this.score = score;
    }

    /** Aggregates battles of one pool; the models are sorted by name so that the result never depends on input order. */
    public static WinMatrix of(Collection<Battle> battles) {
        return IndexedBattles.of(List.copyOf(battles)).matrix();
    }

    /** A hand-made matrix: distinct model names, score[i][j] finite and non-negative, zero on the diagonal. */
    public static WinMatrix of(List<String> models, double[][] score) {
        List<String> names = List.copyOf(models);
        int m = names.size();
        if (new HashSet<>(names).size() != m) throw new IllegalArgumentException("model names repeat in " + names + "; allowed: distinct names");
        if (score.length != m) throw new IllegalArgumentException("score matrix has " + score.length + " rows for " + m + " models");
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            if (score[i].length != m)
                throw new IllegalArgumentException("score matrix row " + i + " has " + score[i].length + " columns for " + m + " models");
            for (int j = 0; j < m; j++) {
                double s = score[i][j];
                if (!(s >= 0 && s < Double.POSITIVE_INFINITY) || (i == j && s != 0))
                    throw new IllegalArgumentException("score[" + i + "][" + j + "] = " + s + "; allowed: finite, non-negative, zero on the diagonal");
            }
            copy[i] = score[i].clone();
        }
        return new WinMatrix(names, copy);
    }

    /** Wraps arrays the package has just built, without copying. */
    static WinMatrix owning(List<String> models, double[][] score) { return new WinMatrix(models, score); }

    public List<String> models() { return models; }

    public int size() { return models.size(); }

    /** Wins of model i over model j, ties counted half. */
    public double score(int i, int j) { return score[i][j]; }

    /** Battles between models i and j. */
    public double games(int i, int j) { return score[i][j] + score[j][i]; }
}
