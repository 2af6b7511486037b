package ai.gallop.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Task files in an S3-compatible bucket, under {@code PREFIX/videos/ID/NAME}: the same layout as the data folder, so
 * moving from one to the other is a copy. Uploads happen once a file is complete in the staging folder; downloads
 * stream from the bucket through the server, so clients see the same URLs and headers as with local files.
 */
public final class S3Storage implements Storage {
    private final S3Location where;
    private final S3Client client;

    /** Connects and checks that the bucket exists and the credentials may list it, so a bad setup fails at startup. */
    public S3Storage(S3Location where) throws IOException {
        this.where = where;
        this.client = new S3Client(where);
        try {
            client.check();
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The object key of a task file. Built only from the validated prefix, a checked id and a fixed name, and checked
     * once more, so no key can leave {@code PREFIX/videos/}.
     */
    String key(String id, String name) {
        Storage.check(id, name);
        String key = where.prefix() + "videos/" + id + "/" + name;
        for (String segment : key.split("/", -1))
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\"))
                throw new IllegalArgumentException("key " + Ids.printable(key) + " is outside " + where.uri());
        return key;
    }

    @Override public void put(String id, String name, Path file) throws IOException {
        client.put(key(id, name), file, Storage.contentType(name));
        Files.deleteIfExists(file);
    }

    @Override public Optional<Stored> open(String id, String name) throws IOException {
        return client.get(key(id, name)).map(d -> new Stored(d.stream(), d.size()));
    }

    @Override public void delete(String id, String name) throws IOException { client.delete(key(id, name)); }

    /** Lists the task's folder once and deletes what is there, rather than asking for every file a task may have. */
    @Override public void deleteAll(String id) throws IOException {
        String folder = key(id, Storage.NAMES.getFirst());
        folder = folder.substring(0, folder.lastIndexOf('/') + 1);
        for (String listed : client.list(folder))
            if (Storage.NAMES.contains(listed.substring(folder.length()))) client.delete(listed);
    }

    @Override public String describe() { return where.uri() + " at " + where.endpoint(); }

    @Override public void close() { client.close(); }
}
