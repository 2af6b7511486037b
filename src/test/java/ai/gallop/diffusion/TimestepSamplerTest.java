package ai.gallop.diffusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void anAnchorShareDrawsThatFractionNearNoiseAndNoShareDrawsAsBefore() {
        TimestepSampler mixed = new TimestepSampler(1, 1, 1, 0.25), plain = TimestepSampler.logitNormal(1);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20_000, nearNoise = 0, plainNearNoise = 0;
        for (int i = 0; i < n; i++) if (mixed.sample(rng) > 0.97) nearNoise++;
        for (int i = 0; i < n; i++) if (plain.sample(rng) > 0.97) plainNearNoise++;
        // P(t > 0.97) is 0.936 for an anchor draw (logit 3.48 against mean 5) and 0.007 for a plain one (mean 1)
        assertThat(nearNoise / (double) n).isCloseTo(0.25 * 0.936 + 0.75 * 0.007, within(0.015));
        assertThat(plainNearNoise / (double) n).isLessThan(0.02);

        SplittableRandom a = new SplittableRandom(9), b = new SplittableRandom(9);
        TimestepSampler noShare = new TimestepSampler(1, 1, 1, 0);
        for (int i = 0; i < 100; i++) assertThat(noShare.sample(a)).isEqualTo(plain.sample(b));
        assertThatThrownBy(() -> new TimestepSampler(1, 1, 1, 1.5)).hasMessage("anchor share 1.5 is out of range; allowed: 0 to 1");
    }
}
