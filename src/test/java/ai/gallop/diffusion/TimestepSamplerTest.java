package ai.gallop.diffusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimestepSamplerTest {
    @Test
    void logitsAreNormalWithTheConfiguredMeanAndTimesStayInsideTheUnitInterval() {
        for (double mean : new double[]{0, 1.0, 1.5}) {
            TimestepSampler sampler = TimestepSampler.logitNormal(mean);
            SplittableRandom rng = new SplittableRandom(7);
            int n = 20_000;
            double[] t = new double[n], logit = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = sampler.sample(rng);
                logit[i] = Math.log(t[i] / (1 - t[i]));
            }
            double m = Arrays.stream(logit).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(logit).map(x -> (x - m) * (x - m)).sum() / (n - 1));
            assertThat(m).as("mean logit for %s", mean).isCloseTo(mean, within(0.04));
            assertThat(sd).isCloseTo(1.0, within(0.04));
            assertThat(Arrays.stream(t).min().orElseThrow()).isGreaterThan(0);
            assertThat(Arrays.stream(t).max().orElseThrow()).isLessThanOrEqualTo(1);
            Arrays.sort(t);
            assertThat(t[n / 2]).as("median = sigmoid(mean)").isCloseTo(1 / (1 + Math.exp(-mean)), within(0.015));
        }
    }

    @Test
    void shiftKeepsTheEndsAndMovesMassTowardNoise() {
        assertThat(TimestepSampler.shift(0, 3)).isZero();
        assertThat(TimestepSampler.shift(1, 3)).isEqualTo(1.0);
        assertThat(TimestepSampler.shift(0.5, 3)).isCloseTo(0.75, within(1e-12));
        assertThat(TimestepSampler.shift(0.5, 1)).isEqualTo(0.5);
        double plain = 0, shifted = 0;
        SplittableRandom a = new SplittableRandom(1), b = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            plain += new TimestepSampler(0, 1, 1).sample(a);
            shifted += new TimestepSampler(0, 1, 3).sample(b);
        }
        assertThat(shifted / 2000).isGreaterThan(plain / 2000 + 0.1);
    }

    @Test
    void theSameGeneratorSeedGivesTheSameTimes() {
        TimestepSampler s = TimestepSampler.logitNormal(1);
        SplittableRandom a = new SplittableRandom(42), b = new SplittableRandom(42);
        for (int i = 0; i < 100; i++) assertThat(s.sample(a)).isEqualTo(s.sample(b));
    }
}
