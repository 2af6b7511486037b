package ai.gallop.train;

import ai.gallop.Json;

import java.nio.file.Path;

/**
 * An autoencoder run's position, stored in each checkpoint as {@code trainer.json}. Every step's frames and noise
 * are pure functions of (seed, step), so the step count is the whole data and RNG state.
 *
 * @param step            optimisation steps done
 * @param skippedSteps    steps whose gradient was not finite and so changed nothing
 * @param elapsedSeconds  training wall time so far, across resumes
 * @param options         the run's options
 */
public record AutoencoderState(int step, int skippedSteps, double elapsedSeconds, AutoencoderOptions options) {
    public static final String FILE = "trainer.json";

    public static AutoencoderState read(Path file) { return Json.read(file, AutoencoderState.class); }
}
