package ai.gallop.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or SIGTERM for a long training run: the JVM's shutdown hook only asks the run to stop and then waits
 * (up to a limit) until the run has finished its step, saved it and closed, which {@link #close} signals. Without
 * it the JVM's exit unloads libtorch under a running step and dies with a native error report. Anything printed
 * after a stop must be printed before {@link #close}: the JVM halts as soon as the hook returns.
 */
final class GracefulStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    GracefulStop(String name, long waitSeconds) {
        hook = new Thread(() -> {
            requested.set(true);
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
