package ai.gallop.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes files so that a reader never sees a half-written one: each file is written under a
 * temporary name in its own folder and renamed into place only when every file of the group is
 * complete. On failure the temporary files are deleted and nothing is left behind.
 */
public final class AtomicFiles implements AutoCloseable {
    /** Writes the content of one file to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private final List<Path[]> pending = new ArrayList<>();
    private boolean committed;

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

    /** Writes a file under a temporary name; it appears under its real name at {@link #commit()}. */
    public void add(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir))
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
        pending.add(new Path[]{temp, target});
        writer.writeTo(temp);
    }

    /** Moves every file of the group into place. */
    public void commit() throws IOException {
        for (Path[] p : pending) {
            try {
                Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    @Override public void close() {
        if (committed) return;
        for (Path[] p : pending) {
            try {
                Files.deleteIfExists(p[0]);
            } catch (IOException ignored) {
                // best effort: the original error matters more than a leftover temp file
            }
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such folder";
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
