package ai.gallop.train;

import ai.gallop.model.AutoencoderConfig;

/**
 * Settings of an autoencoder run ({@code gallop train-autoencoder}).
 *
 * @param autoencoder    the network's shape
 * @param size           side of the square world frames trained on
 * @param batch          frames per step, {@link #FRAMES_PER_CLIP} from each rendered clip
 * @param steps          total optimisation steps
 * @param learningRate   peak AdamW learning rate (warm-up, then cosine to a tenth)
 * @param warmupSteps    linear warm-up steps
 * @param subjectWeight  extra squared-error weight on subject pixels (subjects are ~4% of a frame's pixels)
 * @param latentNoise    the largest latent perturbation, relative to the batch's latent std, the decoder learns to
 *                       tolerate (each frame draws its own level uniformly below it)
 * @param gradClip       global gradient-norm clip
 * @param seed           weights, data and noise
 * @param bf16           bfloat16 autocast for the convolutions
 * @param checkpointEvery steps between checkpoints
 * @param keep           checkpoints kept
 * @param threads        libtorch threads
 * @param init           a trained autoencoder to start from (a model folder or an autoencoder checkpoint), or null
 * @param decoderOnly    train the decoder alone: the encoder, and so the latents and their statistics, stay the
 *                       init's, so a transformer trained on those latents keeps working with the new decoder
 * @param shiftWeight    weight of a term that asks a frame shifted by a few pixels for the latent cells shifted as
 *                       much, interpolated between neighbours (0: none), so a small move of the picture is a small,
 *                       smooth change of the latents the transformer has to draw
 */
public record AutoencoderOptions(AutoencoderConfig autoencoder, int size, int batch, int steps, double learningRate, int warmupSteps,
                                 double subjectWeight, double latentNoise, double gradClip, long seed, boolean bf16,
                                 int checkpointEvery, int keep, int threads, String init, boolean decoderOnly, double shiftWeight) {
    public static final int FRAMES_PER_CLIP = 4;

    public AutoencoderOptions {
        if (size < 16 || size > 256 || size % autoencoder.factor() != 0)
            throw new IllegalArgumentException("--size " + size + " is out of range; allowed: 16 to 256, a multiple of " + autoencoder.factor());
        if (batch < FRAMES_PER_CLIP || batch % FRAMES_PER_CLIP != 0)
            throw new IllegalArgumentException("--batch " + batch + " is out of range; allowed: a positive multiple of " + FRAMES_PER_CLIP + " frames");
        if (steps < 1) throw new IllegalArgumentException("--steps " + steps + " is out of range; allowed: at least 1");
        if (!(learningRate > 0) || learningRate > 1) throw new IllegalArgumentException("--lr " + learningRate + " is out of range; allowed: above 0, at most 1");
        if (warmupSteps < 0) throw new IllegalArgumentException("--warmup " + warmupSteps + " is out of range; allowed: 0 or more");
        if (!(subjectWeight >= 0) || subjectWeight > 100) throw new IllegalArgumentException("--subject-weight " + subjectWeight + " is out of range; allowed: 0 to 100");
        if (!(latentNoise >= 0) || latentNoise > 1) throw new IllegalArgumentException("--latent-noise " + latentNoise + " is out of range; allowed: 0 to 1");
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every " + checkpointEvery + " is out of range; allowed: at least 1");
        if (keep < 1) throw new IllegalArgumentException("--keep " + keep + " is out of range; allowed: at least 1");
        if (threads < 1) throw new IllegalArgumentException("--threads " + threads + " is out of range; allowed: at least 1");
        if (decoderOnly && init == null)
            throw new IllegalArgumentException("--decoder-only keeps a trained encoder but no --init was given; allowed: --init DIR with --decoder-only");
        if (!(shiftWeight >= 0) || shiftWeight > 100) throw new IllegalArgumentException("--shift-weight " + shiftWeight + " is out of range; allowed: 0 (none) to 100");
        if (shiftWeight > 0 && decoderOnly)
            throw new IllegalArgumentException("--shift-weight shapes the encoder's latents but --decoder-only keeps the encoder; allowed: one of them");
    }

    /** The settings the shipped autoencoder is trained with, for {@code steps} steps. */
    public static AutoencoderOptions defaults(int steps) {
        return new AutoencoderOptions(AutoencoderConfig.tiny(), 64, 32, steps, 1e-3, 50, 4, 0.1, 1.0, 1, true, 250, 3,
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1), null, false, 0);
    }

    /** The options that decide what a step computes (all but steps, checkpoint cadence, kept count and threads). */
    AutoencoderOptions identity() {
        return new AutoencoderOptions(autoencoder, size, batch, 1, learningRate, warmupSteps, subjectWeight, latentNoise, gradClip, seed, bf16, 1, 1, 1,
                init, decoderOnly, shiftWeight);
    }
}
