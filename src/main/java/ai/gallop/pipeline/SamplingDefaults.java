package ai.gallop.pipeline;

import ai.gallop.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The steps, shift and guidance a generation gets when its request names none. An ordinary model takes
 * {@link Gallop#DEFAULT_STEPS} guided steps; a distilled one (its training record has options.distill, see the train
 * package's Distillation) was taught to sample in its own few steps, on its own grid, with the guidance in its
 * weights, so it defaults to those steps and no unconditional pass.
 *
 * @param steps     denoising steps
 * @param shift     timestep shift
 * @param guidance  classifier-free guidance of picture and sound (1 = one pass per step)
 * @param distilled whether the defaults come from a distillation
 */
public record SamplingDefaults(int steps, double shift, double guidance, boolean distilled) {
    public static final SamplingDefaults STANDARD = new SamplingDefaults(Gallop.DEFAULT_STEPS, Gallop.DEFAULT_SHIFT, Gallop.DEFAULT_GUIDANCE, false);

    /** The defaults of a model or checkpoint folder (from its trainer.json). */
    public static SamplingDefaults ofModel(Path folder) {
        return of(folder.resolve(Gallop.TRAINER_FILE));
    }

    /** The defaults a training record implies: a distillation's steps and shift at guidance 1, else the standard ones. */
    static SamplingDefaults of(Path trainerFile) {
        if (!Files.isRegularFile(trainerFile)) return STANDARD;
        try {
            JsonNode distill = Json.MAPPER.readTree(trainerFile.toFile()).path("options").path("distill");
            if (!distill.isObject()) return STANDARD;
            int steps = distill.path("steps").asInt(0);
            double shift = distill.path("shift").asDouble(0);
            if (steps < 1 || !(shift > 0)) return STANDARD;
            return new SamplingDefaults(steps, shift, 1, true);
        } catch (IOException e) {
            return STANDARD;  // a checkpoint without a readable training record still generates, with the standard defaults
        }
    }
}
