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

    private NativeHeap() {}

    /** Bytes handed out and not yet freed (uordblks + hblkhd), after a collection frees unreachable JavaCPP wrappers' memory. */
    public static long inUse() {
        System.gc();
        Linker linker = Linker.nativeLinker();
        var symbol = linker.defaultLookup().find("mallinfo2");
        assumeTrue(symbol.isPresent(), "the C library has no mallinfo2 (glibc 2.33 or later is needed)");
        MethodHandle mallinfo2 = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(MALLINFO2));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fields = (MemorySegment) mallinfo2.invokeExact((SegmentAllocator) arena);
            return fields.getAtIndex(JAVA_LONG, 4) + fields.getAtIndex(JAVA_LONG, 7);
        } catch (Throwable e) {
            throw new IllegalStateException("mallinfo2 failed: " + e, e);
        }
    }
}
