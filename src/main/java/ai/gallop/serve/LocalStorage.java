package ai.gallop.serve;

import ai.gallop.media.AtomicFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Task files in the data folder: {@code DATA/videos/ID/NAME}, published by a rename from the staging folder. */
public final class LocalStorage implements Storage {
    private final DataFolder data;

    public LocalStorage(DataFolder data) { this.data = data; }

    @Override public void put(String id, String name, Path file) throws IOException {
        Storage.check(id, name);
        Path target = data.taskFile(id, name);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) { // the staging folder is on another file system
            AtomicFiles.write(target, f -> Files.copy(file, f, StandardCopyOption.REPLACE_EXISTING));
            Files.delete(file);
        }
    }

    @Override public Optional<Stored> open(String id, String name) throws IOException {
        Storage.check(id, name);
        Path file = data.taskFile(id, name);
        try {
            long size = Files.size(file);
            return Optional.of(new Stored(Files.newInputStream(file), size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override public void delete(String id, String name) throws IOException {
        Storage.check(id, name);
        Files.deleteIfExists(data.taskFile(id, name));
    }

    @Override public void deleteAll(String id) throws IOException { data.deleteVideo(id); }

    @Override public String describe() { return data.root().resolve("videos").toString(); }
}
