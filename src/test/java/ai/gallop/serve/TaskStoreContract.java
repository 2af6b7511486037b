package ai.gallop.serve;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the task store promises, whatever database it runs on: every state change is one statement guarded by the
 * state it expects, claims are exclusive, a crash requeues only the crashed server's tasks, a cancel wins over a
 * finishing worker. Each subclass runs it on one database (H2 file, PostgreSQL).
 */
abstract class TaskStoreContract {
    static final TaskInput INPUT = new TaskInput("a red horse", null, 0, 64, 64, 8, 17, true, null, null, null, null, false, 0, false, null, null);
    @TempDir Path tmp;
    Database db;
    TaskStore store;

    /** A JDBC URL of an empty database. */
    abstract String freshDatabase() throws Exception;

    @BeforeEach void open() throws Exception {
        db = new Database(freshDatabase(), 6);
        store = new TaskStore(db);
    }

    @AfterEach void close() { db.close(); }

    String insert(String api, String key, long createdAt) throws SQLException {
        String id = Ids.newVideoId();
        store.insert(new TaskStore.NewTask(id, key, "hash-" + key, api, "gallop-tiny-t2v", "world-oracle", INPUT, createdAt));
        return id;
    }

    @Test void theSchemaIsCreatedOnceAndTasksRoundTrip() throws Exception {
        new TaskStore(db); // a second server on the same database: CREATE ... IF NOT EXISTS
        String id = insert("openai", "key-1", 1_700_000_000L);
        Task t = store.find(id).orElseThrow();
        assertThat(t.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(t.input()).isEqualTo(INPUT);
        assertThat(t.createdAt()).isEqualTo(1_700_000_000L);
        assertThat(t.startedAt()).isNull();
        assertThat(t.completedAt()).isNull();
        assertThat(t.inferenceSeconds()).isNull();
        assertThat(t.errorCode()).isNull();
        assertThat(t.cancelRequested()).isFalse();
        assertThat(store.find(Ids.newVideoId())).isEmpty();

        TaskStore.Keyed keyed = store.findByIdempotencyKey("key-1").orElseThrow();
        assertThat(keyed.task().id()).isEqualTo(id);
        assertThat(keyed.requestHash()).isEqualTo("hash-key-1");
        assertThat(store.findByIdempotencyKey("key-2")).isEmpty();
        assertThatThrownBy(() -> insert("openai", "key-1", 1)).isInstanceOf(SQLException.class); // the key is unique
        insert("openai", null, 2); // many tasks without a key
        insert("openai", null, 3);
        assertThat(store.countQueued()).isEqualTo(3);
    }

    @Test void concurrentClaimsTakeEachTaskExactlyOnceAndACrashRequeuesOnlyItsOwnTasks() throws Exception {
        for (int i = 0; i < 40; i++) insert("openai", null, i);
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++)
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (var task = store.claim("a", 1); task.isPresent(); task = store.claim("a", 1))
                        if (!claimed.add(task.get().id())) duplicates.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    errors.add(e);
                }
            }));
        for (Thread t : threads) t.join();
        assertThat(errors).isEmpty();
        assertThat(claimed).hasSize(40);
        assertThat(duplicates).hasValue(0);
        assertThat(store.countQueued()).isZero();
        assertThat(store.claim("a", 1)).isEmpty();

        String cancelled = claimed.iterator().next();
        store.requestCancel(cancelled, 2);
        assertThat(store.find(cancelled).orElseThrow().status()).as("a running task only gets the flag").isEqualTo(TaskStatus.RUNNING);
        assertThat(store.requeueRunning("someone-else", 2)).isZero();
        assertThat(store.requeueRunning("a", 2)).isEqualTo(39);
        assertThat(store.countQueued()).isEqualTo(39);
        assertThat(store.find(cancelled).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        Task again = store.claim("b", 3).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.startedAt()).isEqualTo(3);
    }

    @Test void claimsTakeTheOldestAndQueuePositionsCountWhoIsAhead() throws Exception {
        String first = insert("openai", null, 10), second = insert("dashscope", null, 11), third = insert("arena", null, 12);
        assertThat(store.queuePosition(store.find(first).orElseThrow())).isZero();
        assertThat(store.queuePosition(store.find(third).orElseThrow())).isEqualTo(2);
        assertThat(store.claim("a", 20).orElseThrow().id()).isEqualTo(first);
        assertThat(store.queuePosition(store.find(second).orElseThrow())).isZero();
        assertThat(store.queuePosition(store.find(first).orElseThrow())).as("running: not waiting").isZero();
    }

    @Test void finishingRecordsTheOutcomeAndACancelWinsTheRace() throws Exception {
        assertThat(store.recentMeanSeconds()).isNull();
        String done = insert("openai", null, 1), raced = insert("openai", null, 2), failed = insert("openai", null, 3);
        store.claim("a", 5);
        assertThat(store.progress(done, 40)).isTrue();
        assertThat(store.find(done).orElseThrow().progress()).isEqualTo(40);
        assertThat(store.finish(done, TaskStatus.SUCCEEDED, null, null, 2.5, 9)).contains(TaskStatus.SUCCEEDED);
        Task t = store.find(done).orElseThrow();
        assertThat(t.progress()).isEqualTo(100);
        assertThat(t.inferenceSeconds()).isEqualTo(2.5);
        assertThat(t.completedAt()).isEqualTo(9);
        assertThat(store.finish(done, TaskStatus.FAILED, "x", "y", 1.0, 10)).as("only a running task finishes").isEmpty();
        assertThat(store.progress(done, 50)).isFalse();

        store.claim("a", 5);
        store.requestCancel(raced, 6);
        assertThat(store.progress(raced, 10)).as("the worker learns of the cancel at its next step").isFalse();
        assertThat(store.finish(raced, TaskStatus.SUCCEEDED, null, null, 1.0, 7)).contains(TaskStatus.CANCELLED);
        Task r = store.find(raced).orElseThrow();
        assertThat(r.errorCode()).isEqualTo("cancelled");
        assertThat(r.errorMessage()).isEqualTo("cancelled by the caller");

        store.claim("a", 5);
        String longMessage = "x".repeat(5000) + "\nsecond line";
        assertThat(store.finish(failed, TaskStatus.FAILED, "generation_failed", longMessage, null, 8)).contains(TaskStatus.FAILED);
        Task f = store.find(failed).orElseThrow();
        assertThat(f.errorMessage()).hasSize(1000).doesNotContain("\n");
        assertThat(f.inferenceSeconds()).isNull();
        assertThat(f.progress()).isZero();
        assertThat(store.recentMeanSeconds()).isEqualTo(2.5);
    }

    @Test void aQueuedTaskIsCancelledAtOnceAndAFinishedOneIsLeftAlone() throws Exception {
        String queued = insert("openai", null, 1);
        Optional<Task> after = store.requestCancel(queued, 4);
        assertThat(after.orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(after.orElseThrow().completedAt()).isEqualTo(4);
        assertThat(store.claim("a", 5)).isEmpty();
        assertThat(store.requestCancel(queued, 6).orElseThrow().completedAt()).as("cancelling twice changes nothing").isEqualTo(4);
        assertThat(store.requestCancel(Ids.newVideoId(), 6)).isEmpty();
    }

    @Test void deletedAndArenaTasksStayOutOfTheListWhichPagesNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(insert("openai", null, i));
        String arena = insert("arena", null, 9);
        assertThat(store.markDeleted(ids.get(2))).isTrue();
        assertThat(store.markDeleted(ids.get(2))).isFalse();
        assertThat(store.isDeleted(ids.get(2))).isTrue();
        assertThat(store.isDeleted(ids.get(1))).isFalse();
        assertThat(store.find(ids.get(2))).isEmpty();
        List<String> page1 = store.list(2, null).stream().map(Task::id).toList();
        assertThat(page1).containsExactly(ids.get(4), ids.get(3));
        List<String> page2 = store.list(2, page1.getLast()).stream().map(Task::id).toList();
        assertThat(page2).containsExactly(ids.get(1), ids.get(0));
        assertThat(store.list(2, page2.getLast())).isEmpty();
        assertThat(store.list(100, null)).extracting(Task::id).doesNotContain(arena, ids.get(2));
        assertThatThrownBy(() -> store.list(2, arena)).isInstanceOf(ApiError.class).hasMessageContaining("allowed: an id from a previous page");
    }
}
