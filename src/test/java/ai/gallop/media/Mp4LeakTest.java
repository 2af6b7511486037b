package ai.gallop.media;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts what the C allocator holds (glibc's mallinfo2: bytes in use in every arena plus mmapped chunks), which
 * FFmpeg and openh264 allocate through. Resident memory was the first measure here and could not tell: the Java
 * heap moved it by -680 MB to +52 MB between two readings, so it failed without a leak and could hide one.
 */
class Mp4LeakTest {
    private static final long LIMIT = 24L << 20;

    @TempDir Path dir;

    /**
     * Every write and read allocates encoder, decoder, scaler and resampler state (megabytes for openh264) and
     * picture buffers (230 kB and more at 480x320); if any of them were not freed, 200 round trips would keep
     * at least 45 MB.
     */
    @Test void repeatedWritesAndReadsDoNotGrowTheNativeHeap() throws Throwable {
        Video clip = SyntheticClips.clip(480, 320, 8, 2, 16000, 9);
        Path file = dir.resolve("leak.mp4");
        for (int i = 0; i < 40; i++) roundTrip(clip, file);
        long before = nativeInUse();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) roundTrip(clip, file);
        long after = nativeInUse();
        System.out.printf(Locale.ROOT, "leak check: native heap %d kB -> %d kB (%+d kB) over 200 round trips, %.1f ms each%n",
                before >> 10, after >> 10, (after - before) >> 10, (System.nanoTime() - start) / 1e6 / 200);
        assertThat(after - before).isLessThan(LIMIT);
    }

    /** The measure sees what FFmpeg's allocator keeps: 200 unfreed 230 kB buffers are counted, and their release too. */
    @Test void theMeasureSeesBuffersFfmpegKeeps() throws Throwable {
        long frame = 480 * 320 * 3 / 2, before = nativeInUse();
        List<Pointer> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) kept.add(avutil.av_malloc(frame));
        long grown = nativeInUse() - before;
        kept.forEach(avutil::av_free);
        long released = nativeInUse() - before;
        assertThat(grown).isCloseTo(200 * frame, within(4L << 20)).isGreaterThan(LIMIT);
        assertThat(released).isLessThan(LIMIT);
    }

    private static void roundTrip(Video clip, Path file) throws IOException {
        Mp4Writer.write(file, clip, Map.of("seed", "9"));
        assertThat(Mp4Reader.read(file).video().frames()).hasSize(2);
    }

    /** Bytes the C allocator has handed out and not had back: mallinfo2's uordblks plus hblkhd. */
    private static long nativeInUse() throws Throwable {
        System.gc(); // JavaCPP frees unreferenced Pointer wrappers' memory only once they are collected
        MemoryLayout info = MemoryLayout.structLayout(java.util.stream.Stream.of("arena", "ordblks", "smblks",
                "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")
                .map(JAVA_LONG::withName).toArray(MemoryLayout[]::new)); // size_t each, glibc 2.33 and later
        Linker linker = Linker.nativeLinker();
        var symbol = linker.defaultLookup().find("mallinfo2");
        assumeTrue(symbol.isPresent(), "the C library has no mallinfo2 (glibc 2.33 or later is needed)");
        MethodHandle mallinfo2 = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(info));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fields = (MemorySegment) mallinfo2.invokeExact((SegmentAllocator) arena);
            long mmapped = fields.getAtIndex(JAVA_LONG, 4), inUse = fields.getAtIndex(JAVA_LONG, 7);
            return mmapped + inUse;
        }
    }
}
