package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

import ai.gallop.Version;
import ai.gallop.diffusion.EulerSampler;
import ai.gallop.diffusion.Guidance;
import ai.gallop.diffusion.SamplingTask;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.Safetensors;
import ai.gallop.model.TokenLayout;
import ai.gallop.model.Checkpoints;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model as a generator: loads a checkpoint folder (its EMA weights when it has them) and samples with
 * the Euler sampler and classifier-free guidance. The prompt itself is the caption (the model was trained on the
 * world's captions in seven languages). Image-to-video puts the first frame's tokens in clean with t = 0, as in
 * training. The model generates sound with every clip; it is dropped when the request asks for none.
 */
public final class ModelGenerator implements VideoGenerator, AutoCloseable {
    public static final int DEFAULT_STEPS = 24;
    public static final double DEFAULT_GUIDANCE = 3, DEFAULT_SHIFT = 1;

    private final AudioVideoTransformer model;
    private final Path checkpoint;
    private final boolean ema;
    private final World world = new World();

    private ModelGenerator(AudioVideoTransformer model, Path checkpoint, boolean ema) {
        this.model = model;
        this.checkpoint = checkpoint;
        this.ema = ema;
    }

    /**
     * Loads a checkpoint: a folder with config.json and model.safetensors, or a run folder (its newest
     * checkpoints/step-N is taken).
     */
    public static ModelGenerator load(Path folderOrRun) throws IOException {
        Path folder = resolve(folderOrRun);
        AudioVideoTransformer model = AudioVideoTransformer.load(folder);
        Path emaFile = folder.resolve(Checkpoints.EMA_FILE);
        if (Files.isRegularFile(emaFile)) {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Map<String, Tensor> weights = Safetensors.read(emaFile);
                for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
                    Tensor w = weights.get(p.getKey());
                    if (w == null) {
                        model.close();
                        throw new IOException(emaFile + " lacks '" + p.getKey() + "'; allowed: EMA weights of the same model");
                    }
                    p.getValue().copy_(w);
                }
            }
        }
        return new ModelGenerator(model, folder, Files.isRegularFile(emaFile));
    }

    static Path resolve(Path folderOrRun) throws IOException {
        if (Files.isRegularFile(folderOrRun.resolve(AudioVideoTransformer.CONFIG_FILE))) return folderOrRun;
        Optional<Path> latest = new Checkpoints(folderOrRun.resolve(Checkpoints.FOLDER)).latest();
        if (latest.isEmpty()) latest = new Checkpoints(folderOrRun).latest();
        return latest.orElseThrow(() -> new IOException("no model in " + folderOrRun
                + "; allowed: a checkpoint folder with config.json, or a run folder with checkpoints/step-N"));
    }

    @Override public String id() { return "gallop-" + model.config().name(); }

    public Path checkpoint() { return checkpoint; }

    public boolean usesEma() { return ema; }

    @Override public Capabilities capabilities() {
        return new Capabilities(VideoFormat.MIN_SIDE, VideoFormat.MAX_SIDE, VideoFormat.MIN_FPS, VideoFormat.MAX_FPS,
                VideoFormat.MAX_SECONDS, true, false, true);
    }

    @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        if (!request.references().isEmpty())
            throw new IllegalArgumentException(id() + " does not take reference images; allowed: a prompt, optionally with a first frame");
        if (request.sampler() != null && !request.sampler().equalsIgnoreCase("euler"))
            throw new IllegalArgumentException("sampler '" + request.sampler() + "' is not available; allowed: euler");
        ModelConfig config = model.config();
        VideoFormat format = request.format();
        config.videoTokeniser().tokens(format.width(), format.height(), format.frames());  // one-line error if the clip does not fit
        RgbFrame first = request.firstFrame();
        if (first != null && (first.width() != format.width() || first.height() != format.height()))
            throw new IllegalArgumentException("first frame is " + first.width() + "x" + first.height()
                    + "; allowed: the requested size " + format.width() + "x" + format.height());
        ParsedPrompt parsed = world.parse(request.prompt());
        SceneSpec spec = parsed.toSpec(request.seed(), format);
        EulerSampler sampler = new EulerSampler(request.steps() != null ? request.steps() : DEFAULT_STEPS, DEFAULT_SHIFT,
                new Guidance(request.guidance() != null ? request.guidance() : DEFAULT_GUIDANCE));
        int samples = (int) Math.round(format.playSeconds() * config.sampleRate());
        Video video;
        try (PointerScope scope = new PointerScope()) {
            Tensor texts = config.textTokeniser().batch(List.of(request.prompt(),
                    request.negativePrompt() == null ? "" : request.negativePrompt()));                // [2, Lt]
            Tensor text = texts.narrow(0, 0, 1), nullText = texts.narrow(0, 1, 1);                    // [1, Lt] each
            int audioTokens = config.audioTokeniser().tokens(samples);
            TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, format.width(), format.height(), format.frames(),
                    format.fps(), audioTokens);
            Tensor condition = null;
            int clean = 0;
            if (first != null) {
                condition = config.videoTokeniser().encode(Collections.nCopies(format.frames(), first)).unsqueeze(0);  // [1, Lv, pv]
                clean = config.videoTokeniser().tokensPerFrame(format.width(), format.height());
            }
            SamplingTask task = new SamplingTask(layout, text, nullText, condition, clean, request.seed());
            ModelOutput out = sampler.sample(model::forward, config, task, listener, cancellation);
            List<RgbFrame> frames = config.videoTokeniser().decode(out.video().select(0, 0), format.width(), format.height(), format.frames());
            if (first != null) frames.set(0, first);
            Sound sound = request.sound() ? config.audioTokeniser().decode(out.audio().select(0, 0), samples) : null;
            video = new Video(format.fps(), frames, sound);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("generator", Version.NAME + " " + Version.VERSION + " " + id());
        provenance.put("checkpoint", checkpoint.toString());
        provenance.put("weights", ema ? "ema" : "raw");
        provenance.put("seed", Long.toString(request.seed()));
        provenance.put("steps", Integer.toString(sampler.steps()));
        provenance.put("guidance", Double.toString(sampler.guidance().scale()));
        provenance.put("prompt", request.prompt());
        return new Generated(video, spec, parsed.unknownWords(), provenance, (System.nanoTime() - start) / 1e9);
    }

    @Override public void close() { model.close(); }
}
