package ai.gallop.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * metrics.jsonl: one JSON object per step ({@link StepMetrics}). A run killed after its last checkpoint has
 * logged steps it will redo; opening the log for a resume drops those lines so every step appears once.
 */
public final class MetricsLog {
    public static final String FILE = "metrics.jsonl";

    private final Path file;

    /** Opens the log and keeps only lines of steps up to {@code resumedStep}. */
    public MetricsLog(Path file, int resumedStep) throws IOException {
        this.file = file;
        JsonLines.keepSteps(file, resumedStep);
    }

    public Path file() { return file; }

    public void append(StepMetrics m) throws IOException {
        JsonLines.append(file, m);
    }

    /** Every complete line of a log; a torn last line (the process was killed mid-write) is skipped. */
    public static List<StepMetrics> read(Path file) throws IOException {
        return JsonLines.read(file, StepMetrics.class);
    }
}
