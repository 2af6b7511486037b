package ai.gallop.train;

import ai.gallop.cli.GallopCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static int run(StringWriter err, String... args) {
        return GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void trainsResumesAndRefusesAnotherPresetInOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("run").toString();
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--preset", "micro", "--out", out, "--size", "32x32", "--seconds", "1", "--steps", "2",
                "--batch", "1", "--checkpoint-every", "2", "--threads", "1")).as(err.toString()).isZero();
        assertThat(Files.isDirectory(Path.of(out, "checkpoints", "step-00000002"))).isTrue();
        // resuming takes every setting from the checkpoint; only the step budget changes
        assertThat(run(err, "train", "--out", out, "--steps", "3", "--resume")).as(err.toString()).isZero();
        assertThat(Files.readAllLines(Path.of(out, "metrics.jsonl"))).hasSize(3);
        StringWriter refused = new StringWriter();
        assertThat(run(refused, "train", "--out", out, "--preset", "tiny")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(refused.toString().strip()).startsWith("gallop train: checkpoint ").contains("was trained with model 'micro'")
                .doesNotContain("\n");
        StringWriter none = new StringWriter();
        assertThat(run(none, "train", "--out", dir.resolve("empty").toString(), "--resume")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(none.toString()).contains("no checkpoint in");
    }

    @Test
    void withoutThreadsARunLeavesOneCoreToTheClipRenderer(@TempDir Path dir) throws Exception {
        String out = dir.resolve("run").toString();
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--preset", "micro", "--out", out, "--size", "32x32", "--seconds", "1", "--steps", "1",
                "--batch", "1", "--checkpoint-every", "1")).as(err.toString()).isZero();
        int cores = Runtime.getRuntime().availableProcessors();
        TrainerState state = TrainerState.read(Path.of(out, "checkpoints", "step-00000001", TrainerState.FILE));
        assertThat(state.options().threads()).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void aMissingFootageFolderAndAnOutOfRangeSubjectWeightAreRefusedInOneLine(@TempDir Path dir) {
        StringWriter missing = new StringWriter();
        assertThat(run(missing, "train", "--preset", "micro", "--out", dir.resolve("a").toString(), "--size", "32x32", "--seconds", "1",
                "--data", dir.resolve("nothing").toString())).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(missing.toString().strip()).startsWith("gallop train: footage folder ").contains("does not exist; allowed:").doesNotContain("\n");
        StringWriter weight = new StringWriter();
        assertThat(run(weight, "train", "--preset", "micro", "--out", dir.resolve("b").toString(), "--subject-weight", "500"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(weight.toString().strip()).isEqualTo("gallop train: subject weight 500.0 is out of range; allowed: 0 (off) to 100");
    }
}
