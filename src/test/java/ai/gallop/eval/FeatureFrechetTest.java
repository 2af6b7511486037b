package ai.gallop.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureFrechetTest {

    private static List<double[]> gaussian(int n, int d, double shift, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[d];
            double common = rng.nextGaussian();
            for (int k = 0; k < d; k++) v[k] = shift + scale * (rng.nextGaussian() + 0.5 * common);   // correlated entries
            out.add(v);
        }
        return out;
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        List<double[]> a = gaussian(200, 6, 0, 1, 1);
        assertThat(FeatureFrechet.distance(a, a)).isCloseTo(0, within(1e-9));
    }

    @Test
    void growsWithTheSquareOfAMeanShift() {
        List<double[]> base = gaussian(400, 5, 0, 1, 2);
        double near = FeatureFrechet.distance(base, gaussian(400, 5, 0.5, 1, 3));
        double far = FeatureFrechet.distance(base, gaussian(400, 5, 2, 1, 3));
        // the mean term is |shift|^2 * d: 1.25 and 20, plus a small sampling part
        assertThat(near).isBetween(0.8, 2.0);
        assertThat(far).isBetween(18.0, 22.5);
        assertThat(far).isGreaterThan(near);
    }

    @Test
    void matchesTheClosedFormForDiagonalCovariances() {
        // for diagonal covariances the trace term is sum (sigma_a - sigma_b)^2
        FeatureFrechet.Gaussian a = new FeatureFrechet.Gaussian(new double[]{0, 0}, new double[][]{{4, 0}, {0, 1}}, 10);
        FeatureFrechet.Gaussian b = new FeatureFrechet.Gaussian(new double[]{1, 2}, new double[][]{{1, 0}, {0, 9}}, 10);
        assertThat(FeatureFrechet.distance(a, b)).isCloseTo(5 + 1 + 4, within(1e-9));
    }

    @Test
    void isSymmetricAndInvariantToRotation() {
        List<double[]> a = gaussian(300, 3, 0, 1, 4), b = gaussian(300, 3, 0.3, 2, 5);
        double ab = FeatureFrechet.distance(a, b), ba = FeatureFrechet.distance(b, a);
        assertThat(ab).isCloseTo(ba, within(1e-8 * (1 + ab)));
        double c = Math.cos(0.7), s = Math.sin(0.7);
        List<double[]> ra = a.stream().map(v -> new double[]{c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]}).toList();
        List<double[]> rb = b.stream().map(v -> new double[]{c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]}).toList();
        assertThat(FeatureFrechet.distance(ra, rb)).isCloseTo(ab, within(1e-8 * (1 + ab)));
    }

    @Test
    void isNamedSoNobodyTakesItForFvd() {
        assertThat(FeatureFrechet.NAME).startsWith("FGD").contains("not FVD");
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> FeatureFrechet.distance(List.of(new double[]{1}), gaussian(5, 1, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> FeatureFrechet.distance(gaussian(5, 2, 0, 1, 1), gaussian(5, 3, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> FeatureFrechet.distance(List.of(new double[]{1, 2}, new double[]{1}), gaussian(5, 2, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2");
    }

    @Test
    void jacobiDiagonalisesASymmetricMatrix() {
        double[][] m = {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 1}};
        SymmetricEigen e = SymmetricEigen.of(m);
        for (int i = 0; i < 3; i++) {
            double[] v = {e.vectors()[0][i], e.vectors()[1][i], e.vectors()[2][i]};
            for (int r = 0; r < 3; r++) {
                double mv = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
                assertThat(mv).isCloseTo(e.values()[i] * v[r], within(1e-10));
            }
        }
        double[][] root = e.sqrtPsd();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double sq = 0;
                for (int k = 0; k < 3; k++) sq += root[i][k] * root[k][j];
                assertThat(sq).isCloseTo(m[i][j], within(1e-10));
            }
    }
}
