package ai.gallop.train;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A `gallop train` or `gallop train-autoencoder` process stopped with SIGTERM (Ctrl-C or a job scheduler's stop) finishes its step, saves it and
 * exits without a native crash; it used to die inside libtorch as the JVM unloaded it under a running step.
 */
class TrainStopTest {
    private static final Pattern STEP = Pattern.compile("^step (\\d+)/");

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-autoencoder"})
    void aTerminatedRunSavesTheStepItReachedAndExitsCleanly(String command, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of(javaBin, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "ai.gallop.cli.GallopCli", command, "--out", out.toString(), "--steps", "100000", "--checkpoint-every", "100000", "--log-every", "1",
                "--threads", "1"));
        if (command.equals("train")) args.addAll(List.of("--preset", "micro", "--size", "32x32", "--seconds", "1", "--batch", "1"));
        else args.addAll(List.of("--latent", "16", "--width", "16", "--levels", "2", "--size", "32", "--batch", "4"));
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> stepping = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    Matcher m = STEP.matcher(line);
                    if (m.find() && Integer.parseInt(m.group(1)) >= 2) stepping.complete(null);
                }
            } catch (IOException e) {
                // the process ended
            }
            stepping.complete(null);
        });
        try {
            stepping.get(120, TimeUnit.SECONDS);
            assertThat(p.isAlive()).as(String.join("\n", lines)).isTrue();
            p.toHandle().destroy();  // SIGTERM; Process.destroy would also close our end of its output, losing what it prints next
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
        reader.join(10_000);
        String log = String.join("\n", lines);
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
