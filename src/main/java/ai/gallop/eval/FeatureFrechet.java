package ai.gallop.eval;

import java.util.List;

/**
 * FGD: Fréchet ground-truth-feature distance, NOT FVD. The Fréchet (2-Wasserstein) distance between
 * Gaussian fits of two sets of feature vectors,
 * {@code |mu_a - mu_b|^2 + tr(S_a + S_b - 2 (S_a^1/2 S_b S_a^1/2)^1/2)}, the formula FID and FVD use.
 * FVD feeds it I3D network features; the weights are not available here, so the callers feed it
 * hand-made features of what the world's ground truth describes (trajectory statistics, colour
 * histograms, motion statistics). Numbers from the two are not comparable, and reports must call
 * this one FGD.
 *
 * <p>The matrix square root is taken by symmetric eigendecomposition ({@link SymmetricEigen}) of
 * {@code S_a^1/2 S_b S_a^1/2}, which is symmetric positive semi-definite, so its trace root is the sum
 * of the roots of its eigenvalues and no complex parts appear (FID's scipy.sqrtm path needs to drop them).
 */
public final class FeatureFrechet {
    public static final String NAME = "FGD (Fréchet ground-truth-feature distance, not FVD)";

    private FeatureFrechet() {}

    /** Mean and sample covariance (divided by n - 1, as numpy.cov) of a set of feature vectors. */
    public record Gaussian(double[] mean, double[][] covariance, int count) {
        public int dimension() { return mean.length; }

        public static Gaussian fit(List<double[]> features) {
            if (features == null || features.size() < 2)
                throw new IllegalArgumentException("a Gaussian fit needs at least 2 feature vectors; got "
                        + (features == null ? 0 : features.size()));
            int d = features.getFirst().length, n = features.size();
            if (d == 0) throw new IllegalArgumentException("feature vectors are empty; allowed: 1 or more entries");
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                double[] f = features.get(i);
                if (f.length != d)
                    throw new IllegalArgumentException("feature vector " + i + " has " + f.length + " entries; expected " + d);
                for (int k = 0; k < d; k++) {
                    if (!Double.isFinite(f[k]))
                        throw new IllegalArgumentException("feature vector " + i + " entry " + k + " is " + f[k] + "; allowed: finite numbers");
                    mean[k] += f[k];
                }
            }
            for (int k = 0; k < d; k++) mean[k] /= n;
            double[][] cov = new double[d][d];                      // [d][d]
            for (double[] f : features)
                for (int i = 0; i < d; i++) {
                    double di = f[i] - mean[i];
                    for (int j = i; j < d; j++) cov[i][j] += di * (f[j] - mean[j]);
                }
            for (int i = 0; i < d; i++)
                for (int j = i; j < d; j++) {
                    cov[i][j] /= n - 1;
                    cov[j][i] = cov[i][j];
                }
            return new Gaussian(mean, cov, n);
        }
    }

    /** FGD between two sets of feature vectors (each at least 2 vectors of one common length). */
    public static double distance(List<double[]> a, List<double[]> b) {
        return distance(Gaussian.fit(a), Gaussian.fit(b));
    }

    public static double distance(Gaussian a, Gaussian b) {
        int d = a.dimension();
        if (b.dimension() != d)
            throw new IllegalArgumentException("feature sets differ in length: " + d + " and " + b.dimension() + "; allowed: equal lengths");
        double meanTerm = 0;
        for (int k = 0; k < d; k++) meanTerm += (a.mean()[k] - b.mean()[k]) * (a.mean()[k] - b.mean()[k]);
        double[][] rootA = SymmetricEigen.of(a.covariance()).sqrtPsd();                   // [d][d]
        double[][] inner = symmetrise(multiply(multiply(rootA, b.covariance()), rootA));  // [d][d]
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(inner).values()) traceRoot += Math.sqrt(Math.max(0, lambda));
        double trace = 0;
        for (int k = 0; k < d; k++) trace += a.covariance()[k][k] + b.covariance()[k][k];
        // identical fits give zero up to rounding; a distance cannot be negative
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length, m = y[0].length, inner = y.length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < inner; k++) {
                double xik = x[i][k];
                if (xik == 0) continue;
                for (int j = 0; j < m; j++) out[i][j] += xik * y[k][j];
            }
        return out;
    }

    /** Averages away the rounding asymmetry of a product that is symmetric in exact arithmetic. */
    private static double[][] symmetrise(double[][] m) {
        int n = m.length;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double avg = (m[i][j] + m[j][i]) / 2;
                m[i][j] = avg;
                m[j][i] = avg;
            }
        return m;
    }
}
