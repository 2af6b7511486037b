package ai.gallop.eval;

/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method: plane rotations zero
 * the off-diagonal entries one at a time until they vanish. Slower than QR for large matrices but
 * simple, unconditionally stable and accurate for the small covariance matrices the evaluator uses.
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** values[i] is the eigenvalue of the column vectors[.][i]; the input is not modified. */
    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n)
                throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " entries; a symmetric matrix needs " + n);
            a[i] = matrix[i].clone();
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * (1 + Math.abs(a[i][j])))
                    throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + "); allowed: symmetric matrices");
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0, scale = 0;
            for (int i = 0; i < n; i++) {
                scale += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(scale, Double.MIN_NORMAL)) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                    if (a[p][q] != 0) rotate(a, v, p, q);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = a[i][i];
        return new SymmetricEigen(values, v);
    }

    /** Zeroes a[p][q] with the rotation from Golub and Van Loan (stable choice of the smaller angle). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p], akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k], aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /**
     * The symmetric positive semi-definite square root V diag(sqrt(max(0, lambda))) V^T: eigenvalues a
     * rounding error below zero are treated as zero, since covariances cannot have negative ones.
     */
    public double[][] sqrtPsd() {
        int n = values.length;
        double[] root = new double[n];
        for (int i = 0; i < n; i++) root[i] = Math.sqrt(Math.max(0, values[i]));
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += vectors[i][k] * root[k] * vectors[j][k];
                out[i][j] = sum;
                out[j][i] = sum;
            }
        return out;
    }
}
