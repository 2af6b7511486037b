package ai.gallop.cli;

import ai.gallop.GallopProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real `gallop eval` process stopped with SIGTERM while it generates its second clip: it stops within a
 * denoising step, says how far it got, writes no report (scores of part of a suite do not compare) and exits
 * without a native crash. Before, the JVM went down under a running step and left its scratch folder.
 */
class EvalStopTest {
    @Test void aTerminatedEvaluationSaysHowFarItGotAndWritesNoReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report"), tmp = Files.createDirectories(dir.resolve("tmp"));
        // 100 steps of the shipped 4-step model: several seconds a clip, so the stop lands inside the second
        try (GallopProcess p = GallopProcess.start(dir, java.util.List.of("-Djava.io.tmpdir=" + tmp), "eval", "--suite", "dev", "--limit", "3",
                "--steps", "100", "--model", Path.of("models", "gallop-tiny").toAbsolutePath().toString(), "--out", out.toString())) {
            p.await(Pattern.compile("^eval \\[.*\\] 1/3"), Duration.ofSeconds(180));
            p.terminate();
            assertThat(p.waitFor(Duration.ofSeconds(60))).as("exited after SIGTERM").isTrue();
            String log = String.join("\n", p.lines());
            assertThat(log).contains("gallop eval: stopped after 1 of 3 clips; no report written (the finished clips are in " + out.resolve("videos") + ")")
                    .doesNotContain("3/3", "scored ", "fatal error", "SIGSEGV");
            assertThat(out.resolve("report.json")).doesNotExist();
            try (var videos = Files.list(out.resolve("videos"))) {
                assertThat(videos.map(f -> f.getFileName().toString())).as("finished clips only").containsExactly("dev-0001.mp4");
            }
            try (var scratch = Files.list(tmp)) {
                assertThat(scratch.map(f -> f.getFileName().toString())).as("scratch folders left").noneMatch(n -> n.startsWith("gallop-eval"));
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("native error reports").noneMatch(n -> n.startsWith("hs_err"));
            }
        }
    }
}
