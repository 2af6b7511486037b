package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.gallop.NativeHeap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4LeakTest {
    private static final long LIMIT = 24L << 20;

    @TempDir Path dir;

    /**
     * Every write and read allocates encoder, decoder, scaler and resampler state (megabytes for openh264) and
     * picture buffers (230 kB and more at 480x320); if any of them were not freed, 200 round trips would keep
     * at least 45 MB.
     */
    @Test void repeatedWritesAndReadsDoNotGrowTheNativeHeap() throws IOException {
        Video clip = SyntheticClips.clip(480, 320, 8, 2, 16000, 9);
        Path file = dir.resolve("leak.mp4");
        for (int i = 0; i < 40; i++) roundTrip(clip, file);
        long before = NativeHeap.inUse();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) roundTrip(clip, file);
        long after = NativeHeap.inUse();
        System.out.printf(Locale.ROOT, "leak check: native heap %d kB -> %d kB (%+d kB) over 200 round trips, %.1f ms each%n",
                before >> 10, after >> 10, (after - before) >> 10, (System.nanoTime() - start) / 1e6 / 200);
        assertThat(after - before).isLessThan(LIMIT);
    }

    /** The measure sees what FFmpeg's allocator keeps: 200 unfreed 230 kB buffers are counted, and their release too. */
    @Test void theMeasureSeesBuffersFfmpegKeeps() {
        long frame = 480 * 320 * 3 / 2, before = NativeHeap.inUse();
        List<Pointer> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) kept.add(avutil.av_malloc(frame));
        long grown = NativeHeap.inUse() - before;
        kept.forEach(avutil::av_free);
        long released = NativeHeap.inUse() - before;
        assertThat(grown).isCloseTo(200 * frame, within(4L << 20)).isGreaterThan(LIMIT);
        assertThat(released).isLessThan(LIMIT);
    }

    private static void roundTrip(Video clip, Path file) throws IOException {
        Mp4Writer.write(file, clip, Map.of("seed", "9"));
        assertThat(Mp4Reader.read(file).video().frames()).hasSize(2);
    }
}
