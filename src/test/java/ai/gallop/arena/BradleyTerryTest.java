package ai.gallop.arena;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BradleyTerryTest {
    private final BradleyTerry fitter = new BradleyTerry();

    @Test void winProbabilityFollowsTheEloCurve() {
        assertThat(BradleyTerry.winProbability(1000, 1000)).isEqualTo(0.5);
        assertThat(BradleyTerry.winProbability(1400, 1000)).isCloseTo(10.0 / 11, within(1e-12));
        assertThat(BradleyTerry.winProbability(1000, 1400)).isCloseTo(1.0 / 11, within(1e-12));
        assertThat(BradleyTerry.winProbability(1100, 1000)).isCloseTo(0.6401, within(1e-4));
    }

    @Test void recoversKnownRatingsFromSimulatedBattles() {
        WinMatrix matrix = WinMatrix.of(SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 20_000, 1));
        double[] ratings = fitter.fit(matrix);
        assertThat(matrix.models()).containsExactly("m0800", "m0900", "m1000", "m1100", "m1200");
        for (int i = 0; i < 5; i++)
            assertThat(ratings[i]).as(matrix.models().get(i)).isCloseTo(SimulatedArena.FIVE_RATINGS[i], within(20.0));
        assertThat(Arrays.stream(ratings).average().orElseThrow()).isCloseTo(1000, within(1e-9));
    }

    @Test void aModelThatAlwaysTiesIsRatedEqualToItsOpponent() {
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 70; k++) battles.add(battle("strong", "weak", Outcome.A));
        for (int k = 0; k < 30; k++) battles.add(battle("strong", "weak", Outcome.B));
        for (int k = 0; k < 100; k++) battles.add(battle("tier", "strong", k % 2 == 0 ? Outcome.TIE : Outcome.BOTH_BAD));
        WinMatrix matrix = WinMatrix.of(battles);
        double[] r = fitter.fit(matrix); // models sorted: strong, tier, weak
        assertThat(r[1]).isCloseTo(r[0], within(0.5));
        assertThat(r[0] - r[2]).isCloseTo(400 * Math.log10(70.0 / 30), within(5.0));
    }

    @Test void tiesCountHalfAWinForEachSide() {
        List<Battle> ties = new ArrayList<>(), split = new ArrayList<>(), bothBad = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            split.add(battle("x", "y", Outcome.A));
            split.add(battle("x", "y", Outcome.B));
            ties.add(battle("x", "y", Outcome.TIE));
            ties.add(battle("y", "x", Outcome.TIE));
            bothBad.add(battle("x", "y", Outcome.BOTH_BAD));
            bothBad.add(battle("x", "y", Outcome.BOTH_BAD));
        }
        assertThat(fitter.fit(WinMatrix.of(ties))).containsExactly(1000, 1000);
        assertThat(fitter.fit(WinMatrix.of(split))).containsExactly(fitter.fit(WinMatrix.of(ties)));
        assertThat(fitter.fit(WinMatrix.of(bothBad))).containsExactly(fitter.fit(WinMatrix.of(ties)));
    }

    @Test void aModelThatWinsEverythingStaysFinite() {
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 500; k++) battles.add(battle("champion", "middle", Outcome.A));
        for (int k = 0; k < 300; k++) battles.add(battle("middle", "last", k < 200 ? Outcome.A : Outcome.B));
        double[] r = fitter.fit(WinMatrix.of(battles)); // champion, last, middle
        assertThat(Arrays.stream(r).allMatch(Double::isFinite)).isTrue();
        assertThat(r[0] - r[2]).isGreaterThan(600).isLessThan(3000);
        assertThat(r[2] - r[1]).isCloseTo(400 * Math.log10(2), within(5.0));
    }

    @Test void anAnchorModelSitsAt1000AndKeepsTheGaps() {
        WinMatrix matrix = WinMatrix.of(SimulatedArena.battles(Pool.I2V, SimulatedArena.FIVE_RATINGS, 3000, 2));
        double[] mean = fitter.fit(matrix);
        double[] anchored = new BradleyTerry(BradleyTerry.DEFAULT_L2, "m1200").fit(matrix);
        assertThat(anchored[4]).isEqualTo(1000);
        for (int i = 0; i < 5; i++) assertThat(anchored[i] - anchored[4]).isCloseTo(mean[i] - mean[4], within(1e-9));
        assertThatThrownBy(() -> new BradleyTerry(BradleyTerry.DEFAULT_L2, "nobody").fit(matrix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anchor model 'nobody'");
    }

    @Test void inputOrderDoesNotMatter() {
        List<Battle> battles = new ArrayList<>(SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 2000, 3));
        double[] before = fitter.fit(WinMatrix.of(battles));
        Collections.shuffle(battles, new Random(4));
        assertThat(fitter.fit(WinMatrix.of(battles))).containsExactly(before, within(1e-9));
    }

    @Test void fitsFiftyModelsAndAHundredThousandBattlesWellUnderASecond() {
        double[] truth = new double[50];
        for (int i = 0; i < 50; i++) truth[i] = 700 + 12 * i;
        List<Battle> battles = SimulatedArena.battles(Pool.T2V_AUDIO, truth, 100_000, 5);
        fitter.fit(WinMatrix.of(battles)); // let the JIT compile the loops first
        long best = Long.MAX_VALUE;
        double[] r = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the best of three, so a busy machine does not decide
            long start = System.nanoTime();
            r = fitter.fit(WinMatrix.of(battles));
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        assertThat(best).as("aggregate + fit in ms").isLessThan(1000);
        double meanTruth = Arrays.stream(truth).average().orElseThrow();
        for (int i = 0; i < 50; i++) assertThat(r[i]).isCloseTo(truth[i] - meanTruth + 1000, within(40.0));
    }

    @Test void rejectsBadSettingsAndMatrices() {
        assertThatThrownBy(() -> new BradleyTerry(0, null)).hasMessageContaining("L2 weight 0.0 is out of range");
        assertThatThrownBy(() -> WinMatrix.of(List.of("a", "b"), new double[][]{{0, -1}, {2, 0}}))
                .hasMessageContaining("score[0][1] = -1.0");
        assertThatThrownBy(() -> WinMatrix.of(List.of("a", "a"), new double[][]{{0, 1}, {2, 0}}))
                .hasMessageContaining("repeat");
    }

    @Test void handMadeMatrixGivesTheClosedFormForTwoModels() {
        double[] r = new BradleyTerry(1e-9, null).fit(WinMatrix.of(List.of("a", "b"), new double[][]{{0, 90}, {10, 0}}));
        assertThat(r[0] - r[1]).isCloseTo(400 * Math.log10(9), within(0.01));
    }

    private static Battle battle(String a, String b, Outcome outcome) {
        return new Battle(Pool.T2V, a, b, "a horse gallops", outcome);
    }
}
