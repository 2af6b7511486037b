package ai.gallop.cli;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Unpacks the native libraries (libtorch, FFmpeg) into JavaCPP's cache once per version, one process at a time.
 * JavaCPP unpacks a library the first time a process loads it. Two gallop processes started together on a fresh
 * machine then race: one maps a library the other is still writing and dies of SIGBUS in the dynamic loader
 * (measured: 1 of 6 processes, in two rounds of three `gallop generate` started at once on an empty cache). Under
 * a file lock in the cache, the first process unpacks everything and leaves a marker; the others wait for it and
 * then find complete files. Once the marker exists this costs one file check.
 */
final class NativeLibraries {
    private NativeLibraries() {}

    /** Unpacks and loads every native library unless this version's marker says it was done; waits for a process doing it. */
    static void unpackOnce() {
        Path cache, marker;
        try {
            cache = Loader.getCacheDir().toPath();
            marker = cache.resolve("gallop-unpacked-pytorch-" + Loader.getVersion("org.bytedeco", "pytorch")
                    + "-ffmpeg-" + Loader.getVersion("org.bytedeco", "ffmpeg"));
        } catch (IOException e) {
            return;  // no writable cache: JavaCPP will say so, in the command's own error, when it loads a library
        }
        if (Files.exists(marker)) return;
        try (FileChannel channel = FileChannel.open(cache.resolve("gallop-unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (Files.exists(marker)) return;
            for (Class<?> library : new Class<?>[]{torch.class, avutil.class, avcodec.class, avformat.class, swscale.class, swresample.class})
                Loader.load(library);
            Files.writeString(marker, "");
        } catch (IOException | LinkageError e) {
            // a cache that cannot be locked (a read-only or network home), or a library that does not load here:
            // carry on as JavaCPP alone would, and let the command that needs the library report it
        }
    }
}
