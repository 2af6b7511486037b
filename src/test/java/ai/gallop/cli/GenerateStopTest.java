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
 * A real `gallop generate` process stopped with SIGTERM (Ctrl-C's way) mid-way: it says it was cancelled, writes
 * no file and exits without a native crash. The hook used to be released before the message was printed, so the
 * JVM halted without a word (and a stop during muxing found no hook at all).
 */
class GenerateStopTest {
    @Test void aTerminatedGenerationSaysSoAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        // 1,000 steps of the shipped 4-step model: about a minute, so the stop lands mid-way
        try (GallopProcess p = GallopProcess.start(dir, "generate", "a red ball bounces on a beach", "--steps", "1000",
                "--model", Path.of("models", "gallop-tiny").toAbsolutePath().toString(), "--out", out.toString())) {
            p.await(Pattern.compile("^generate \\[.*\\] [1-9]\\d*/1000"), Duration.ofSeconds(120));
            p.terminate();
            assertThat(p.waitFor(Duration.ofSeconds(60))).as("exited after SIGTERM").isTrue();
            String log = String.join("\n", p.lines());
            assertThat(log).contains("gallop generate: cancelled; no files written")
                    .doesNotContain("1000/1000", "wrote ", "fatal error", "SIGSEGV");
            assertThat(out).doesNotExist();
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("native error reports").noneMatch(n -> n.startsWith("hs_err"));
            }
        }
    }
}
