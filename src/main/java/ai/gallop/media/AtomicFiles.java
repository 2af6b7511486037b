package ai.gallop.media;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a half-written one: each file is written under a hidden temporary
 * name in its own folder and renamed into place only when every file of the group is complete. On failure (or
 * without a {@link #commit()}) the temporary files are deleted and nothing is left behind.
 * <pre>{@code
 * try (AtomicFiles files = new AtomicFiles()) {
 *     files.add(mp4, f -> Mp4Writer.write(f, video, tags));
 *     files.add(json, f -> Files.writeString(f, text));
 *     files.commit();
 * }
 * }</pre>
 */
public final class AtomicFiles implements AutoCloseable {
    /** Writes the content of one file to the path it is given (a temporary file), or throws. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private final Map<Path, Path> pending = new LinkedHashMap<>(); // target -> temporary, in the order added

    /** Writes one file atomically. */
    public static void write(Path target, Writer writer) throws IOException {
        try (AtomicFiles group = new AtomicFiles()) {
            group.add(target, writer);
            group.commit();
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, file -> Files.write(file, bytes));
    }

    /**
     * Writes a file under a temporary name now; it appears under its real name at {@link #commit()}.
     *
     * @throws IOException "cannot write <target>: <reason>" when the folder is missing or not writable or the
     *     writer fails; the temporary file is gone by then
     */
    public void add(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (pending.containsKey(absolute)) throw new IllegalArgumentException("file " + absolute + " was already added");
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder))
            throw new IOException("cannot write " + absolute + ": folder " + folder
                    + (folder != null && Files.exists(folder) ? " is not a folder" : " does not exist"));
        Path temporary = createTemporary(absolute, folder);
        boolean written = false;
        try {
            writer.writeTo(temporary);
            written = true;
        } catch (InterruptedIOException e) {
            throw new InterruptedIOException("cannot write " + absolute + ": interrupted");
        } catch (IOException e) {
            // writers that are atomic themselves (Mp4Writer, Png) already say "cannot write <the temporary path>"
            String message = e.getMessage();
            throw new IOException(message != null && message.startsWith("cannot write " + temporary + ": ")
                    ? "cannot write " + absolute + message.substring(("cannot write " + temporary).length())
                    : "cannot write " + absolute + ": " + reason(e), e);
        } finally {
            if (written) pending.put(absolute, temporary);
            else Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty hidden file beside the target. Not Files.createTempFile: that makes it owner-only (0600), and the
     * rename would carry that onto the published file; createFile applies the usual umask instead.
     */
    private static Path createTemporary(Path target, Path folder) throws IOException {
        while (true) {
            String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part";
            try {
                return Files.createFile(folder.resolve(name));
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
        }
    }

    /** Moves every file of the group into place, each by a rename (atomic wherever the file system allows). */
    public void commit() throws IOException {
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Path> file = it.next();
            try {
                try {
                    Files.move(file.getValue(), file.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file.getValue(), file.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new IOException("cannot write " + file.getKey() + ": " + reason(e), e);
            }
            it.remove();
        }
    }

    /** Deletes the temporary files of anything added but not committed. */
    @Override public void close() {
        for (Path temporary : pending.values())
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: the original error matters more than a leftover temp file
            }
        pending.clear();
    }

    /** The first line of what went wrong, in words. */
    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied on " + a.getFile();
            case NoSuchFileException n -> "no such file or folder " + n.getFile();
            case FileSystemException f -> (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason()) + " on " + f.getFile();
            default -> String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
        };
    }
}
