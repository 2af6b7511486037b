package ai.gallop;

/** Hears how far a generation is; called on the generating thread, so it must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, done, total) -> {};

    /** {@code done} of {@code total} units of {@code stage} (e.g. "denoise", 12, 32) are finished. */
    void progress(String stage, int done, int total);
}
