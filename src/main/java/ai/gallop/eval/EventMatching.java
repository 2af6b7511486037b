package ai.gallop.eval;

import java.util.Arrays;

/**
 * One-to-one matching of two sets of event times on the time line: the most pairs whose times differ
 * by less than a tolerance, and among those the smallest total offset. On a line an optimal matching
 * never crosses (pairs keep their time order), so a dynamic programme over the two sorted lists finds
 * it exactly. A one-to-one matching keeps scores such as matches / (|A| + |B| - matches) within [0, 1].
 */
public record EventMatching(double[] first, double[] second, int[][] pairs) {

    /** Matches {@code first} against {@code second}; pairs hold indices into the sorted copies kept here. */
    public static EventMatching of(double[] first, double[] second, double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance))
            throw new IllegalArgumentException("matching tolerance " + tolerance + " s is out of range; allowed: a positive number of seconds");
        double[] a = sortedCopy(first, "first"), b = sortedCopy(second, "second");
        int n = a.length, m = b.length;
        int[][] count = new int[n + 1][m + 1];          // best match count for a[i..], b[j..]
        double[][] cost = new double[n + 1][m + 1];     // smallest total |offset| at that count
        for (int i = n; i >= 0; i--)
            for (int j = m; j >= 0; j--) {
                if (i == n || j == m) continue;
                int bestCount = count[i + 1][j];
                double bestCost = cost[i + 1][j];
                if (better(count[i][j + 1], cost[i][j + 1], bestCount, bestCost)) {
                    bestCount = count[i][j + 1];
                    bestCost = cost[i][j + 1];
                }
                double offset = Math.abs(a[i] - b[j]);
                if (offset < tolerance && better(count[i + 1][j + 1] + 1, cost[i + 1][j + 1] + offset, bestCount, bestCost)) {
                    bestCount = count[i + 1][j + 1] + 1;
                    bestCost = cost[i + 1][j + 1] + offset;
                }
                count[i][j] = bestCount;
                cost[i][j] = bestCost;
            }
        int[][] pairs = new int[count[0][0]][];
        int i = 0, j = 0, k = 0;
        while (i < n && j < m) {
            double offset = Math.abs(a[i] - b[j]);
            if (offset < tolerance && count[i][j] == count[i + 1][j + 1] + 1 && cost[i][j] == cost[i + 1][j + 1] + offset) {
                pairs[k++] = new int[]{i, j};
                i++;
                j++;
            } else if (count[i][j] == count[i + 1][j] && cost[i][j] == cost[i + 1][j]) i++;
            else j++;
        }
        return new EventMatching(a, b, pairs);
    }

    public int matches() { return pairs.length; }

    /** Mean of |first - second| over the pairs; NaN when nothing matched. */
    public double meanAbsOffset() {
        if (pairs.length == 0) return Double.NaN;
        double sum = 0;
        for (int[] p : pairs) sum += Math.abs(first[p[0]] - second[p[1]]);
        return sum / pairs.length;
    }

    /** Mean of first - second over the pairs (positive: first comes late); NaN when nothing matched. */
    public double meanSignedOffset() {
        if (pairs.length == 0) return Double.NaN;
        double sum = 0;
        for (int[] p : pairs) sum += first[p[0]] - second[p[1]];
        return sum / pairs.length;
    }

    private static boolean better(int count, double cost, int bestCount, double bestCost) {
        return count > bestCount || (count == bestCount && cost < bestCost);
    }

    private static double[] sortedCopy(double[] times, String name) {
        if (times == null) throw new IllegalArgumentException(name + " event times are missing; allowed: an array, possibly empty");
        for (int i = 0; i < times.length; i++)
            if (!Double.isFinite(times[i]))
                throw new IllegalArgumentException(name + " event time " + i + " is " + times[i] + "; allowed: finite seconds");
        double[] copy = times.clone();
        Arrays.sort(copy);
        return copy;
    }
}
