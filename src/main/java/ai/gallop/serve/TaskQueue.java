package ai.gallop.serve;

import ai.gallop.Json;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Accepting and stopping tasks: the bound on waiting tasks, idempotency keys, and the first frame, reference images and
 * clip to edit stored (in the data folder or the bucket) before the task row exists, so an accepted task always has everything it needs to run after
 * a crash.
 */
public final class TaskQueue {
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

    /**
     * What a caller asked for, validated: the first frame and the reference images are already scaled to the video size;
     * {@code sourceMp4} is the MP4 of the clip an edit starts from, as uploaded (kept as it came, so the worker decodes the
     * very frames the API checked), or null.
     */
    public record Submission(String api, Generators.Model model, TaskInput input, RgbFrame firstFrame, List<RgbFrame> references,
                             byte[] sourceMp4, String idempotencyKey) {}

    private final TaskStore store;
    private final DataFolder data;
    private final Storage storage;
    private final String instance;
    private final Workers workers;
    private final int maxQueued;
    private final Clock clock;

    public TaskQueue(TaskStore store, DataFolder data, Storage storage, String instance, Workers workers, int maxQueued, Clock clock) {
        this.store = store;
        this.data = data;
        this.storage = storage;
        this.instance = instance;
        this.workers = workers;
        this.maxQueued = maxQueued;
        this.clock = clock;
    }

    public TaskStore store() { return store; }

    /**
     * Queues a task, or returns the task an earlier request with the same idempotency key made. Refuses with 429
     * (and a Retry-After estimate) when {@code maxQueued} tasks already wait, and with 409 when the key was used
     * for a different request. Synchronised so the bound and the key check hold against concurrent submissions.
     */
    public synchronized Task submit(Submission s) throws SQLException, IOException {
        String key = s.idempotencyKey();
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_CHARS || key.chars().anyMatch(c -> c < ' ' || c > '~')))
            throw new ApiError(400, "invalid_value", "Idempotency-Key", "the Idempotency-Key header must be 1 to "
                    + MAX_IDEMPOTENCY_KEY_CHARS + " printable ASCII characters");
        String hash = hash(s);
        if (key != null) {
            Optional<TaskStore.Keyed> earlier = store.findByIdempotencyKey(key);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(hash))
                    throw new ApiError(409, "idempotency_key_reused", "Idempotency-Key", "this Idempotency-Key was used for a different request; allowed: a new key for a new request");
                return earlier.get().task();
            }
        }
        int queued = store.countQueued();
        if (queued >= maxQueued) {
            Double mean = store.recentMeanSeconds();
            int retry = (int) Math.clamp(Math.ceil((queued + 1) * (mean == null ? 1.0 : mean) / workers.count()), 1, 600);
            throw new ApiError(429, "queue_full", null, "the queue is full (" + queued + " tasks waiting, at most "
                    + maxQueued + "); retry after " + retry + " s", retry);
        }
        String id = Ids.newVideoId();
        try {
            if (s.firstFrame() != null) storeImage(id, Storage.INPUT, s.firstFrame());
            for (int k = 0; k < s.references().size(); k++) storeImage(id, Storage.reference(k), s.references().get(k));
            if (s.sourceMp4() != null) store(id, Storage.SOURCE, f -> java.nio.file.Files.write(f, s.sourceMp4()));
            store.insert(new TaskStore.NewTask(id, key, hash, s.api(), s.model().name(), s.model().generator(), s.input(),
                    clock.instant().getEpochSecond()));
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                storage.deleteAll(id); // nothing of a refused task stays behind
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Task accepted = store.find(id).orElseThrow(); // read before waking the workers: the caller sees it as accepted, queued
        workers.wake();
        return accepted;
    }

    private void storeImage(String id, String name, RgbFrame frame) throws IOException {
        store(id, name, f -> Png.write(f, frame));
    }

    /** Writes a task file in the staging folder and hands it to the storage. */
    private void store(String id, String name, AtomicFiles.Writer writer) throws IOException {
        java.nio.file.Path staging = data.stagingFolder(instance, id);
        try {
            java.nio.file.Files.createDirectories(staging);
            java.nio.file.Path file = staging.resolve(name);
            AtomicFiles.write(file, writer);
            storage.put(id, name, file);
        } finally {
            data.deleteStaging(instance, id);
        }
    }

    /** Stops a queued or running task (a running one at its next step); finished tasks are left as they are. */
    public Task cancel(String id) throws SQLException {
        Task task = store.requestCancel(id, clock.instant().getEpochSecond()).orElseThrow(() -> ApiError.notFound("task", id));
        if (task.status() == TaskStatus.RUNNING) workers.cancelLocal(id);
        return task;
    }

    /** Cancels the task if it has not finished, removes its files and hides it from every API. */
    public void delete(String id) throws SQLException, IOException {
        cancel(id);
        store.markDeleted(id);
        storage.deleteAll(id);
    }

    private static String hash(Submission s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((s.api() + "\n" + s.model().name() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(Json.MAPPER.writeValueAsBytes(s.input()));
            if (s.firstFrame() != null) sha.update(s.firstFrame().rgb());
            for (RgbFrame reference : s.references()) sha.update(reference.rgb());
            if (s.sourceMp4() != null) sha.update(s.sourceMp4());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a request: " + e.getMessage(), e);
        }
    }
}
