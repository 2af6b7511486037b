package ai.gallop.eval;

import ai.gallop.media.Sound;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OnsetDetectorTest {
    private static final int SR = 16_000;

    /** Decaying noise clicks at the given times over white noise and a steady two-tone hum. */
    static Sound clicksInNoise(double[] times, double noiseRms, double humAmplitude, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[SR * 4];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) SR;
            x[i] = (float) (noiseRms * rng.nextGaussian()
                    + humAmplitude * (Math.sin(2 * Math.PI * 90 * t) + 0.5 * Math.sin(2 * Math.PI * 180 * t)));
        }
        for (double time : times) {
            int start = (int) Math.round(time * SR);
            for (int i = 0; i < SR / 10 && start + i < x.length; i++)
                x[start + i] += (float) (0.3 * rng.nextGaussian() * Math.exp(-i / (0.004 * SR)));
        }
        return new Sound(x, SR);
    }

    private static double[] irregularTimes(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] times = new double[14];
        double t = 0.1;
        for (int i = 0; i < times.length; i++) {
            t += 0.12 + 0.15 * rng.nextDouble();
            times[i] = t;
        }
        return times;
    }

    @Test
    void findsEveryClickInNoiseWithinAFewMilliseconds() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] times = irregularTimes(seed);
            double[] onsets = new OnsetDetector().detect(clicksInNoise(times, 0.005, 0.02, seed));
            OnsetScores s = OnsetScores.of(onsets, times);
            assertThat(s.precision()).as("precision, seed " + seed).isEqualTo(1.0);
            assertThat(s.recall()).as("recall, seed " + seed).isEqualTo(1.0);
            assertThat(s.meanAbsOffsetSeconds()).as("mean |offset|").isLessThan(0.002);
            EventMatching m = EventMatching.of(onsets, times, 0.05);
            for (int[] p : m.pairs()) assertThat(Math.abs(m.first()[p[0]] - m.second()[p[1]])).isLessThan(0.005);
        }
    }

    @Test
    void steadyNoiseAndHumAloneHaveNoOnsets() {
        assertThat(new OnsetDetector().detect(clicksInNoise(new double[0], 0.01, 0.05, 7))).isEmpty();
    }

    @Test
    void silenceAndMissingTracksHaveNoOnsets() {
        assertThat(new OnsetDetector().detect(Sound.silence(2, SR))).isEmpty();
        assertThat(new OnsetDetector().detect(null)).isEmpty();
        assertThat(new OnsetDetector().detect(new Sound(new float[0], SR))).isEmpty();
        assertThat(new OnsetDetector().detect(new Sound(new float[5], SR))).isEmpty();
    }

    @Test
    void sameSoundSameOnsets() {
        Sound s = clicksInNoise(irregularTimes(4), 0.005, 0.02, 4);
        assertThat(new OnsetDetector().detect(s)).containsExactly(new OnsetDetector().detect(s));
    }

    @Test
    void onsetScoresMergeSimultaneousEventsAndHandleEmptySides() {
        OnsetScores s = OnsetScores.of(new double[]{0.5, 1.0}, new double[]{0.5, 0.5, 1.0, 2.0});
        assertThat(s.events()).as("two subjects landing together are one sound").isEqualTo(3);
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
        OnsetScores none = OnsetScores.of(new double[0], new double[]{1.0});
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.meanAbsOffsetSeconds()).isEqualTo(OnsetScores.TOLERANCE_SECONDS);
        OnsetScores nothing = OnsetScores.of(new double[0], new double[0]);
        assertThat(nothing.precision()).isEqualTo(1.0);
        assertThat(nothing.recall()).isEqualTo(1.0);
    }
}
