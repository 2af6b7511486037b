package ai.gallop.arena;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaderboardTest {
    private final BradleyTerry fitter = new BradleyTerry();

    @Test void intervalsCoverTheTrueRatingsAboutNineteenTimesInTwenty() {
        int covered = 0, total = 0;
        for (long dataset = 0; dataset < 20; dataset++) {
            Leaderboard board = Leaderboard.fit(Pool.T2V, SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 2000, 100 + dataset),
                    fitter, 200, dataset);
            for (double truth : SimulatedArena.FIVE_RATINGS) {
                Leaderboard.Row row = board.row(SimulatedArena.name(truth));
                assertThat(row.lower()).isLessThanOrEqualTo(row.rating());
                assertThat(row.upper()).isGreaterThanOrEqualTo(row.rating());
                if (row.lower() <= truth && truth <= row.upper()) covered++;
                total++;
            }
        }
        assertThat(covered / (double) total).as("coverage of 95% intervals").isBetween(0.85, 1.0);
    }

    @Test void moreBattlesGiveNarrowerIntervals() {
        double few = meanWidth(Leaderboard.fit(Pool.T2V, SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 1000, 7), fitter, 200, 1));
        double many = meanWidth(Leaderboard.fit(Pool.T2V, SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 16_000, 7), fitter, 200, 1));
        assertThat(many).isLessThan(few / 2.5); // sixteen times the battles, about a quarter of the width
    }

    @Test void rankCountsOnlyModelsWhoseLowerBoundIsAboveThisUpperBound() {
        double[] lower = {1100, 1050, 900, 850, 700};
        double[] upper = {1200, 1150, 1000, 990, 800};
        assertThat(Leaderboard.ranks(lower, upper)).containsExactly(1, 1, 3, 3, 5);
    }

    @Test void rowsAreSortedAndCountBattlesAndWinRates() {
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 30; k++) battles.add(new Battle(Pool.I2V, "b", "a", "p", Outcome.A));
        for (int k = 0; k < 10; k++) battles.add(new Battle(Pool.I2V, "a", "b", "p", Outcome.TIE));
        for (int k = 0; k < 20; k++) battles.add(new Battle(Pool.I2V, "c", "a", "p", k < 5 ? Outcome.A : Outcome.B));
        Leaderboard board = Leaderboard.fit(Pool.I2V, battles, fitter, 50, 0);
        assertThat(board.rows()).extracting(Leaderboard.Row::model).containsExactly("b", "a", "c");
        assertThat(board.battles()).isEqualTo(60);
        assertThat(board.row("a").battles()).isEqualTo(60);
        assertThat(board.row("a").winRate()).isEqualTo((5 + 15) / 60.0);
        assertThat(board.row("b").winRate()).isEqualTo(35 / 40.0);
        assertThat(board.row("c").winRate()).isEqualTo(5 / 20.0);
        assertThat(board.rows().get(0).rank()).isEqualTo(1);
    }

    @Test void poolsAreRankedSeparately() {
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            battles.add(new Battle(Pool.T2V, "x", "y", "p", k < 80 ? Outcome.A : Outcome.B));
            battles.add(new Battle(Pool.T2V_AUDIO, "x", "y", "p", k < 20 ? Outcome.A : Outcome.B));
            battles.add(new Battle(Pool.T2V_AUDIO, "z", "y", "p", Outcome.TIE));
        }
        List<Leaderboard> boards = Leaderboard.fitEach(battles, fitter, 100, 3);
        assertThat(boards).extracting(Leaderboard::pool).containsExactly(Pool.T2V, Pool.T2V_AUDIO);
        assertThat(boards.get(0).rows()).extracting(Leaderboard.Row::model).containsExactly("x", "y");
        assertThat(boards.get(0).battles()).isEqualTo(100);
        assertThat(boards.get(1).rows().getLast().model()).isEqualTo("x");
        assertThat(boards.get(1).battles()).isEqualTo(200);
        assertThatThrownBy(() -> Leaderboard.fit(Pool.I2V, battles, fitter, 100, 3))
                .hasMessage("no battles in pool i2v; pools present: t2v, t2v-audio");
    }

    @Test void theSameSeedGivesTheSameLeaderboard() {
        List<Battle> battles = SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 3000, 9);
        Leaderboard first = Leaderboard.fit(Pool.T2V, battles, fitter, 100, 42);
        Leaderboard again = Leaderboard.fit(Pool.T2V, battles, fitter, 100, 42);
        Leaderboard other = Leaderboard.fit(Pool.T2V, battles, fitter, 100, 43);
        assertThat(again).isEqualTo(first);
        assertThat(LeaderboardTable.text(again)).isEqualTo(LeaderboardTable.text(first));
        assertThat(other.rows()).extracting(Leaderboard.Row::rating).isEqualTo(first.rows().stream().map(Leaderboard.Row::rating).toList());
        assertThat(other.rows()).extracting(Leaderboard.Row::lower).isNotEqualTo(first.rows().stream().map(Leaderboard.Row::lower).toList());
    }

    @Test void rejectsRoundsOutOfRange() {
        List<Battle> battles = SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 100, 9);
        assertThatThrownBy(() -> Leaderboard.fit(Pool.T2V, battles, fitter, 5, 0))
                .hasMessage("bootstrap rounds 5 is out of range; allowed: 10 to 10000");
    }

    @Test void rendersAlignedTextAndMarkdown() {
        List<Battle> battles = new ArrayList<>();
        for (int k = 0; k < 40; k++) battles.add(new Battle(Pool.I2V_AUDIO, "pipe|model", "a-much-longer-model-name", "p", k < 25 ? Outcome.A : Outcome.B));
        Leaderboard board = Leaderboard.fit(Pool.I2V_AUDIO, battles, fitter, 50, 0);
        String[] text = LeaderboardTable.text(board).split("\n");
        assertThat(text[0]).startsWith("i2v-audio: 2 models, 40 battles; 95% intervals from 50 bootstrap rounds (seed 0)");
        assertThat(text[1]).matches("Rank  Model\\s+Rating\\s+Lower\\s+Upper\\s+Battles\\s+Win rate");
        assertThat(text[2]).startsWith("   1  pipe|model  ").endsWith("62.5%");
        assertThat(text[1].length()).isEqualTo(text[2].length()).isEqualTo(text[3].length());
        String markdown = LeaderboardTable.markdown(board);
        assertThat(markdown).startsWith("### i2v-audio\n")
                .contains("| Rank | Model | Rating | Lower | Upper | Battles | Win rate |\n|---:|:---|")
                .contains("| 1 | pipe\\|model | ");
    }

    private static double meanWidth(Leaderboard board) {
        return board.rows().stream().mapToDouble(r -> r.upper() - r.lower()).average().orElseThrow();
    }
}
