package ai.gallop;

import java.util.concurrent.CancellationException;

/** A flag a caller sets to stop a generation; generators check it between steps. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }

    public void throwIfCancelled() {
        if (cancelled) throw new CancellationException("generation cancelled");
    }
}
