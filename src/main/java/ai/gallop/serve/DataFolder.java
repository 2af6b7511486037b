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
 * DATA/arena/battles.jsonl           arena votes (a BattleLog)
 * </pre>
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

    public static final String INPUT_FILE = "input.png";

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

    public Path file(String id, Variant variant) { return inside(videoFolder(id).resolve(variant.fileName())); }

    public Path input(String id) { return inside(videoFolder(id).resolve(INPUT_FILE)); }

    public Path battleLog() { return inside(root.resolve("arena").resolve("battles.jsonl")); }

    /** Removes a video's folder and everything in it; nothing happens when it is not there. */
    public void deleteVideo(String id) throws IOException {
        Path folder = videoFolder(id);
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
