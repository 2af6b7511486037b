package ai.gallop.cli;

import ai.gallop.GallopProcess;
import ai.gallop.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gallop processes started at once on an empty JavaCPP cache, as on a fresh machine: one unpacks the native
 * libraries under the lock, the others wait, and all of them run. Unlocked, the race crashed 1 process in 6 with
 * SIGBUS; a test cannot catch a race that rare every time, so it checks that the unpacking happened, once, before
 * any command ran.
 */
class NativeLibrariesTest {
    @Test void processesStartedTogetherOnAFreshCacheUnpackTheLibrariesOnceAndAllRun(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("javacpp-cache");
        List<GallopProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++)
                processes.add(GallopProcess.start(dir, List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache), "--version"));
            for (GallopProcess p : processes) {
                assertThat(p.waitFor(Duration.ofSeconds(180))).as("ended").isTrue();
                assertThat(p.exitValue()).as("exit code; output: %s", p.lines()).isZero();
                assertThat(p.lines()).containsExactly(Version.NAME + " " + Version.VERSION);
            }
        } finally {
            for (GallopProcess p : processes) p.close();
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("gallop-unpacked-pytorch-"));
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("libtorch unpacked").anyMatch(n -> n.startsWith("libtorch_cpu.so"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("native error reports").noneMatch(n -> n.startsWith("hs_err"));
        }
        // the cache holds links to system libraries; deleting them here spares a warning per link from @TempDir
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
