package ai.gallop.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapTest {

    @Test
    void intervalContainsTheMeanAndShrinksWithMoreData() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] small = new double[20], large = new double[2000];
        for (int i = 0; i < small.length; i++) small[i] = 5 + rng.nextGaussian();
        for (int i = 0; i < large.length; i++) large[i] = 5 + rng.nextGaussian();
        Bootstrap.Interval a = Bootstrap.meanInterval(small), b = Bootstrap.meanInterval(large);
        assertThat(a.contains(a.mean())).isTrue();
        assertThat(b.contains(b.mean())).isTrue();
        assertThat(b.contains(5)).as("the true mean 5 is inside").isTrue();
        // the half-width of a 95% interval of a mean is about 1.96 sigma / sqrt(n)
        assertThat(b.halfWidth()).isCloseTo(1.96 / Math.sqrt(2000), org.assertj.core.data.Offset.offset(0.01));
        assertThat(a.halfWidth()).isGreaterThan(3 * b.halfWidth());
    }

    @Test
    void coversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        SplittableRandom rng = new SplittableRandom(11);
        int covered = 0, trials = 200;
        for (int trial = 0; trial < trials; trial++) {
            double[] v = new double[40];
            for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() < 0.3 ? 1 : 0;   // Bernoulli(0.3)
            if (Bootstrap.meanInterval(v, 400, trial).contains(0.3)) covered++;
        }
        assertThat(covered / (double) trials).isBetween(0.88, 0.99);
    }

    @Test
    void sameSeedSameInterval() {
        double[] v = {0.1, 0.9, 0.4, 0.35, 0.7};
        assertThat(Bootstrap.meanInterval(v)).isEqualTo(Bootstrap.meanInterval(v));
        assertThat(Bootstrap.meanInterval(v, 500, 1)).isNotEqualTo(Bootstrap.meanInterval(v, 500, 2));
    }

    @Test
    void constantValuesGiveAPointInterval() {
        Bootstrap.Interval i = Bootstrap.meanInterval(new double[]{0.7, 0.7, 0.7});
        assertThat(i.mean()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(i.upper() - i.lower()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void badInputIsRejectedWithOneLine() {
        assertThatThrownBy(() -> Bootstrap.meanInterval(new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> Bootstrap.meanInterval(new double[]{1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> Bootstrap.meanInterval(new double[]{1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: 10 to");
    }
}
