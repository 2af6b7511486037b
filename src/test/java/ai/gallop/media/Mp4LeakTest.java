package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4LeakTest {
    @TempDir Path dir;

    /**
     * Every write and read allocates encoder, decoder, scaler and resampler state (megabytes for openh264) and
     * picture buffers (230 kB and more at 480x320); if any of them were not freed, 200 round trips would add
     * at least 45 MB of resident memory.
     */
    @Test void repeatedWritesAndReadsDoNotGrowResidentMemory() throws IOException {
        Video clip = SyntheticClips.clip(480, 320, 8, 2, 16000, 9);
        Path file = dir.resolve("leak.mp4");
        for (int i = 0; i < 40; i++) roundTrip(clip, file);
        long before = residentKb();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) roundTrip(clip, file);
        long after = residentKb();
        System.out.printf(Locale.ROOT, "leak check: RSS %d kB -> %d kB (%+d kB) over 200 round trips, %.1f ms each%n",
                before, after, after - before, (System.nanoTime() - start) / 1e6 / 200);
        assertThat(after - before).isLessThan(24 * 1024);
    }

    private static void roundTrip(Video clip, Path file) throws IOException {
        Mp4Writer.write(file, clip, Map.of("seed", "9"));
        assertThat(Mp4Reader.read(file).video().frames()).hasSize(2);
    }

    private static long residentKb() throws IOException {
        System.gc(); // JavaCPP frees unreferenced Pointer wrappers' memory only once they are collected
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
