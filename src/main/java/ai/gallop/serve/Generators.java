package ai.gallop.serve;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.Generated;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.StillBaseline;
import ai.gallop.pipeline.VideoGenerator;
import ai.gallop.pipeline.WorldOracle;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The generators a server hosts and the model names callers use for them. With a trained model (a checkpoint folder
 * such as models/gallop-tiny) the public gallop-tiny names are served by it; without one, by the world oracle (every
 * response names the generator that served it). The world oracle and the still baseline are always hosted, as
 * reference points for the arena, and every generator can also be asked for by its own id. A model name fixes a mode:
 * text, first frame (i2v), reference images (r2v) or a video to edit.
 */
public final class Generators implements AutoCloseable {
    public enum Mode { T2V, I2V, R2V, EDIT, ANY }

    /** A public model name, the mode it promises, and the generator that serves it. */
    public record Model(String name, Mode mode, String generator) {}

    private final Map<String, VideoGenerator> generators = new LinkedHashMap<>();
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, Gallop> trained = new LinkedHashMap<>();
    private static final World WORLD = new World();
    /** {@link #unread} by generator and task input, the most recent {@value #UNREAD_MEMO} of them. */
    private final Map<List<Object>, Map<String, Object>> unreadMemo = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<List<Object>, Map<String, Object>> eldest) { return size() > UNREAD_MEMO; }
    };
    private static final int UNREAD_MEMO = 1024;

    /** world-oracle and still-baseline, with the gallop-tiny names mapped to the oracle. */
    public static Generators standard() { return with(null, null); }

    /**
     * world-oracle, still-baseline and, when {@code model} is not null, the trained model in that folder (a checkpoint
     * folder with config.json and model.safetensors, or a training run folder, whose newest checkpoint is taken),
     * hosted under its own id (gallop-NAME, e.g. gallop-tiny) and behind the gallop-tiny names; with {@code editModel}
     * (else null) a model trained to edit clips hosted as {@value #EDIT_MODEL}, which then serves the gallop-tiny-edit name.
     */
    public static Generators standard(Path model, Path editModel) throws IOException {
        Gallop trained = load(model), editor = null;
        try {
            editor = load(editModel);
            if (editor != null && !editor.capabilities().edit())
                throw new IOException("cannot host the edit model in " + editModel + ": it was not trained to edit clips; allowed: a model "
                        + "trained with gallop train --edit-share, such as models/gallop-tiny-edit");
            return with(trained, editor);
        } catch (IOException | RuntimeException e) {
            if (trained != null) trained.close();
            if (editor != null) editor.close();
            if (e instanceof IOException io) throw io;
            throw new IOException("cannot host the models in " + model + (editModel != null ? " and " + editModel : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The id the edit model is hosted under: a model's own id names its configuration, which the edit model shares, and
     * the public name gallop-tiny-edit promises edits only, while the model itself is also an arena contender.
     */
    public static final String EDIT_MODEL = "gallop-tiny-editor";

    private static Gallop load(Path folder) throws IOException {
        if (folder == null) return null;
        if (!Files.isDirectory(folder))
            throw new IOException("model folder " + folder + " does not exist; allowed: a checkpoint folder with config.json and "
                    + "model.safetensors (e.g. models/gallop-tiny), or a training run folder");
        return Gallop.load(folder);
    }

    private static Generators with(Gallop trained, Gallop editor) {
        Generators g = new Generators();
        g.host(new WorldOracle());
        g.host(new StillBaseline());
        if (trained != null) g.hostTrained(trained, trained.id());
        if (editor != null) g.hostTrained(editor, EDIT_MODEL);
        String serving = trained != null ? trained.id() : WorldOracle.ID;
        g.alias("gallop-tiny-t2v", Mode.T2V, serving);
        g.alias("gallop-tiny-i2v", Mode.I2V, serving);
        g.alias("gallop-tiny-r2v", Mode.R2V, serving);
        g.alias("gallop-tiny-edit", Mode.EDIT, editor != null ? EDIT_MODEL : serving);
        return g;
    }

    public void host(VideoGenerator generator) {
        if (generators.containsKey(generator.id()))
            throw new IllegalArgumentException("generator '" + generator.id() + "' is hosted twice; allowed: one generator per id");
        generators.put(generator.id(), generator);
        models.put(generator.id(), new Model(generator.id(), Mode.ANY, generator.id()));
    }

    /** Hosts a trained model under {@code id}, one generation at a time; this registry closes it. */
    public void hostTrained(Gallop model, String id) {
        host(new OneAtATime(model, id));
        trained.put(id, model);
    }

    /** The trained models hosted, by generator id. */
    public Set<String> trained() { return Set.copyOf(trained.keySet()); }

    /**
     * A trained model runs one generation at a time, whatever the number of workers: libtorch already spreads one
     * generation over every core (or the whole GPU), and two at once only double the memory and thrash. A task waiting
     * for the model still stops when it is cancelled.
     */
    private static final class OneAtATime implements VideoGenerator {
        private final VideoGenerator model;
        private final String id;
        private final ReentrantLock lock = new ReentrantLock(true); // fair: tasks run in the order they reached the model

        OneAtATime(VideoGenerator model, String id) {
            this.model = model;
            this.id = id;
        }

        @Override public String id() { return id; }

        @Override public Capabilities capabilities() { return model.capabilities(); }

        @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
            try {
                while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) cancellation.throwIfCancelled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for " + id);
            }
            try {
                return model.generate(request, listener, cancellation);
            } finally {
                lock.unlock();
            }
        }
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
                : "model " + model.name() + " is served by " + model.generator()
                + (trained.containsKey(model.generator()) ? "" : " until a trained model exists") + ", and " + model.generator();
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
                    throw ApiError.invalid(param, "model " + name + " is text-to-video and takes no images or videos; allowed for images: "
                            + String.join(", ", firstFrameModels()));
            }
            case ANY -> { }
        }
        if (editVideo && !can.edit()) throw unsupported(param, servedBy + " cannot edit videos");
        if (references && !can.references()) throw unsupported(param, servedBy + " does not take reference images");
        if (firstFrame && !can.imageToVideo()) throw unsupported(param, servedBy + " renders from text only");
        return model;
    }

    /**
     * Throws the one-line IllegalArgumentException the generator would throw for this request, before it is queued:
     * a trained model checks its patch sizes and token budget, so a task never fails for a size it cannot make.
     */
    public void check(String generator, GenerationRequest request) {
        Gallop m = trained.get(generator);
        if (m != null) m.check(request);
    }

    /**
     * What of a task's text its generator never reads, for the APIs to show beside the task: "ignored_words", the words
     * the world's grammar does not know (no generator here was trained on them), and "unread_text", the text past a
     * trained model's caption length ({@link Gallop#unreadText}); each empty when there is none. A task stored for a
     * generator this server no longer hosts, or one the hosted model can no longer plan, shows only the words.
     */
    public Map<String, Object> unread(String generator, TaskInput input) {
        // a task's input never changes, and an event stream renders its video object every 200 ms: parse each task once
        synchronized (unreadMemo) {
            return unreadMemo.computeIfAbsent(List.of(generator, input), k -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ignored_words", input.source() ? List.of() : WORLD.parse(input.prompt()).unknownWords());  // an instruction is read whole
                out.put("unread_text", unreadText(trained.get(generator), input));
                return java.util.Collections.unmodifiableMap(out);
            });
        }
    }

    private static Map<String, String> unreadText(Gallop model, TaskInput input) {
        if (model == null) return Map.of();
        try {
            return model.unreadText(input.request(null, List.of(), null));
        } catch (IllegalArgumentException e) {  // the task was accepted by another model before a restart
            return Map.of();
        }
    }

    /**
     * The size nearest to width x height, with the same short side and a long side at most 16 pixels away, that the
     * generator can make (DashScope's resolution and ratio give 114x64 for 64P at 16:9; a model with 4-pixel patches
     * makes 112x64). Unchanged for generators that take any even size, and when no nearby size fits.
     */
    public int[] fit(String generator, int[] size) {
        int width = size[0], height = size[1];
        Gallop m = trained.get(generator);
        if (m == null) return size;
        VideoFormat usual = m.defaultFormat();
        boolean wide = width >= height;
        int shortSide = wide ? height : width, longSide = wide ? width : height;
        for (int delta = 0; delta <= 16; delta += 2)
            for (int sign : new int[]{-1, 1}) {
                int l = longSide + sign * delta, w = wide ? l : shortSide, h = wide ? shortSide : l;
                try {
                    m.check(new VideoFormat(w, h, usual.fps(), usual.frames()));
                    return new int[]{w, h};
                } catch (IllegalArgumentException doesNotFit) {
                    // try the next size
                }
            }
        return size;
    }

    /** Model names that accept a first frame. */
    private List<String> firstFrameModels() {
        return models.values().stream().filter(m -> (m.mode() == Mode.I2V || m.mode() == Mode.ANY)
                && generator(m.generator()).capabilities().imageToVideo()).map(Model::name).toList();
    }

    /** Closes the trained models (their weights live in native memory). */
    @Override public void close() {
        for (Gallop m : trained.values()) m.close();
        trained.clear();
    }

    private ApiError unsupported(String param, String what) {
        List<String> i2v = generators.values().stream().filter(g -> g.capabilities().imageToVideo()).map(VideoGenerator::id).toList();
        return new ApiError(400, "unsupported_mode", param, what + "; allowed: text-to-video with any hosted model"
                + (i2v.isEmpty() ? "" : ", image-to-video with " + String.join(", ", i2v)));
    }
}
