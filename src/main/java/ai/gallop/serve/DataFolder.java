package ai.gallop.serve;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The layout of the data folder. Every path is built from a validated id and a fixed file name, and checked to
 * stay inside the folder, so nothing a caller sends can name a file elsewhere.
 * <pre>
 * DATA/gallop.mv.db                  the embedded task store
 * DATA/videos/ID/input.png           the first frame a caller uploaded
 * DATA/videos/ID/video.mp4           the result, with thumbnail.png and spritesheet.png beside it
 * DATA/staging/INSTANCE/ID/          files being written, before they are published to the storage
 * DATA/arena/battles.jsonl           arena votes (a BattleLog)
 * </pre>
 * With {@code --storage s3://...} the videos/ folder stays empty: task files live in the bucket (see {@link Storage}).
 */
public final class DataFolder {
    /** The downloadable files of a finished video. */
    public enum Variant {
        VIDEO("video.mp4", "video/mp4"), THUMBNAIL("thumbnail.png", "image/png"), SPRITESHEET("spritesheet.png", "image/png");

        private final String fileName;
        private final String contentType;

        Variant(String fileName, String contentType) {
            this.fileName = fileName;
            this.contentType = contentType;
        }

        public String fileName() { return fileName; }

        public String contentType() { return contentType; }

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        public static Variant parse(String text) {
            for (Variant v : values()) if (v.id().equals(text)) return v;
            throw ApiError.invalid("variant", "variant '" + Ids.printable(text) + "' is not known; allowed: video, thumbnail, spritesheet");
        }
    }

    private final Path root;

    public DataFolder(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve("videos"));
        Files.createDirectories(this.root.resolve("arena"));
    }

    public Path root() { return root; }

    public Path videoFolder(String id) {
        if (!Ids.isVideoId(id)) throw new IllegalArgumentException("'" + Ids.printable(id) + "' is not a video id");
        return inside(root.resolve("videos").resolve(id));
    }

    /** A task file in the local layout; the name must be one of {@link Storage#NAMES}. */
    public Path taskFile(String id, String name) {
        Storage.check(id, name);
        return inside(videoFolder(id).resolve(name));
    }

    /** Where this server writes a task's files before it publishes them; one folder per server instance. */
    public Path stagingFolder(String instance, String id) {
        if (!Ids.isVideoId(id)) throw new IllegalArgumentException("'" + Ids.printable(id) + "' is not a video id");
        return inside(stagingRoot(instance).resolve(id));
    }

    private Path stagingRoot(String instance) {
        if (instance == null || !instance.matches("[A-Za-z0-9._-]{1,64}") || instance.matches("\\.+"))
            throw new IllegalArgumentException("instance name '" + Ids.printable(instance) + "' is not allowed");
        return inside(root.resolve("staging").resolve(instance));
    }

    /** Removes a task's staging folder (after publishing, or after a failure). */
    public void deleteStaging(String instance, String id) throws IOException { deleteTree(stagingFolder(instance, id)); }

    /** Removes everything this instance left staged when it stopped: those tasks run again from the start. */
    public void clearStaging(String instance) throws IOException { deleteTree(stagingRoot(instance)); }

    public Path battleLog() { return inside(root.resolve("arena").resolve("battles.jsonl")); }

    /** Removes a video's folder and everything in it; nothing happens when it is not there. */
    public void deleteVideo(String id) throws IOException { deleteTree(videoFolder(id)); }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                deleteIfThere(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
            // a worker removed it at the same time
        }
    }

    private Path inside(Path p) {
        Path normal = p.toAbsolutePath().normalize();
        if (!normal.startsWith(root)) throw new IllegalArgumentException("path " + normal + " is outside the data folder");
        return normal;
    }
}
