package ai.gallop;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.stream.Stream;

/**
 * What the C allocator holds, for leak tests: glibc's mallinfo2, bytes in use in every arena plus mmapped chunks.
 * libtorch's CPU tensors, FFmpeg and openh264 all allocate through it. Resident memory, the first measure here, moved
 * with the Java heap by -680 to +52 MB between two readings, and counted arenas' cached free pages as growth.
 */
public final class NativeHeap {
    private static final MemoryLayout MALLINFO2 = MemoryLayout.structLayout(Stream.of("arena", "ordblks", "smblks",
            "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")
            .map(JAVA_LONG::withName).toArray(MemoryLayout[]::new)); // size_t each, glibc 2.33 and later

    /** glibc's mallinfo2, looked up once; null where the C library lacks it. */
    private static final MethodHandle MALLINFO2_CALL = Linker.nativeLinker().defaultLookup().find("mallinfo2")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.of(MALLINFO2))).orElse(null);

    private NativeHeap() {}

    /** Bytes handed out and not yet freed (uordblks + hblkhd), after a collection frees unreachable JavaCPP wrappers' memory. */
    public static long inUse() {
        assumeTrue(MALLINFO2_CALL != null, "the C library has no mallinfo2 (glibc 2.33 or later is needed)");
        System.gc();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fields = (MemorySegment) MALLINFO2_CALL.invokeExact((SegmentAllocator) arena);
            return fields.getAtIndex(JAVA_LONG, 4) + fields.getAtIndex(JAVA_LONG, 7);
        } catch (Throwable e) {
            throw new IllegalStateException("mallinfo2 failed: " + e, e);
        }
    }
}
