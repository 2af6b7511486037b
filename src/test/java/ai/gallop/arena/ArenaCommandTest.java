package ai.gallop.arena;

import ai.gallop.GallopInProcess;
import ai.gallop.GallopInProcess.Run;
import ai.gallop.cli.GallopCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArenaCommandTest {
    @TempDir Path tmp;

    private static Run gallop(String... args) { return GallopInProcess.run(args); }

    private Path battles() throws IOException {
        List<Battle> all = new ArrayList<>(SimulatedArena.battles(Pool.T2V, SimulatedArena.FIVE_RATINGS, 2000, 1));
        all.addAll(SimulatedArena.battles(Pool.I2V_AUDIO, new double[]{950, 1050}, 500, 2));
        Path file = tmp.resolve("battles.jsonl");
        new BattleLog(file).appendAll(all);
        return file;
    }

    @Test void printsOneLeaderboardPerPool() throws IOException {
        Run run = gallop("arena", "fit", battles().toString(), "--rounds", "50");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("t2v: 5 models, 2000 battles; 95% intervals from 50 bootstrap rounds (seed 0)")
                .contains("i2v-audio: 2 models, 500 battles").doesNotContain("t2v-audio");
        assertThat(run.out().indexOf("m1200")).isLessThan(run.out().indexOf("m0800"));
        assertThat(run.out().lines().filter(l -> l.startsWith("Rank")).count()).isEqualTo(2);
    }

    @Test void theSameSeedPrintsTheSameBytes() throws IOException {
        Path file = battles();
        Run first = gallop("arena", "fit", file.toString(), "--rounds", "30", "--seed", "5");
        Run again = gallop("arena", "fit", file.toString(), "--rounds", "30", "--seed", "5");
        assertThat(again.out()).isEqualTo(first.out()).contains("(seed 5)");
    }

    @Test void filtersOnePoolAndPrintsMarkdownWithAnAnchor() throws IOException {
        Run run = gallop("arena", "fit", battles().toString(), "--pool", "t2v", "--rounds", "20", "--markdown", "--anchor", "m1000");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("### t2v\n\n5 models, 2000 battles; ").contains("anchor m1000 at 1000").contains("| Rank | Model |")
                .doesNotContain("i2v-audio");
        assertThat(run.out()).containsPattern("\\| m1000 \\| 1000\\.0 \\| 1000\\.0 \\| 1000\\.0 \\|");
    }

    @Test void badInputExitsWithTwoAndOneLineOnStderr() throws IOException {
        Path good = battles();
        Path malformed = tmp.resolve("malformed.jsonl");
        Files.writeString(malformed, Files.readAllLines(good).getFirst() + "\n{\"pool\":\"t2v\"}\n");
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "\n");
        List<List<String>> cases = List.of(
                List.of("arena", "fit", tmp.resolve("missing.jsonl").toString()),
                List.of("arena", "fit", malformed.toString()),
                List.of("arena", "fit", empty.toString()),
                List.of("arena", "fit", good.toString(), "--pool", "t3v"),
                List.of("arena", "fit", good.toString(), "--pool", "i2v"),
                List.of("arena", "fit", good.toString(), "--rounds", "5"),
                List.of("arena", "fit", good.toString(), "--anchor", "m1000"),
                List.of("arena", "fit", good.toString(), "--rounds", "many"));
        List<String> expected = List.of("no such file: " + tmp.resolve("missing.jsonl"), "malformed.jsonl line 2: battle has no modelA",
                "no battles in " + empty, "unknown pool 't3v'", "no battles in pool i2v; pools present: t2v, i2v-audio",
                "bootstrap rounds 5 is out of range", "anchor model 'm1000' has no battles in pool i2v-audio", "'many' is not an int");
        for (int i = 0; i < cases.size(); i++) {
            Run run = gallop(cases.get(i).toArray(String[]::new));
            assertThat(run.code()).as(cases.get(i) + ": " + run.err()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
            assertThat(run.err()).as(cases.get(i).toString()).contains(expected.get(i));
            assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test void arenaWithoutASubcommandListsFit() {
        Run run = gallop("arena");
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("fit").contains("Print a leaderboard per pool");
        assertThat(gallop("arena", "fit", "--help").out()).contains("with 95% bootstrap intervals");
        assertThat(gallop("--help").out()).contains("arena");
    }
}
