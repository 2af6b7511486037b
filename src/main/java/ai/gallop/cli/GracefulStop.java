package ai.gallop.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or SIGTERM for long native work (training, a generation): the JVM's shutdown hook only asks the work to
 * stop and then waits (up to a limit) until it has stopped, saved what it must and closed, which {@link #close}
 * signals. Without it the JVM's exit unloads libtorch under a running step and dies with a native error report.
 * Anything printed after a stop must be printed before {@link #close}: the JVM halts as soon as the hook returns.
 */
final class GracefulStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** A stop that the work polls through {@link #requested}. */
    GracefulStop(String name, long waitSeconds) {
        this(name, waitSeconds, () -> {});
    }

    /** A stop that also runs {@code onRequest} in the hook, e.g. to cancel the work or interrupt a blocked thread. */
    GracefulStop(String name, long waitSeconds, Runnable onRequest) {
        hook = new Thread(() -> {
            requested.set(true);
            onRequest.run();
            try {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether a stop was asked for; checked between steps. */
    boolean requested() { return requested.get(); }

    @Override public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for 'finished' only
        }
    }
}
