package ai.gallop.train;

import ai.gallop.Json;

import java.nio.file.Path;

/**
 * The trainer's position, stored in each checkpoint as {@code trainer.json}. The data order and every step's
 * noise are pure functions of (run seed, step) ({@link DataOrder}), so the step IS the data RNG state and the
 * torch RNG state: resuming at {@code step} renders the clips of {@code step} next and reseeds torch from
 * {@link DataOrder#stepSeed}.
 *
 * @param step            optimisation steps done
 * @param nextDataStep    the step whose clips are rendered next (= step)
 * @param torchSeed       the seed every step's generator derives from with the step (= run seed)
 * @param learningRate    learning rate of the next step (the schedule position, for reading; it is recomputed)
 * @param clipsSeen       clips trained on so far
 * @param elapsedSeconds  training wall time so far, across resumes
 * @param options         the run's options
 * @param skippedInARow   steps up to this one skipped in a row for a gradient that was not finite (0 in
 *                        checkpoints from before it was kept), so a resumed run stops after the same number
 * @param init            the model folder the run started from ({@code --init}, as an absolute path), or null: none,
 *                        or a checkpoint from before it was kept
 * @param autoencoder     the autoencoder folder it started with ({@code --autoencoder}, absolute), or null likewise
 */
public record TrainerState(int step, int nextDataStep, long torchSeed, double learningRate, long clipsSeen,
                           double elapsedSeconds, TrainOptions options, int skippedInARow, String init, String autoencoder) {
    public static final String FILE = "trainer.json";

    /** How a folder is kept here and compared: absolute and normalised, so a relative and an absolute path to it match. */
    public static String folder(Path path) { return path == null ? null : path.toAbsolutePath().normalize().toString(); }

    public static TrainerState read(Path file) { return Json.read(file, TrainerState.class); }
}
