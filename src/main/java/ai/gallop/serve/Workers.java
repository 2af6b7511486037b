package ai.gallop.serve;

import ai.gallop.media.AtomicFiles;
import ai.gallop.media.ContactSheet;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.Cancellation;
import ai.gallop.pipeline.Generated;
import ai.gallop.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generation threads. Each claims the oldest queued task, runs its generator, writes video.mp4, thumbnail.png
 * and spritesheet.png as one atomic group in its staging folder, publishes them to the {@link Storage} (a rename in
 * the data folder, or uploads to S3), and only then marks the task succeeded. Progress goes to the
 * store at every step; a cancel (from this server or, through the store, from another) stops the task at its next
 * step.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    /** Progress (percent) when the generator has finished and each file is written. */
    static final int GENERATED = 80, ENCODED = 90, THUMBNAIL = 93, SPRITESHEET = 96;
    static final int THUMBNAIL_MIN_SIDE = 128;
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private final TaskStore store;
    private final DataFolder data;
    private final Storage storage;
    private final Generators generators;
    private final int count;
    private final String owner;
    private final Duration stepDelay;
    private final Clock clock;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    public Workers(TaskStore store, DataFolder data, Storage storage, Generators generators, int count, String owner,
                   Duration stepDelay, Clock clock) {
        this.store = store;
        this.data = data;
        this.storage = storage;
        this.generators = generators;
        this.count = count;
        this.owner = owner;
        this.stepDelay = stepDelay;
        this.clock = clock;
    }

    public int count() { return count; }

    public int busy() { return running.size(); }

    public void start() {
        for (int i = 0; i < count; i++) {
            Thread t = Thread.ofPlatform().name("gallop-worker-" + i).daemon(true).start(this::loop);
            threads.add(t);
        }
    }

    /** Tells idle workers that a task is waiting. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public void cancelLocal(String id) {
        Cancellation c = running.get(id);
        if (c != null) c.cancel();
    }

    private void loop() {
        while (!stopping) {
            try {
                Optional<Task> task = store.claim(owner, now());
                if (task.isPresent()) execute(task.get());
                else idle();
            } catch (SQLException | RuntimeException e) {
                if (stopping) return;
                LOG.error("worker: the task store failed: {}", e.getMessage());
                idle();
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            try {
                signal.wait(IDLE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private void execute(Task task) throws SQLException {
        String id = task.id();
        Cancellation cancellation = new Cancellation();
        running.put(id, cancellation);
        long start = System.nanoTime();
        Steps steps = new Steps(id, cancellation);
        TaskStatus outcome = TaskStatus.FAILED;
        String code = null, message = null;
        try {
            steps.reach(1);
            RgbFrame first = task.input().firstFrame() ? image(id, Storage.INPUT, "first frame") : null;
            List<RgbFrame> references = new ArrayList<>();
            for (int k = 0; k < task.input().references(); k++) references.add(image(id, Storage.reference(k), "reference image " + (k + 1)));
            Video source = task.input().source() ? clip(id) : null;
            Generated generated = generators.generator(task.generator()).generate(task.input().request(first, references, source), steps, cancellation);
            steps.reach(GENERATED);
            write(task, generated, ContactSheet.given(first, references, source == null ? List.of() : source.frames()), steps);
            outcome = TaskStatus.SUCCEEDED;
        } catch (CancellationException e) {
            if (stopping) {
                running.remove(id);
                return; // not the caller's cancel: close() puts the task back in the queue
            }
            outcome = TaskStatus.CANCELLED;
            code = "cancelled";
            message = "cancelled by the caller";
        } catch (IllegalArgumentException e) {
            code = "invalid_request";
            message = e.getMessage();
        } catch (IOException | RuntimeException e) {
            code = "generation_failed";
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (OutOfMemoryError e) {
            code = "out_of_memory";
            message = "the server ran out of memory generating this video; allowed: a shorter or smaller video";
        } finally {
            running.remove(id);
            deleteStaging(id);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<TaskStatus> ended = store.finish(id, outcome, code, message, seconds, now());
        if (ended.orElse(TaskStatus.CANCELLED) != TaskStatus.SUCCEEDED) removeOutputs(id);
        if (store.isDeleted(id)) {
            try {
                storage.deleteAll(id);
            } catch (IOException | RuntimeException e) {
                LOG.warn("worker: cannot remove the files of deleted task {}: {}", id, e.getMessage());
            }
        }
        LOG.info("task {} {} in {} s", id, ended.map(TaskStatus::id).orElse("was taken back"), String.format(java.util.Locale.ROOT, "%.2f", seconds));
    }

    private RgbFrame image(String id, String name, String what) throws IOException {
        try (Storage.Stored in = storage.open(id, name)
                .orElseThrow(() -> new IOException("the " + what + " of task " + id + " is missing from " + storage.describe()))) {
            return Png.decode(in.stream().readAllBytes());
        }
    }

    /** The clip an edit task starts from, decoded from its MP4 as the API stored it. */
    private Video clip(String id) throws IOException {
        try (Storage.Stored in = storage.open(id, Storage.SOURCE)
                .orElseThrow(() -> new IOException("the clip to edit of task " + id + " is missing from " + storage.describe()))) {
            return Clips.read(in.stream().readAllBytes());
        }
    }

    /**
     * Writes the three files as one group in the staging folder, then publishes each; the staging folder is removed by
     * the caller. The contact sheet shows the pictures the task was given (first frame, reference images) above its frames.
     */
    private void write(Task task, Generated generated, List<ContactSheet.Given> given, Steps steps) throws IOException {
        Video video = generated.video();
        Path staging = data.stagingFolder(owner, task.id());
        Files.createDirectories(staging);
        Map<String, String> tags = new TreeMap<>(generated.provenance());
        tags.put("gallop_model", task.model());
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(staging.resolve(DataFolder.Variant.VIDEO.fileName()), f -> Mp4Writer.write(f, video, tags));
            steps.reach(ENCODED);
            files.add(staging.resolve(DataFolder.Variant.THUMBNAIL.fileName()), f -> Png.write(f, thumbnail(video)));
            steps.reach(THUMBNAIL);
            files.add(staging.resolve(DataFolder.Variant.SPRITESHEET.fileName()),
                    f -> ContactSheet.write(f, video, List.of(), task.input().prompt(), given));
            steps.reach(SPRITESHEET);
            files.commit();
        }
        for (DataFolder.Variant v : DataFolder.Variant.values()) storage.put(task.id(), v.fileName(), staging.resolve(v.fileName()));
    }

    private void deleteStaging(String id) {
        try {
            data.deleteStaging(owner, id);
        } catch (IOException e) {
            LOG.warn("worker: cannot remove the staging folder of task {}: {}", id, e.getMessage());
        }
    }

    /** The middle frame, enlarged without blur so that its short side is at least {@link #THUMBNAIL_MIN_SIDE}. */
    static RgbFrame thumbnail(Video video) {
        RgbFrame middle = video.frames().get(video.frames().size() / 2);
        int side = Math.min(middle.width(), middle.height());
        return Png.scaleUp(middle, Math.clamp((THUMBNAIL_MIN_SIDE + side - 1) / side, 1, 64));
    }

    private void removeOutputs(String id) {
        for (DataFolder.Variant v : DataFolder.Variant.values())
            try {
                storage.delete(id, v.fileName());
            } catch (IOException | RuntimeException e) {
                LOG.warn("worker: cannot remove {} of task {}: {}", v.fileName(), id, e.getMessage());
            }
    }

    private long now() { return clock.instant().getEpochSecond(); }

    /**
     * The task's progress: the generator's own steps map onto 1..80%, file writing onto 80..96%. Every step checks
     * for a cancel (locally and in the store) and, under a test step delay, pauses in short slices so a cancel
     * still lands within one step.
     */
    private final class Steps implements ProgressListener {
        private final String id;
        private final Cancellation cancellation;
        private int percent = -1;

        Steps(String id, Cancellation cancellation) {
            this.id = id;
            this.cancellation = cancellation;
        }

        @Override public void progress(String stage, int done, int total) {
            reach(1 + (int) ((GENERATED - 1) * (total <= 0 ? 0 : Math.clamp(done / (double) total, 0, 1))));
        }

        void reach(int target) {
            cancellation.throwIfCancelled();
            pause();
            if (target > percent) {
                percent = target;
                boolean go;
                try {
                    go = store.progress(id, target);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot record progress: " + e.getMessage(), e);
                }
                if (!go) cancellation.cancel();
            }
            cancellation.throwIfCancelled();
        }

        private void pause() {
            long end = System.nanoTime() + stepDelay.toNanos();
            while (System.nanoTime() < end) {
                cancellation.throwIfCancelled();
                try {
                    Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the server is stopping");
                }
            }
        }
    }

    /** Whether every worker thread has ended (after {@link #close()}). */
    public boolean allStopped() { return threads.stream().noneMatch(Thread::isAlive); }

    /** Stops the threads; tasks they were running go back to the queue for the next start. */
    @Override public void close() {
        stopping = true;
        running.values().forEach(Cancellation::cancel);
        wake();
        for (Thread t : threads)
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        try {
            store.requeueRunning(owner, now());
        } catch (SQLException e) {
            LOG.warn("workers: cannot requeue running tasks at shutdown ({}); the next start does", e.getMessage());
        }
    }
}
