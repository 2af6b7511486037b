package ai.gallop.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA on stderr. On a terminal it redraws in place; when
 * stderr is a file or a pipe it prints a plain line at each tenth, so logs stay readable.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long done;
    private int lastTenth = -1;

    public ProgressBar(String label, long total) {
        this(System.err, label, total, System.console() != null);
    }

    public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = interactive;
    }

    public void step() { stepTo(done + 1); }

    public synchronized void stepTo(long value) {
        done = Math.min(value, total);
        if (interactive) {
            out.print("\r" + line());
            out.flush();
        } else {
            int tenth = (int) (10 * done / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(line());
            }
        }
    }

    String line() {
        double fraction = done / (double) total;
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String eta = done == 0 ? "--:--" : clock(elapsed * (total - done) / done);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %3.0f%% %s elapsed, ETA %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, 100 * fraction, clock(elapsed), eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override public void close() {
        if (interactive) out.println();
        out.flush();
    }
}
