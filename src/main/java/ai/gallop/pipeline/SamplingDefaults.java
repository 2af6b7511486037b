package ai.gallop.pipeline;

import ai.gallop.Json;
import ai.gallop.diffusion.Guidance;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps, shift, guidance and guidance smoothing a generation gets when its request names none. An ordinary model
 * takes {@link Gallop#DEFAULT_STEPS} guided steps; a distilled one (its training record has options.distill, see the
 * train package's Distillation) was taught to sample in its own few steps, on its own grid, with the guidance in its
 * weights, so it defaults to those steps and no unconditional pass. A model folder's {@value #FILE}, when there is one,
 * sets the guidance and its smoothing measured to suit that model best (e.g. a little guidance on top of a
 * distilled model's own): {@code {"guidance": G, "guidanceSmoothing": W}}, either may be left out.
 *
 * @param steps             denoising steps
 * @param shift             timestep shift
 * @param guidance          classifier-free guidance of picture and sound (1 = one pass per step)
 * @param distilled         whether the steps and shift come from a distillation
 * @param guidanceSmoothing how much of the picture's guidance push is averaged over neighbouring frames
 */
public record SamplingDefaults(int steps, double shift, double guidance, boolean distilled, double guidanceSmoothing) {
    public static final String FILE = "sampling.json";
    private static final String ALLOWED = "allowed: {\"guidance\": 0 to " + (int) Guidance.MAX + ", \"guidanceSmoothing\": 0 to 1}, either optional";
    public static final SamplingDefaults STANDARD = new SamplingDefaults(Gallop.DEFAULT_STEPS, Gallop.DEFAULT_SHIFT, Gallop.DEFAULT_GUIDANCE, false, 0);

    /**
     * The defaults of a model or checkpoint folder: its training record's, then its {@value #FILE}.
     *
     * @throws IllegalArgumentException with one line naming the file, when {@value #FILE} is unreadable or out of range
     */
    public static SamplingDefaults ofModel(Path folder) {
        return of(folder.resolve(Gallop.TRAINER_FILE)).withFile(folder.resolve(FILE));
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
            return new SamplingDefaults(steps, shift, 1, true, 0);
        } catch (IOException e) {
            return STANDARD;  // a checkpoint without a readable training record still generates, with the standard defaults
        }
    }

    /** These defaults with the guidance and smoothing a model folder's sampling file sets, if it has one. */
    private SamplingDefaults withFile(Path file) {
        if (!Files.isRegularFile(file)) return this;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON; " + ALLOWED);
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException(file + " is not a JSON object; " + ALLOWED);
        for (String field : new String[]{"guidance", "guidanceSmoothing"})
            if (node.has(field) && !node.get(field).isNumber())
                throw new IllegalArgumentException(file + ": " + field + " " + node.get(field) + " is not a number; " + ALLOWED);
        double g = node.path("guidance").asDouble(guidance), w = node.path("guidanceSmoothing").asDouble(guidanceSmoothing);
        try {
            new Guidance(g, g, w);  // the ranges a request's guidance must keep
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        return new SamplingDefaults(steps, shift, g, distilled, w);
    }

    /** The JSON of a sampling file that sets this guidance and smoothing. */
    public static String fileJson(double guidance, double guidanceSmoothing) {
        Map<String, Double> file = new LinkedHashMap<>();
        file.put("guidance", guidance);
        file.put("guidanceSmoothing", guidanceSmoothing);
        return Json.write(file);
    }
}
