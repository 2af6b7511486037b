package ai.gallop.train;

import ai.gallop.GallopProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A `gallop train` or `gallop train-autoencoder` process stopped with SIGTERM (Ctrl-C or a job scheduler's stop)
 * finishes its step, saves it and exits without a native crash; it used to die inside libtorch as the JVM unloaded
 * it under a running step.
 */
class TrainStopTest {
    @ParameterizedTest
    @ValueSource(strings = {"train", "train-autoencoder"})
    void aTerminatedRunSavesTheStepItReachedAndExitsCleanly(String command, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of(command, "--out", out.toString(), "--steps", "100000", "--checkpoint-every", "100000",
                "--log-every", "1", "--threads", "1"));
        if (command.equals("train")) args.addAll(List.of("--preset", "micro", "--size", "32x32", "--seconds", "1", "--batch", "1"));
        else args.addAll(List.of("--latent", "16", "--width", "16", "--levels", "2", "--size", "32", "--batch", "4"));
        try (GallopProcess p = GallopProcess.start(dir, args.toArray(String[]::new))) {
            p.await(Pattern.compile("^step 2/"), Duration.ofSeconds(120));
            assertThat(p.isAlive()).as(String.join("\n", p.lines())).isTrue();
            p.terminate();
            assertThat(p.waitFor(Duration.ofSeconds(60))).as("exited after SIGTERM").isTrue();
            String log = String.join("\n", p.lines());
            assertThat(log).doesNotContain("fatal error", "SIGSEGV");
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("native error reports").noneMatch(n -> n.startsWith("hs_err"));
            }
            Matcher stopped = Pattern.compile("gallop " + command + ": stopped at step (\\d+); the same command resumes from there").matcher(log);
            assertThat(stopped.find()).as("exit " + p.exitValue() + "\n" + log).isTrue();
            int step = Integer.parseInt(stopped.group(1));
            assertThat(step).isGreaterThanOrEqualTo(2);
            Path saved = out.resolve("checkpoints").resolve(String.format("step-%08d", step));
            if (command.equals("train")) assertThat(TrainerState.read(saved.resolve(TrainerState.FILE)).step()).isEqualTo(step);
            else assertThat(AutoencoderState.read(saved.resolve(AutoencoderState.FILE)).step()).isEqualTo(step);
        }
    }
}
