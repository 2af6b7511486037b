package ai.gallop.arena;

import java.util.Arrays;

/**
 * Bradley-Terry ratings on the Elo scale: model a beats model b with probability
 * {@code 1 / (1 + 10^((r_b - r_a) / 400))}. The ratings maximise the likelihood of the observed wins
 * (ties and "both bad" count one half for each side), found by Newton's method with a backtracking
 * line search on the count-weighted cross-entropy.
 *
 * <p>A small L2 penalty on the ratings keeps them finite when a model wins (or loses) every battle,
 * where the plain maximum likelihood would run off to infinity; with the default weight it moves a
 * model that has played a few hundred battles by well under a rating point. The penalty also pins the
 * mean: at the optimum the ratings average exactly {@value #MEAN_RATING}, unless an anchor model is
 * named, in which case all ratings are shifted so that the anchor sits at {@value #MEAN_RATING}.
 */
public final class BradleyTerry {
    public static final double MEAN_RATING = 1000;
    /** Rating points per natural-log unit of odds: 400 points is a factor of 10 in the odds. */
    public static final double POINTS_PER_NAT = 400 / Math.log(10);
    /** Penalty weight per model on the squared natural-log strength: a prior with a standard deviation of about 1,700 points. */
    public static final double DEFAULT_L2 = 0.01;

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-10; // largest step, in natural-log units

    private final double l2;
    private final String anchor;

    public BradleyTerry() { this(DEFAULT_L2, null); }

    /** @param anchor the model placed at {@value #MEAN_RATING}, or null to put the mean there */
    public BradleyTerry(double l2, String anchor) {
        if (!(l2 > 0 && l2 <= 1000)) throw new IllegalArgumentException("L2 weight " + l2 + " is out of range; allowed: above 0 up to 1000");
        this.l2 = l2;
        this.anchor = anchor;
    }

    public String anchor() { return anchor; }

    /** The probability that a model rated {@code ratingA} beats one rated {@code ratingB}. */
    public static double winProbability(double ratingA, double ratingB) {
        return 1 / (1 + Math.pow(10, (ratingB - ratingA) / 400));
    }

    /** Ratings in the order of {@code matrix.models()}. */
    public double[] fit(WinMatrix matrix) {
        int m = matrix.size();
        int anchorIndex = anchor == null ? -1 : matrix.models().indexOf(anchor);
        if (anchor != null && anchorIndex < 0)
            throw new IllegalArgumentException("anchor model '" + anchor + "' has no battles; allowed: one of " + matrix.models());
        double[] strength = solve(matrix); // [m] natural-log units, mean 0
        // the penalty already centres the strengths; removing the last rounding error keeps the mean exact
        double shift = anchorIndex >= 0 ? strength[anchorIndex] : Arrays.stream(strength).average().orElse(0);
        double[] ratings = new double[m];
        for (int i = 0; i < m; i++) ratings[i] = MEAN_RATING + POINTS_PER_NAT * (strength[i] - shift);
        return ratings;
    }

    private double[] solve(WinMatrix w) {
        int m = w.size();
        double[] theta = new double[m], gradient = new double[m], step = new double[m], trial = new double[m];
        double[][] hessian = new double[m][m];
        double loss = loss(w, theta);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            derivatives(w, theta, gradient, hessian);
            choleskySolve(hessian, gradient, step); // H step = g
            double descent = 0;
            for (int i = 0; i < m; i++) descent += gradient[i] * step[i];
            // Newton can overshoot while a lopsided pair is far from its optimum; halve until the loss drops enough
            double t = 1, trialLoss;
            while (true) {
                for (int i = 0; i < m; i++) trial[i] = theta[i] - t * step[i];
                trialLoss = loss(w, trial);
                if (trialLoss <= loss - 1e-4 * t * descent || t < 1e-12) break;
                t /= 2;
            }
            double largest = 0;
            for (int i = 0; i < m; i++) largest = Math.max(largest, Math.abs(trial[i] - theta[i]));
            System.arraycopy(trial, 0, theta, 0, m);
            loss = trialLoss;
            if (largest < TOLERANCE) return theta;
        }
        return theta; // 200 damped Newton steps on a strictly convex loss leave it far below a thousandth of a point
    }

    /** Count-weighted cross-entropy plus the L2 penalty. */
    private double loss(WinMatrix w, double[] theta) {
        int m = theta.length;
        double total = 0;
        for (int i = 0; i < m; i++) {
            total += 0.5 * l2 * theta[i] * theta[i];
            for (int j = 0; j < m; j++) {
                double s = w.score(i, j);
                if (s > 0) total += s * softplus(theta[j] - theta[i]); // -log P(i beats j)
            }
        }
        return total;
    }

    private void derivatives(WinMatrix w, double[] theta, double[] gradient, double[][] hessian) {
        int m = theta.length;
        for (int i = 0; i < m; i++) {
            Arrays.fill(hessian[i], 0); // the previous solve left its factor here
            gradient[i] = l2 * theta[i];
            hessian[i][i] = l2;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double games = w.games(i, j);
                if (games == 0) continue;
                double p = sigmoid(theta[i] - theta[j]); // P(i beats j)
                double g = games * p - w.score(i, j);
                double h = games * p * (1 - p);
                gradient[i] += g;
                gradient[j] -= g;
                hessian[i][i] += h;
                hessian[j][j] += h;
                hessian[i][j] = -h;
                hessian[j][i] = -h;
            }
        }
    }

    /** Solves a x = b for a symmetric positive definite a (the L2 term guarantees it), overwriting a. */
    private static void choleskySolve(double[][] a, double[] b, double[] x) {
        int m = b.length;
        for (int j = 0; j < m; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) d -= a[j][k] * a[j][k];
            a[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < m; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= a[i][k] * a[j][k];
                a[i][j] = s / a[j][j];
            }
        }
        for (int i = 0; i < m; i++) { // L y = b
            double s = b[i];
            for (int k = 0; k < i; k++) s -= a[i][k] * x[k];
            x[i] = s / a[i][i];
        }
        for (int i = m - 1; i >= 0; i--) { // L^T x = y
            double s = x[i];
            for (int k = i + 1; k < m; k++) s -= a[k][i] * x[k];
            x[i] = s / a[i][i];
        }
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
