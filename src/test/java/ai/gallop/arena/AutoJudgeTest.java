package ai.gallop.arena;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoJudgeTest {
    @Test void theHigherScoreWinsUnlessTheScoresAreWithinTheMargin() {
        assertThat(AutoJudge.vote(0.8, 0.5, 0.1)).isEqualTo(Outcome.A);
        assertThat(AutoJudge.vote(0.5, 0.8, 0.1)).isEqualTo(Outcome.B);
        assertThat(AutoJudge.vote(0.55, 0.5, 0.1)).isEqualTo(Outcome.TIE);
        assertThat(AutoJudge.vote(0.5, 0.75, 0.25)).isEqualTo(Outcome.TIE);
        assertThat(AutoJudge.vote(0.5, 0.5, 0)).isEqualTo(Outcome.TIE);
        assertThat(AutoJudge.vote(0.5000001, 0.5, 0)).isEqualTo(Outcome.A);
    }

    @Test void scoresClipsThroughAnyScorerAndRecordsItselfAsTheJudge() {
        record Clip(String model, double adherence) {}
        AutoJudge<Clip> judge = new AutoJudge<>("auto:adherence", 0.05, Clip::adherence);
        Battle battle = judge.battle(Pool.T2V_AUDIO, "a horse gallops", "big", new Clip("big", 0.9), "small", new Clip("small", 0.6));
        assertThat(battle).isEqualTo(new Battle(Pool.T2V_AUDIO, "big", "small", "a horse gallops", Outcome.A, "auto:adherence", null));
        assertThat(judge.vote(new Clip("x", 0.6), new Clip("y", 0.62))).isEqualTo(Outcome.TIE);
    }

    @Test void autoJudgedBattlesRankTheBetterModelFirst() {
        double[] quality = {0.3, 0.5, 0.7}; // mean adherence of models q0, q1, q2
        SplittableRandom random = new SplittableRandom(11);
        AutoJudge<Double> judge = new AutoJudge<>("auto:test", 0.02, Double::doubleValue);
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            int a = random.nextInt(3), b = (a + 1 + random.nextInt(2)) % 3;
            battles.add(judge.battle(Pool.I2V, "p" + k, "q" + a, quality[a] + 0.3 * random.nextGaussian(),
                    "q" + b, quality[b] + 0.3 * random.nextGaussian()));
        }
        Leaderboard board = Leaderboard.fit(Pool.I2V, battles, new BradleyTerry(), 100, 0);
        assertThat(board.rows()).extracting(Leaderboard.Row::model).containsExactly("q2", "q1", "q0");
        assertThat(board.rows()).extracting(Leaderboard.Row::rank).containsExactly(1, 2, 3);
    }

    @Test void rejectsScoresAndMarginsThatCannotBeCompared() {
        assertThatThrownBy(() -> AutoJudge.vote(Double.NaN, 0.5, 0.1)).hasMessage("score of clip A is NaN; allowed: a finite number");
        assertThatThrownBy(() -> AutoJudge.vote(0.5, 0.5, -0.1)).hasMessageContaining("margin -0.1 is out of range");
        assertThatThrownBy(() -> new AutoJudge<Double>(" ", 0.1, Double::doubleValue)).hasMessageContaining("needs a name");
    }
}
