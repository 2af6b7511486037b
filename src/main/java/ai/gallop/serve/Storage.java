package ai.gallop.serve;

import ai.gallop.pipeline.GenerationRequest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Where the files of a task live: its uploaded first frame, reference images and clip to edit and, once it succeeds, its video, thumbnail and
 * spritesheet. {@link LocalStorage} keeps them in the data folder, {@link S3Storage} in an S3-compatible bucket;
 * the APIs serve both the same way. A task's files are named only by a checked id and one of {@link #NAMES}, so no
 * caller input can name anything else.
 */
public interface Storage extends AutoCloseable {
    String INPUT = "input.png";
    /** The clip an edit task starts from. */
    String SOURCE = "source.mp4";
    /** Every name a task file may have; nothing else is ever stored. */
    List<String> NAMES = Stream.concat(
            Stream.of(INPUT, SOURCE, DataFolder.Variant.VIDEO.fileName(), DataFolder.Variant.THUMBNAIL.fileName(), DataFolder.Variant.SPRITESHEET.fileName()),
            IntStream.range(0, GenerationRequest.MAX_REFERENCES).mapToObj(Storage::reference)).toList();

    /** The file of the task's reference image k (from 0): reference-1.png, reference-2.png, ... */
    static String reference(int k) { return "reference-" + (k + 1) + ".png"; }

    /** A stored file opened for reading; closing it releases the file or the connection. */
    record Stored(InputStream stream, long size) implements Closeable {
        @Override public void close() throws IOException { stream.close(); }
    }

    /**
     * Publishes a complete local file as the task's file {@code name}, whole (a reader sees the old file or the new
     * one, never a part). The local file is gone afterwards.
     */
    void put(String id, String name, Path file) throws IOException;

    /** Opens the task's file {@code name}, or empty when it is not there. */
    Optional<Stored> open(String id, String name) throws IOException;

    /** Removes the task's file {@code name}; nothing happens when it is not there. */
    void delete(String id, String name) throws IOException;

    /** Removes every file of the task. */
    default void deleteAll(String id) throws IOException {
        for (String name : NAMES) delete(id, name);
    }

    /** Where the files go, for the start line: a folder or an s3:// URI. */
    String describe();

    @Override default void close() {}

    /** Refuses anything but a well-formed video id and a known file name, before any path or key is built. */
    static void check(String id, String name) {
        if (!Ids.isVideoId(id)) throw new IllegalArgumentException("'" + Ids.printable(id) + "' is not a video id");
        if (!NAMES.contains(name))
            throw new IllegalArgumentException("'" + Ids.printable(name) + "' is not a task file; allowed: " + String.join(", ", NAMES));
    }

    static String contentType(String name) { return name.endsWith(".mp4") ? "video/mp4" : "image/png"; }
}
