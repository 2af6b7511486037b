package ai.gallop.cli;

import java.io.IOException;
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

    /** Long work that checks {@link #requested} between its steps and returns an exit code. */
    interface Work {
        int run(GracefulStop stop) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} under a stop named after {@code gallop COMMAND}; a failure after a stop was asked for (the JVM
     * is going down) is one line, "gallop COMMAND: stopping failed: ...", and an exit code instead of a stack trace.
     */
    static int run(String command, long waitSeconds, Work work) throws IOException, InterruptedException {
        try (GracefulStop stop = new GracefulStop("gallop-" + command + "-stop", waitSeconds)) {
            try {
                return work.run(stop);
            } catch (IOException | RuntimeException e) {
                if (!stop.requested()) throw e;
                System.err.println("gallop " + command + ": stopping failed: " + GallopCli.describe(e));
                return GallopCli.EXIT_FAILURE;
            }
        }
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
