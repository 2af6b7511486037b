package ai.gallop.arena;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The battles of one pool reduced to cells: a cell is one ordered pair of models with one outcome
 * score, and each battle only remembers its cell. Fifty models give a few thousand cells however many
 * battles there are, so a bootstrap round redraws a hundred thousand battles by counting into a small
 * array that stays in cache, and builds its win matrix from the cells.
 */
final class IndexedBattles {
    final List<String> models; // sorted by name
    private final int[] cellA, cellB;  // [cells] model indices
    private final double[] cellScoreA; // [cells] 1, 0 or 0.5
    private final int[] battleCell;    // [battles]

    private IndexedBattles(List<String> models, int[] cellA, int[] cellB, double[] cellScoreA, int[] battleCell) {
        this.models = models;
        this.cellA = cellA;
        this.cellB = cellB;
        this.cellScoreA = cellScoreA;
        this.battleCell = battleCell;
    }

    static IndexedBattles of(List<Battle> battles) {
        if (!battles.isEmpty()) {
            Pool pool = battles.getFirst().pool();
            for (Battle x : battles)
                if (x.pool() != pool)
                    throw new IllegalArgumentException("battles from pools " + pool.id() + " and " + x.pool().id()
                            + " cannot share a leaderboard; allowed: one pool per fit");
        }
        // number models in order of appearance first (one hash lookup per name), then renumber them by name
        Map<String, Integer> seen = new HashMap<>();
        int n = battles.size();
        int[] a = new int[n], b = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = idOf(seen, battles.get(k).modelA());
            b[k] = idOf(seen, battles.get(k).modelB());
        }
        List<String> models = seen.keySet().stream().sorted().toList();
        int m = models.size();
        int[] byName = new int[m];
        for (int i = 0; i < m; i++) byName[seen.get(models.get(i))] = i;

        int outcomes = Outcome.values().length;
        Map<Long, Integer> cellOf = new HashMap<>(); // (a, b, outcome) -> cell
        int[] cellA = new int[n], cellB = new int[n];
        double[] cellScoreA = new double[n];
        int[] battleCell = new int[n];
        for (int k = 0; k < n; k++) {
            Outcome outcome = battles.get(k).outcome();
            int i = byName[a[k]], j = byName[b[k]];
            Integer cell = cellOf.get(((long) i * m + j) * outcomes + outcome.ordinal());
            if (cell == null) {
                cell = cellOf.size();
                cellOf.put(((long) i * m + j) * outcomes + outcome.ordinal(), cell);
                cellA[cell] = i;
                cellB[cell] = j;
                cellScoreA[cell] = outcome.scoreA();
            }
            battleCell[k] = cell;
        }
        int cells = cellOf.size();
        return new IndexedBattles(models, Arrays.copyOf(cellA, cells), Arrays.copyOf(cellB, cells),
                Arrays.copyOf(cellScoreA, cells), battleCell);
    }

    private static int idOf(Map<String, Integer> seen, String model) {
        Integer id = seen.get(model);
        if (id == null) seen.put(model, id = seen.size());
        return id;
    }

    WinMatrix matrix() {
        return matrix(counts());
    }

    /** As many battles as there are, drawn with replacement. */
    WinMatrix resample(SplittableRandom random) {
        int[] count = new int[cellA.length];
        for (int k = 0; k < battleCell.length; k++) count[battleCell[random.nextInt(battleCell.length)]]++;
        return matrix(count);
    }

    /** Per model: battles played and the score earned (wins plus half of ties), [2][models]. */
    double[][] battlesAndScore() {
        int[] count = counts();
        double[] played = new double[models.size()], earned = new double[models.size()];
        for (int c = 0; c < cellA.length; c++) {
            played[cellA[c]] += count[c];
            played[cellB[c]] += count[c];
            earned[cellA[c]] += count[c] * cellScoreA[c];
            earned[cellB[c]] += count[c] * (1 - cellScoreA[c]);
        }
        return new double[][]{played, earned};
    }

    private int[] counts() {
        int[] count = new int[cellA.length];
        for (int cell : battleCell) count[cell]++;
        return count;
    }

    private WinMatrix matrix(int[] count) {
        double[][] score = new double[models.size()][models.size()];
        for (int c = 0; c < cellA.length; c++) {
            score[cellA[c]][cellB[c]] += count[c] * cellScoreA[c];
            score[cellB[c]][cellA[c]] += count[c] * (1 - cellScoreA[c]);
        }
        return WinMatrix.owning(models, score);
    }
}
