package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AvAlignTest {

    @Test
    void matchingIsOneToOneWithinTheToleranceAndPrefersSmallOffsets() {
        EventMatching m = EventMatching.of(new double[]{0.0, 0.1, 0.5}, new double[]{0.09, 0.52, 0.9}, 0.125);
        assertThat(m.matches()).isEqualTo(2);
        // 0.09 goes to 0.1 (offset 0.01), not to 0.0 (offset 0.09)
        assertThat(m.meanAbsOffset()).isCloseTo((0.01 + 0.02) / 2, within(1e-12));
        assertThat(EventMatching.of(new double[]{1.0}, new double[]{1.2}, 0.125).matches()).isZero();
        assertThat(EventMatching.of(new double[0], new double[]{1}, 0.1).meanAbsOffset()).isNaN();
    }

    @Test
    void matchingFindsTheMostPairsEvenWhenGreedyWouldNot() {
        // greedy nearest-first pairs 0.10 with 0.06 and leaves 0.0 and 0.19 unmatched
        EventMatching m = EventMatching.of(new double[]{0.0, 0.10}, new double[]{0.06, 0.19}, 0.1);
        assertThat(m.matches()).isEqualTo(2);
    }

    @Test
    void avAlignIsIntersectionOverUnion() {
        AvAlign.Result r = AvAlign.score(new double[]{0.5, 1.0, 1.5, 2.5}, new double[]{0.52, 1.05, 2.0}, 8);
        assertThat(r.matches()).isEqualTo(2);
        assertThat(r.score()).isCloseTo(2.0 / (4 + 3 - 2), within(1e-12));
        assertThat(AvAlign.score(new double[]{0.5}, new double[]{0.5 + 1.0 / 8}, 8).matches())
                .as("exactly one frame period apart is not a match (strict, as published)").isZero();
        assertThat(AvAlign.score(new double[0], new double[0], 8).score()).isEqualTo(1);
        assertThat(AvAlign.score(new double[0], new double[]{1}, 8).score()).isZero();
    }

    @Test
    void avAlignRejectsBadInput() {
        assertThatThrownBy(() -> AvAlign.score(new double[]{1}, new double[]{1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps");
        assertThatThrownBy(() -> AvAlign.score(new double[]{Double.NaN}, new double[]{1}, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    /** A square that moves slowly but jumps far at frames 5 and 11. */
    private static List<RgbFrame> jumpingSquare() {
        List<RgbFrame> frames = new ArrayList<>();
        int x = 4;
        for (int k = 0; k < 16; k++) {
            x += k == 5 || k == 11 ? 12 : 1;
            RgbFrame f = RgbFrame.blank(64, 32);
            for (int yy = 10; yy < 18; yy++) for (int xx = x; xx < x + 8; xx++) f.set(xx % 64, yy, 0xffffff);
            frames.add(f);
        }
        return frames;
    }

    @Test
    void motionPeaksSitBetweenTheFramesThatChangeMost() {
        double[] curve = MotionPeaks.motionCurve(jumpingSquare());
        assertThat(curve).hasSize(15);
        double[] peaks = MotionPeaks.peakTimes(jumpingSquare(), 8);
        assertThat(peaks).containsExactly((5 - 0.5) / 8, (11 - 0.5) / 8);
    }

    @Test
    void stillVideoHasNoMotionPeaks() {
        List<RgbFrame> still = new ArrayList<>();
        for (int k = 0; k < 10; k++) still.add(RgbFrame.blank(32, 32));
        assertThat(MotionPeaks.peakTimes(still, 8)).isEmpty();
        assertThat(MotionPeaks.peakTimes(still.subList(0, 1), 8)).isEmpty();
    }
}
