package ai.gallop.model;

import ai.gallop.media.AtomicFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint folders {@code step-00001200} under one root. A checkpoint is written whole into a hidden
 * {@code .step-00001200.<random>.partial} folder and renamed into place in one step, so a process killed at any
 * moment leaves either the complete folder or none (plus a partial folder that the next start deletes). Only
 * the newest {@code keep} checkpoints stay.
 */
public final class Checkpoints {
    public static final String FOLDER = "checkpoints";
    /** The files of a checkpoint besides config.json and model.safetensors (AudioVideoTransformer's). */
    public static final String EMA_FILE = "ema.safetensors", OPTIMIZER_FILE = "optimizer.safetensors";
    private static final Pattern NAME = Pattern.compile("step-(\\d{8})");

    /** One file of a checkpoint and how to write it. */
    public record Part(String name, AtomicFiles.Writer writer) {}

    private final Path root;

    public Checkpoints(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    public static String name(int step) { return String.format(Locale.ROOT, "step-%08d", step); }

    /** The step a checkpoint folder holds, or -1 when the name is not a checkpoint's. */
    public static int stepOf(Path folder) {
        Matcher m = NAME.matcher(folder.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Writes every part into a hidden folder, then renames it to {@code step-N}; on any failure nothing appears. */
    public Path save(int step, List<Part> parts) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(name(step));
        Path partial = root.resolve("." + name(step) + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
        Files.createDirectory(partial);
        boolean done = false;
        try {
            for (Part part : parts) {
                try {
                    part.writer().writeTo(partial.resolve(part.name()));
                } catch (IOException e) {
                    throw new IOException("cannot write checkpoint file " + target.resolve(part.name()) + ": " + e.getMessage(), e);
                }
            }
            if (Files.exists(target)) deleteTree(target);  // re-saving a step (e.g. after a resume) replaces it whole
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            done = true;
            return target;
        } finally {
            if (!done) deleteTree(partial);
        }
    }

    /** Complete checkpoints, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) if (Files.isDirectory(p) && stepOf(p) >= 0) out.add(p);
        }
        out.sort(Comparator.comparingInt(Checkpoints::stepOf));
        return out;
    }

    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Deletes everything but the newest {@code keep} checkpoints, and partial folders a killed run left behind. */
    public void prune(int keep) throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) deleteTree(all.get(i));
        if (!Files.isDirectory(root)) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".step-*.partial")) {
            for (Path p : entries) deleteTree(p);
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
