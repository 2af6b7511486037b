package ai.gallop.serve;

import ai.gallop.pipeline.StillBaseline;
import ai.gallop.pipeline.VideoGenerator;
import ai.gallop.pipeline.WorldOracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generators a server hosts and the model names callers use for them. Until a model is trained the public
 * gallop-tiny names are served by the world oracle (every response names the generator that served it); the
 * generators can also be asked for by their own ids. A model name fixes a mode: text, first frame (i2v),
 * reference images (r2v) or a video to edit.
 */
public final class Generators {
    public enum Mode { T2V, I2V, R2V, EDIT, ANY }

    /** A public model name, the mode it promises, and the generator that serves it. */
    public record Model(String name, Mode mode, String generator) {}

    private final Map<String, VideoGenerator> generators = new LinkedHashMap<>();
    private final Map<String, Model> models = new LinkedHashMap<>();

    /** world-oracle and still-baseline, with the gallop-tiny names mapped to the oracle. */
    public static Generators standard() {
        Generators g = new Generators();
        g.host(new WorldOracle());
        g.host(new StillBaseline());
        g.alias("gallop-tiny-t2v", Mode.T2V, WorldOracle.ID);
        g.alias("gallop-tiny-i2v", Mode.I2V, WorldOracle.ID);
        g.alias("gallop-tiny-r2v", Mode.R2V, WorldOracle.ID);
        g.alias("gallop-tiny-edit", Mode.EDIT, WorldOracle.ID);
        return g;
    }

    public void host(VideoGenerator generator) {
        generators.put(generator.id(), generator);
        models.put(generator.id(), new Model(generator.id(), Mode.ANY, generator.id()));
    }

    public void alias(String name, Mode mode, String generator) {
        if (!generators.containsKey(generator)) throw new IllegalArgumentException("no hosted generator '" + generator + "'");
        models.put(name, new Model(name, mode, generator));
    }

    public VideoGenerator generator(String id) {
        VideoGenerator g = generators.get(id);
        if (g == null) throw new IllegalStateException("generator '" + id + "' is not hosted by this server");
        return g;
    }

    public List<Model> models() { return List.copyOf(models.values()); }

    /** The arena's contenders: every hosted generator (the arena asks for text-to-video, which all of them render). */
    public List<String> contenders() {
        return new ArrayList<>(generators.keySet());
    }

    /**
     * The model for a request, or a 400 naming the field: an unknown name, a mode the name does not promise, or a mode
     * its generator cannot serve yet.
     */
    public Model resolve(String param, String name, boolean firstFrame, boolean references, boolean editVideo) {
        Model model = models.get(name);
        if (model == null)
            throw ApiError.invalid(param, "model '" + Ids.printable(name) + "' is not hosted; allowed: " + String.join(", ", models.keySet()));
        VideoGenerator.Capabilities can = generator(model.generator()).capabilities();
        String servedBy = model.name().equals(model.generator()) ? model.name()
                : "model " + model.name() + " is served by " + model.generator() + " until a trained model exists, and "
                + model.generator();
        switch (model.mode()) {
            case I2V -> {
                if (!firstFrame) throw ApiError.invalid("input_reference", "model " + name + " is image-to-video and needs a first frame; allowed: an image in input_reference (OpenAI) or input.media type first_frame (DashScope)");
            }
            case R2V -> {
                if (!references) throw ApiError.invalid(param, "model " + name + " is reference-to-video and needs reference images; allowed: input.media of type reference_image");
            }
            case EDIT -> {
                if (!editVideo) throw ApiError.invalid(param, "model " + name + " edits a video and needs one; allowed: input.media of type video");
            }
            case T2V -> {
                if (firstFrame || references || editVideo)
                    throw ApiError.invalid(param, "model " + name + " is text-to-video and takes no images or videos; allowed for images: still-baseline");
            }
            case ANY -> { }
        }
        if (editVideo) throw unsupported(param, servedBy + " cannot edit videos");
        if (references && !can.references()) throw unsupported(param, servedBy + " does not take reference images");
        if (firstFrame && !can.imageToVideo()) throw unsupported(param, servedBy + " renders from text only");
        return model;
    }

    private ApiError unsupported(String param, String what) {
        List<String> i2v = generators.values().stream().filter(g -> g.capabilities().imageToVideo()).map(VideoGenerator::id).toList();
        return new ApiError(400, "unsupported_mode", param, what + "; allowed: text-to-video with any hosted model"
                + (i2v.isEmpty() ? "" : ", image-to-video with " + String.join(", ", i2v)));
    }
}
