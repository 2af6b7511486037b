package ai.gallop.train;

import java.nio.file.Path;

/** Hears the trainer's progress (the CLI draws a progress bar and log lines from it). */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    default void stepDone(StepMetrics metrics, int totalSteps) {}

    default void checkpointSaved(Path folder, int step) {}
}
