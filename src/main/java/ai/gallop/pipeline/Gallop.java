package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.Json;
import ai.gallop.ProgressListener;
import ai.gallop.Version;
import ai.gallop.diffusion.Guidance;
import ai.gallop.diffusion.Sampler;
import ai.gallop.diffusion.SamplingTask;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.model.AudioTokeniser;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.Autocast;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.EditSource;
import ai.gallop.model.Checkpoints;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.ModelInput;
import ai.gallop.model.TextTokeniser;
import ai.gallop.model.TokenLayout;
import ai.gallop.world.CameraView;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.ShotSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;


import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * The Java API of Gallop: a trained model as a generator. {@code Gallop.load(folder)} reads a model folder
 * (config.json + model.safetensors, the EMA weights when the folder has them) or a training run (its newest
 * checkpoint); {@link #generate} turns a {@link GenerationRequest} into a video with sound:
 * <pre>{@code
 * try (Gallop gallop = Gallop.load(Path.of("models/gallop-tiny"))) {
 *     Generated g = gallop.generate(GenerationRequest.text("a red ball bounces on a beach", 7, gallop.defaultFormat()),
 *             ProgressListener.NONE, new Cancellation());
 *     Mp4Writer.write(Path.of("ball.mp4"), g.video(), g.provenance());
 * }
 * }</pre>
 *
 * <p>Generation runs as numbered steps (see {@link #generate}): read the request and plan one part per shot,
 * then for each part 1. encode the prompt, 2. set the timesteps, 3. prepare the noise and the clean condition
 * tokens, 4. denoise with guidance, 5. decode picture and sound; 6. join the parts.
 *
 * <p>A prompt with two shots ("... then cut to ...") is generated shot by shot: each part is a clip of its own
 * with its own caption (the world's caption of that shot, in the prompt's language, which is the text the model
 * was trained on) and its own noise, and the parts' frames and sound are joined at the spec's cut frame. The
 * model has seen two-shot captions too, but asking it for a cut inside one window gives no control over where
 * the cut falls or whether it happens; generating the shots apart makes the cut exact, and each shot gets the
 * full attention of the model.
 *
 * <p>The model generates sound with every clip (the picture does not depend on whether sound is kept, so the
 * same seed gives the same frames either way); it is dropped when the request asks for none.
 *
 * <p>Reference images go into the sequence as clean image tokens of every part and of both guidance passes, so the
 * guidance pushes along the caption alone; only a model trained with reference steps takes them (its trainer.json
 * says so), and as many as it was trained with.
 *
 * <p>An edit ("make the ball blue" with a clip) puts the clip into the sequence as clean source tokens, each at the
 * place of the video token it becomes, in both guidance passes, so the guidance pushes along the instruction alone;
 * only a model trained with edit steps ({@code gallop train --edit-share}) takes one.
 */
public final class Gallop implements VideoGenerator, AutoCloseable {
    public static final int DEFAULT_STEPS = 32;
    /**
     * Measured on the shipped model (version 4, 175 dev prompts, Euler 16 steps): guidance 9 against 6 raises scene
     * 0.82 to 0.85, class 0.17 to 0.21, colour 0.20 to 0.24 and count 0.30 to 0.38 and lowers the Frechet distance
     * 0.18 to 0.16; 12 (70 prompts) gains class, colour and count again but loses scene (0.90 to 0.84) and motion
     * smoothness (0.83 to 0.71) and raises the distance to 0.23. The word-reading latent models need the strong
     * push (models/gallop-tiny).
     */
    public static final double DEFAULT_GUIDANCE = 9;
    /**
     * The guidance of an edit that names none (for a model that is not distilled). The unconditional pass gives the clip
     * back, so the push is toward the instruction and away from the clip: measured on models/gallop-tiny-edit (version 1,
     * 14 dev edits, Euler 16; docs/training.md, "Editing a clip"), guidance 1, 2 and 3 gave PSNR against the right
     * answer 21.5, 20.9 and 19.9 dB and colour 0.11, 0.29 and 0.24.
     */
    public static final double DEFAULT_EDIT_GUIDANCE = 2;

    /**
     * The sound's guidance for a model with log-mel sound tokens ({@link ModelConfig#melBands}) when a request names none:
     * none. Guidance extrapolates log energies, so the picture's scale overshoots them into loud clipped bursts: on 70 dev
     * prompts (Euler 16, picture guidance 9; docs/training.md, "Sound as log-mel energies") the right ambience was heard in
     * 0.73 of the clips with the sound unguided, 0.64 at 3 and 0.50 at 9, the picture's scores the same. Waveform models keep
     * the picture's scale.
     */
    public static final double MEL_AUDIO_GUIDANCE = 1;

    /** The sound's guidance a model of this config gets when none is asked: {@link #MEL_AUDIO_GUIDANCE} for log-mel sound, null (the picture's) for waveform sound. */
    public static Double defaultAudioGuidance(ModelConfig config) { return config.melBands() > 0 ? MEL_AUDIO_GUIDANCE : null; }
    /**
     * Training draws t from a logit-normal with mean +1 (median t = 0.73); a shift of 3 moves the uniform grid's
     * median to 0.75, so sampling spends its steps where the model was trained most.
     */
    public static final double DEFAULT_SHIFT = 3;
    public static final String DEFAULT_SAMPLER = "euler";
    /**
     * The longest clip, in video plus audio tokens, that generation accepts: attention costs N^2 per layer, and
     * at 16384 tokens one float32 attention map of one head is 1 GiB.
     */
    public static final int MAX_TOKENS = 16_384;
    /** The file of a checkpoint that records how it was trained (the train package's TrainerState). */
    static final String TRAINER_FILE = "trainer.json";

    private final AudioVideoTransformer model;
    private final Path folder;
    private final boolean ema;
    private final String sha256;
    private final String autoencoderSha256;  // a latent model's frame autoencoder file, or null for a pixel model
    private final VideoFormat trained;  // the clip format the model was trained on, or null when the folder does not say
    private final int referenceImages;  // how many reference images it was trained to take: 1 after --reference-share, else 0
    private final boolean edits;        // whether it was trained to edit clips (--edit-share)
    private final SamplingDefaults defaults;
    private final boolean bf16;
    private final World world = new World();

    private Gallop(AudioVideoTransformer model, Path folder, boolean ema, String sha256, String autoencoderSha256, VideoFormat trained,
                   int referenceImages, boolean edits, SamplingDefaults defaults, boolean bf16) {
        this.referenceImages = referenceImages;
        this.edits = edits;
        this.defaults = defaults;
        this.bf16 = bf16;
        this.model = model;
        this.folder = folder;
        this.ema = ema;
        this.sha256 = sha256;
        this.autoencoderSha256 = autoencoderSha256;
        this.trained = trained;
    }

    /**
     * Loads a model folder with config.json and model.safetensors (plus ema.safetensors, whose weights then
     * replace the raw ones), or a training run folder (its newest checkpoints/step-N).
     *
     * @throws IOException one line naming what is missing and what is allowed
     */
    public static Gallop load(Path modelFolder) throws IOException {
        return load(modelFolder, true);
    }

    /**
     * As {@link #load(Path)}, choosing the matmul precision: bfloat16 autocast (the default; the model trained
     * under it, attention stays float32, and it runs about 1.4x faster on CPUs with bf16 units) or float32.
     */
    public static Gallop load(Path modelFolder, boolean bf16) throws IOException {
        Path folder = resolve(modelFolder);
        SamplingDefaults defaults;
        try {
            defaults = SamplingDefaults.ofModel(folder);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());  // one line naming the sampling file, before the weights are read
        }
        String sha = sha256(folder.resolve(AudioVideoTransformer.WEIGHTS_FILE));
        Path autoencoderFile = folder.resolve(FrameAutoencoder.WEIGHTS_FILE);
        String autoencoderSha = Files.isRegularFile(autoencoderFile) ? sha256(autoencoderFile) : null;
        VideoFormat trained = trainedFormat(folder);
        boolean ema = Files.isRegularFile(folder.resolve(Checkpoints.EMA_FILE));
        AudioVideoTransformer model = AudioVideoTransformer.loadForSampling(folder);
        if (bf16) model.storeLinearWeightsAs(ScalarType.BFloat16);
        JsonNode conditions = trainedConditions(folder);
        return new Gallop(model, folder, ema, sha, autoencoderSha, trained, conditions.path("referenceRate").asDouble(0) > 0 ? 1 : 0,
                conditions.path("editRate").asDouble(0) > 0, defaults, bf16);
    }

    static Path resolve(Path folderOrRun) throws IOException {
        if (Files.isRegularFile(folderOrRun.resolve(AudioVideoTransformer.CONFIG_FILE))) {
            if (!Files.isRegularFile(folderOrRun.resolve(AudioVideoTransformer.WEIGHTS_FILE)))
                throw new IOException("no " + AudioVideoTransformer.WEIGHTS_FILE + " in " + folderOrRun
                        + "; allowed: a model folder with config.json and model.safetensors");
            return folderOrRun;
        }
        if (!Files.isDirectory(folderOrRun))
            throw new IOException("no model at " + folderOrRun + "; allowed: a model folder with config.json and model.safetensors, or a training run folder");
        Optional<Path> latest = new Checkpoints(folderOrRun.resolve(Checkpoints.FOLDER)).latest();
        if (latest.isEmpty()) latest = new Checkpoints(folderOrRun).latest();
        return latest.orElseThrow(() -> new IOException("no model in " + folderOrRun
                + "; allowed: a model folder with config.json and model.safetensors, or a run folder with checkpoints/step-N"));
    }

    /** The SHA-256 of a file in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes what passes through
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The clip format in the folder's trainer.json (options.format), or null when it has none. */
    static VideoFormat trainedFormat(Path folder) {
        Path file = folder.resolve(TRAINER_FILE);
        if (!Files.isRegularFile(file)) return null;
        try {
            JsonNode format = Json.MAPPER.readTree(file.toFile()).path("options").path("format");
            return format.isMissingNode() ? null : Json.MAPPER.treeToValue(format, VideoFormat.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;  // a checkpoint without a readable training record still generates; only the defaults are lost
        }
    }

    /**
     * What the folder's model was conditioned on in training (trainer.json's options.conditions), a missing node when the
     * folder does not say. Reference steps (referenceRate above 0) taught it one reference image, its clip's first
     * subject alone; edit steps (editRate above 0) taught it to edit a clip.
     */
    static JsonNode trainedConditions(Path folder) {
        Path file = folder.resolve(TRAINER_FILE);
        if (!Files.isRegularFile(file)) return MissingNode.getInstance();
        try {
            return Json.MAPPER.readTree(file.toFile()).path("options").path("conditions");
        } catch (IOException e) {
            return MissingNode.getInstance();  // as for the format: an unreadable record loses only what it would have told
        }
    }

    // ------------------------------------------------------------------------------------ what the model is

    @Override public String id() { return "gallop-" + model.config().name(); }

    public ModelConfig config() { return model.config(); }

    /** The folder the weights came from (a run's newest checkpoint when a run folder was given). */
    public Path folder() { return folder; }

    public boolean usesEma() { return ema; }

    /** SHA-256 of the folder's model.safetensors. */
    public String modelSha256() { return sha256; }

    /** SHA-256 of a latent model's frame autoencoder weights; empty for a pixel model. */
    public Optional<String> autoencoderSha256() { return Optional.ofNullable(autoencoderSha256); }

    /** The steps, shift and guidance a request gets when it names none: a distilled model's own, else the defaults above. */
    public SamplingDefaults samplingDefaults() { return defaults; }

    /** The clip format the model was trained on, when its folder records it. */
    public Optional<VideoFormat> trainedFormat() { return Optional.ofNullable(trained); }

    /** The clip a request gets when it names no format: the trained one, else 64x64, 8 fps, 2 s. */
    public VideoFormat defaultFormat() {
        return trained != null ? trained : VideoFormat.DEFAULT;
    }

    @Override public Capabilities capabilities() {
        return new Capabilities(VideoFormat.MIN_SIDE, VideoFormat.MAX_SIDE, VideoFormat.MIN_FPS, VideoFormat.MAX_FPS,
                VideoFormat.MAX_SECONDS, true, referenceImages > 0, true, edits);
    }

    /** In words, the clips this model makes: for the "allowed:" part of an error. */
    public String supported() {
        ModelConfig c = model.config();
        VideoFormat d = defaultFormat();
        return "sides divisible by " + c.pixelsPerPatch() + " from " + VideoFormat.MIN_SIDE + " to " + VideoFormat.MAX_SIDE
                + " (1:1, 16:9, 9:16, 4:3 or 3:4), " + VideoFormat.MIN_FPS + " to " + VideoFormat.MAX_FPS + " fps, "
                + VideoFormat.MIN_SECONDS + " to " + VideoFormat.MAX_SECONDS + " s with fps x seconds a multiple of " + c.patchFrames()
                + ", at most " + MAX_TOKENS + " tokens; " + id() + (trained != null ? " was trained at " : " defaults to ")
                + d.width() + "x" + d.height() + ", " + d.fps() + " fps, " + format(d.seconds()) + " s";
    }

    /** Throws a one-line IllegalArgumentException when the model cannot make a clip of this format. */
    public void check(VideoFormat format) {
        ModelConfig c = model.config();
        int p = c.pixelsPerPatch();
        if (format.width() % p != 0 || format.height() % p != 0)
            throw new IllegalArgumentException("size " + format.width() + "x" + format.height() + " does not fit " + id() + "'s "
                    + p + "-pixel patches; allowed: " + supported());
        if ((format.frames() - 1) % c.patchFrames() != 0)
            throw new IllegalArgumentException(format.frames() + " frames (" + format(format.seconds()) + " s at " + format.fps()
                    + " fps) do not fit " + id() + "'s " + c.patchFrames() + "-frame patches; allowed: " + supported());
        long tokens = tokens(format);
        if (tokens > MAX_TOKENS)
            throw new IllegalArgumentException("a " + format.width() + "x" + format.height() + " clip of " + format(format.seconds())
                    + " s at " + format.fps() + " fps is " + tokens + " tokens; allowed: " + supported());
    }

    /** Video plus audio tokens of a clip of this format (one that fits the patches: see {@link #check}). */
    public long tokens(VideoFormat format) {
        ModelConfig c = model.config();
        return c.videoTokeniser().tokens(format.width(), format.height(), format.frames()) + (long) c.audioTokeniser().tokensFor(format.playSeconds());
    }

    /**
     * The size of an aspect ratio ("16:9") at about the default clip's area, with sides that fit the model's
     * patches; throws a one-line error for a ratio the model cannot make.
     */
    public int[] sizeForRatio(String ratio) {
        String r = ratio.trim();
        boolean known = false;
        for (int[] allowed : VideoFormat.RATIOS) known |= r.equals(allowed[0] + ":" + allowed[1]);
        if (!known) throw new IllegalArgumentException("ratio '" + ratio + "' is not supported; allowed: 1:1, 16:9, 9:16, 4:3, 3:4");
        String[] wh = r.split(":");
        double want = Integer.parseInt(wh[0]) / (double) Integer.parseInt(wh[1]);
        int step = lcm(model.config().pixelsPerPatch(), 2);
        double area = defaultFormat().width() * (double) defaultFormat().height();
        int[] best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int w = step; w <= VideoFormat.MAX_SIDE; w += step)
            for (int h = step; h <= VideoFormat.MAX_SIDE; h += step) {
                if (w < VideoFormat.MIN_SIDE || h < VideoFormat.MIN_SIDE || Math.abs(w / (double) h / want - 1) > 0.03) continue;
                double distance = Math.abs(Math.log(w * (double) h / area));
                if (distance < bestDistance - 1e-12) {
                    bestDistance = distance;
                    best = new int[]{w, h};
                }
            }
        if (best == null)
            throw new IllegalArgumentException("ratio " + r + " has no size that fits " + id() + "; allowed: " + supported());
        return best;
    }

    private static int lcm(int a, int b) {
        int x = a, y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    private static int fitFrames(int frames, int patchFrames) {
        return (frames + patchFrames - 1) / patchFrames * patchFrames;
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : String.format(Locale.ROOT, "%.3g", seconds);
    }

    // ------------------------------------------------------------------------------------ generation

    /**
     * One window of generation: a shot (or, when extending, a stretch of the continuation) generated as a clip of
     * its own of {@code generatedFrames} frames, whose first {@code contextFrames} are the clip's last frames so far
     * (clean condition tokens, then dropped), and whose next {@code keptFrames} frames and {@code keptSamples}
     * samples are appended to the clip at frame {@code firstFrame} and sample {@code firstSample}.
     */
    record Part(int index, String caption, int firstFrame, int keptFrames, int generatedFrames, int firstSample, int keptSamples,
                long seed, RgbFrame conditionFrame, int contextFrames) {}

    /**
     * Everything the request decides before the model runs.
     *
     * @param frames the finished clip's frame count
     * @param prefix the clip being extended (its frames and sound start the result), or null
     * @param references reference images of the clip's size, shown to every part (empty for none)
     * @param source the clip being edited, its last frame repeated to the one part's length (its sound as it came), or null
     * @param parsed the prompt read by the world's grammar, null for an edit (see {@link #planEdit})
     * @param spec the spec the prompt was read as, null for an edit
     */
    record Plan(VideoFormat format, ParsedPrompt parsed, SceneSpec spec, List<Part> parts, String negative, int frames, Video prefix,
                List<RgbFrame> references, Video source) {}

    /**
     * Generates the clip a request asks for: 0. read the request and plan one part per shot, 1. encode the prompt,
     * 2. set the timesteps, then per part 3. prepare the noise and the clean condition tokens, 4. denoise with
     * guidance, 5. decode picture and sound; 6. join the parts into one video.
     *
     * @throws IllegalArgumentException one line, for a request the model cannot serve
     * @throws java.util.concurrent.CancellationException when cancelled; the sampler checks before every model
     *     evaluation, so it stops within one step
     */
    @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        ModelConfig config = model.config();
        Plan plan = time(timings, "read prompt", () -> plan(request));                                          // 0
        List<RgbFrame> frames = new ArrayList<>();
        float[] samples = new float[(int) Math.round(plan.frames() / (double) plan.format().fps() * config.sampleRate())];
        if (plan.prefix() != null) {                                                                            // the clip being extended
            frames.addAll(plan.prefix().frames());
            if (plan.prefix().sound() != null)
                System.arraycopy(plan.prefix().sound().samples(), 0, samples, 0, Math.min(samples.length, plan.prefix().sound().samples().length));
        }
        Sampler sampler;
        boolean reframe = reframes(request), reframed = false;
        try (PointerScope scope = new PointerScope()) {
            List<Prompt> prompts = time(timings, "encode prompt", () -> encodePrompt(plan));                    // 1
            Tensor references = plan.references().isEmpty() ? null : time(timings, "encode prompt", () -> encodeReferences(plan.references()));
            sampler = setTimesteps(request);                                                                    // 2
            int steps = sampler.steps(), totalSteps = steps * plan.parts().size();
            for (Part part : plan.parts()) {
                cancellation.throwIfCancelled();
                try (PointerScope partScope = new PointerScope()) {
                    SamplingTask task = time(timings, "prepare noise",                                          // 3
                            () -> prepareNoiseAndConditions(plan, part, prompts.get(part.index()), references, frames));
                    int offset = part.index() * steps;
                    Prompt prompt = prompts.get(part.index());
                    ModelOutput tokens = time(timings, "denoise", () -> sampler.sample(input -> denoise(input, prompt), config, task,  // 4
                            (stage, done, total) -> listener.progress(stage, offset + done, totalSteps), cancellation));
                    cancellation.throwIfCancelled();
                    if (time(timings, "decode", () -> decodePictureAndSound(plan, part, tokens, reframe, frames, samples)))  // 5
                        reframed = true;
                }
            }
        }
        Sound sound = request.sound() ? new Sound(samples, config.sampleRate()) : null;                       // 6
        Video video = new Video(plan.format().fps(), frames, sound);
        return new Generated(video, plan.spec(), plan.parsed() == null ? List.of() : plan.parsed().unknownWords(), provenance(request, sampler, reframed),
                (System.nanoTime() - start) / 1e9, plan.parts().stream().map(Part::caption).toList(), timings);
    }

    /** One model evaluation, under bfloat16 autocast when asked; the sampler always gets float32 back. */
    private ModelOutput denoise(ModelInput input, Prompt prompt) {
        AudioVideoTransformer.EncodedCaption caption = prompt.of(input.text());
        ModelOutput out = inAutocast(() -> caption != null ? model.forward(input, caption) : model.forward(input));
        return new ModelOutput(out.video().to(ScalarType.Float), out.audio() == null ? null : out.audio().to(ScalarType.Float));
    }

    /** Runs model work under bfloat16 autocast when the generator was loaded with it. */
    private <T> T inAutocast(java.util.function.Supplier<T> work) {
        return bf16 ? Autocast.bfloat16(work) : work.get();
    }

    /** Throws the one-line error {@link #generate} would throw for this request before doing any work. */
    public void check(GenerationRequest request) {
        plan(request);
    }

    /**
     * The text this model never reads, because a caption holds at most {@link ModelConfig#maxTextTokens()} - 2 UTF-8
     * bytes: the cut-off end of the prompt ("prompt", or "caption of shot N" for each shot of a prompt with cuts, read
     * one shot's caption at a time) and of the negative prompt ("negative prompt"), in that order; empty when all fits.
     */
    public Map<String, String> unreadText(GenerationRequest request) {
        Plan plan = plan(request);
        TextTokeniser tokeniser = model.config().textTokeniser();
        Map<String, String> unread = new LinkedHashMap<>();
        boolean shots = plan.spec() != null && plan.spec().shots().size() > 1;
        for (Part part : plan.parts()) {
            String end = tokeniser.unread(part.caption());
            if (!end.isEmpty()) unread.putIfAbsent(shots ? "caption of shot " + (part.index() + 1) : "prompt", end);
        }
        String negativeEnd = tokeniser.unread(plan.negative());
        if (!negativeEnd.isEmpty()) unread.put("negative prompt", negativeEnd);
        return unread;
    }

    /** How many "denoise" progress units a request takes: the steps of every shot. */
    public int denoisingSteps(GenerationRequest request) {
        return setTimesteps(request).steps() * plan(request).parts().size();
    }

    /** 0. Checks the request against the model, reads the prompt as a spec and plans one part per shot. */
    Plan plan(GenerationRequest request) {
        checkReferences(request);
        if (request.extension()) return planExtension(request);
        if (request.editing()) return planEdit(request);
        VideoFormat format = request.format();
        check(format);
        RgbFrame first = request.firstFrame();
        if (first != null && (first.width() != format.width() || first.height() != format.height()))
            throw new IllegalArgumentException("first frame is " + first.width() + "x" + first.height()
                    + "; allowed: the requested size " + format.width() + "x" + format.height());
        ParsedPrompt parsed = world.parse(request.prompt());
        SceneSpec spec = parsed.toSpec(request.seed(), format);
        int sampleRate = model.config().sampleRate(), patchFrames = model.config().patchFrames();
        List<Part> parts = new ArrayList<>();
        if (spec.shots().size() == 1) {
            parts.add(new Part(0, request.prompt(), 0, format.frames(), format.frames(), 0,
                    (int) Math.round(format.playSeconds() * sampleRate), request.seed(), first, 0));
        } else {
            Language language = parsed.language() != null ? parsed.language() : Language.EN;
            for (int s = 0; s < spec.shots().size(); s++) {
                int from = spec.shotStart(s), to = spec.shotEnd(s);
                int fromSample = (int) Math.round(from / (double) format.fps() * sampleRate);
                int toSample = s == spec.shots().size() - 1 ? (int) Math.round(format.playSeconds() * sampleRate)
                        : (int) Math.round(to / (double) format.fps() * sampleRate);
                String caption = world.caption(SceneSpec.of(spec.seed(), format, spec.shots().get(s)), language);
                long seed = shotSeed(request.seed(), s);
                parts.add(new Part(s, caption, from, to - from, 1 + fitFrames(to - from - 1, patchFrames), fromSample,
                        toSample - fromSample, seed, s == 0 ? first : null, 0));
            }
        }
        return new Plan(format, parsed, spec, parts, negative(request), format.frames(), null, request.references(), null);
    }

    private void checkReferences(GenerationRequest request) {
        List<RgbFrame> given = request.references();
        if (given.isEmpty()) return;
        if (referenceImages == 0)
            throw new IllegalArgumentException("reference images: " + id() + " was not trained with reference images; allowed: a prompt, optionally with a first frame");
        if (given.size() > referenceImages)
            throw new IllegalArgumentException("reference images: " + given.size() + " given; allowed: at most " + referenceImages + " ("
                    + id() + " was trained with one, of the clip's first subject)");
        VideoFormat format = request.format();
        for (RgbFrame image : given)
            if (image.width() != format.width() || image.height() != format.height())
                throw new IllegalArgumentException("reference image is " + image.width() + "x" + image.height() + "; allowed: the requested size "
                        + format.width() + "x" + format.height());
    }

    private static String negative(GenerationRequest request) {
        return request.negativePrompt() == null ? "" : request.negativePrompt();
    }

    /**
     * 0, when extending a clip: windows of the model's training length, each starting on the clip's last frames
     * as clean tokens (about half the window, as the trainer's extension examples: up to half their token frames)
     * and adding the rest, until {@code format}'s length is added. Each window conditions on real frames, the
     * input's or the previous window's, and its sound is generated with it.
     */
    private Plan planExtension(GenerationRequest request) {
        ModelConfig c = model.config();
        VideoFormat format = request.format();
        Video prefix = request.extend();
        if (prefix.width() != format.width() || prefix.height() != format.height() || prefix.fps() != format.fps())
            throw new IllegalArgumentException("the clip to extend is " + prefix.width() + "x" + prefix.height() + " at " + prefix.fps()
                    + " fps; allowed: the requested " + format.width() + "x" + format.height() + " at " + format.fps() + " fps");
        if (prefix.sound() != null && prefix.sound().sampleRate() != c.sampleRate())
            throw new IllegalArgumentException("the clip to extend has sound at " + prefix.sound().sampleRate() + " Hz; allowed: "
                    + c.sampleRate() + " Hz, as " + id() + " makes it");
        int pf = c.patchFrames(), fps = format.fps(), sampleRate = c.sampleRate();
        int window = 1 + fitFrames((int) Math.round(fps * defaultFormat().seconds()), pf);
        check(new VideoFormat(format.width(), format.height(), fps, window));  // one window must fit the model
        int contextTokenFrames = Math.max(1, c.videoTokeniser().tokenFrames(window) / 2);
        int maxContext = 1 + (contextTokenFrames - 1) * pf;
        int added = format.frames() - 1, total = prefix.frames().size() + added;
        ParsedPrompt parsed = world.parse(request.prompt());
        SceneSpec spec = parsed.toSpec(request.seed(), format);
        List<Part> parts = new ArrayList<>();
        int have = prefix.frames().size();
        while (have < total) {
            int context = Math.min(maxContext, 1 + (have - 1) / pf * pf);       // 1 + a multiple of pf frames of what is there
            int kept = Math.min(window - context, total - have);
            int firstSample = (int) Math.round(have / (double) fps * sampleRate);
            int endSample = have + kept == total ? (int) Math.round(total / (double) fps * sampleRate)
                    : (int) Math.round((have + kept) / (double) fps * sampleRate);
            parts.add(new Part(parts.size(), request.prompt(), have, kept, window, firstSample, endSample - firstSample,
                    shotSeed(request.seed(), parts.size()), null, context));
            have += kept;
        }
        return new Plan(format, parsed, spec, parts, negative(request), total, prefix, request.references(), null);
    }

    /**
     * 0, when editing a clip: one part as long as the clip (its last frame repeated up to the model's frame patches,
     * and those frames dropped again), with the prompt as the instruction. An instruction describes a change, not a
     * scene, so it is not read as one: the plan has no parsed prompt and no spec, and the model reads it whole.
     */
    private Plan planEdit(GenerationRequest request) {
        if (!edits)
            throw new IllegalArgumentException("a clip to edit: " + id() + " at " + folder + " was not trained to edit clips; allowed: a model "
                    + "trained with gallop train --edit-share, such as models/gallop-tiny-edit");
        VideoFormat format = request.format();
        Video source = request.edit();
        if (source.width() != format.width() || source.height() != format.height() || source.fps() != format.fps()
                || source.frames().size() != format.frames())
            throw new IllegalArgumentException("the clip to edit is " + source.width() + "x" + source.height() + " at " + source.fps() + " fps with "
                    + source.frames().size() + " frames; allowed: the requested " + format.width() + "x" + format.height() + " at "
                    + format.fps() + " fps with " + format.frames() + " frames");
        int sampleRate = model.config().sampleRate();
        if (model.config().sourceSkip() && source.sound() != null && source.sound().sampleRate() != sampleRate)
            throw new IllegalArgumentException("the clip to edit has sound at " + source.sound().sampleRate() + " Hz; allowed: "
                    + sampleRate + " Hz, as " + id() + " hears it");
        int frames = format.frames(), generated = 1 + fitFrames(frames - 1, model.config().patchFrames());
        check(new VideoFormat(format.width(), format.height(), format.fps(), generated));
        List<RgbFrame> padded = new ArrayList<>(source.frames());
        while (padded.size() < generated) padded.add(padded.getLast());
        Part part = new Part(0, request.prompt(), 0, frames, generated, 0, (int) Math.round(format.playSeconds() * sampleRate),
                request.seed(), null, 0);
        return new Plan(format, null, null, List.of(part), negative(request), frames, null, List.of(), new Video(format.fps(), padded, source.sound()));
    }

    /**
     * The noise seed of shot s: the request's own for the first shot, a fixed odd stride away for the next, kept in
     * the request's seed range so a shot can be generated alone with it.
     */
    static long shotSeed(long seed, int shot) {
        return (seed + shot * 0x9E3779B1L) & Integer.MAX_VALUE;
    }

    /**
     * A part's caption and negative prompt as byte tokens [1, Lt] each, and both read once by the text encoder for
     * every denoising step to reuse.
     */
    record Prompt(Tensor text, Tensor nullText, AudioVideoTransformer.EncodedCaption caption, AudioVideoTransformer.EncodedCaption nullCaption) {
        /** The encoded caption of a pass's text tokens; the sampler hands back the very tensors of its task. */
        AudioVideoTransformer.EncodedCaption of(Tensor passText) {
            return passText == text ? caption : passText == nullText ? nullCaption : null;
        }
    }

    /** 1. Each part's caption and the negative prompt (empty by default: the unconditional pass) through the text encoder. */
    private List<Prompt> encodePrompt(Plan plan) {
        List<Prompt> out = new ArrayList<>();
        try (NoGradGuard g = new NoGradGuard()) {
            for (Part part : plan.parts()) {
                Tensor texts = model.config().textTokeniser().batch(List.of(part.caption(), plan.negative()));  // [2, Lt], padded alike
                Tensor text = texts.narrow(0, 0, 1), nullText = texts.narrow(0, 1, 1);                        // [1, Lt] each
                out.add(new Prompt(text, nullText, inAutocast(() -> model.encodeCaption(text)), inAutocast(() -> model.encodeCaption(nullText))));
            }
        }
        return out;
    }

    /**
     * 2. The sampler a request gets, its own settings else the model's: its shifted time grid from 1 to 0, and guidance
     * for picture and sound.
     */
    public Sampler setTimesteps(GenerationRequest request) {
        return Sampler.of(request.sampler() != null ? request.sampler() : DEFAULT_SAMPLER,
                request.steps() != null ? request.steps() : defaults.steps(),
                request.shift() != null ? request.shift() : defaults.shift(),
                guidance(request));
    }

    /** The guidance a request gets: its own scales, else the model's (an edit's own default for an edit). */
    public Guidance guidance(GenerationRequest request) {
        double picture = request.guidance() != null ? request.guidance()
                : request.editing() && !defaults.distilled() ? DEFAULT_EDIT_GUIDANCE : defaults.guidance();
        Double sound = request.audioGuidance() != null ? request.audioGuidance() : defaultAudioGuidance(model.config());
        return new Guidance(picture, sound != null ? sound : picture,
                request.guidanceSmoothing() != null ? request.guidanceSmoothing() : defaults.guidanceSmoothing());
    }

    /**
     * Where the camera looks in each frame a part generates, for a model whose shared noise or video positions follow
     * the camera ({@link ModelConfig#cameraNoise}, {@link ModelConfig#cameraPositions}; none otherwise): see
     * {@link #shotViews}.
     */
    List<CameraView> cameraViews(Plan plan, Part part) {
        if (!(model.config().cameraNoise() || model.config().cameraPositions())) return List.of();
        return shotViews(plan, part);
    }

    /**
     * The part's shot as the world would film it over the part's frames, so a pan asked for in the prompt moves the
     * noise, the places or the reframing as it would move the world's picture; none for an edit, whose clip's camera
     * is not known. An extension window films the prompt's first shot from its own first frame.
     */
    List<CameraView> shotViews(Plan plan, Part part) {
        if (plan.spec() == null) return List.of();
        VideoFormat format = plan.format();
        ShotSpec shot = plan.spec().shots().get(plan.prefix() == null ? part.index() : 0);
        VideoFormat window = new VideoFormat(format.width(), format.height(), format.fps(), part.generatedFrames());
        return WorldRenderer.cameraViews(SceneSpec.of(plan.spec().seed(), window, shot));
    }

    /** The camera control a request gets when it names none: the model's own for a model that places video in the world. */
    public String defaultCameraControl() {
        return model.config().cameraPositions() ? GenerationRequest.MODEL : GenerationRequest.REFRAME;
    }

    /** Whether the request's camera moves are made by reframing; never for an edit or an extension, whose frames go on from a clip. */
    private boolean reframes(GenerationRequest request) {
        String control = request.cameraControl() != null ? request.cameraControl() : defaultCameraControl();
        return control.equals(GenerationRequest.REFRAME) && !request.editing() && !request.extension();
    }

    /**
     * Whether a move the request asks to reframe stays as the model draws it because reframing it would change the
     * given first frame: a pan or zoom out from an image, which needs world outside that frame.
     */
    public boolean reframeWouldMoveFirstFrame(GenerationRequest request) {
        if (!reframes(request) || !request.imageToVideo()) return false;
        Plan plan = plan(request);
        Part first = plan.parts().getFirst();
        return CameraReframe.moves(shotViews(plan, first)) && reframeViews(plan, first).isEmpty();
    }

    /**
     * The views a part's frames are filmed again through: its shot's, or none when the camera stands still or
     * reframing would change a given first frame (a pan or zoom out from it needs world outside that frame).
     */
    private List<CameraView> reframeViews(Plan plan, Part part) {
        List<CameraView> views = shotViews(plan, part);
        boolean keepsFirst = part.conditionFrame() == null || CameraReframe.enlargement(views, plan.format().width(), plan.format().height()) == 1;
        return CameraReframe.moves(views) && keepsFirst ? views : List.of();
    }

    /** 1. The reference images as one row of clean image tokens, encoded once for every part. */
    private Tensor encodeReferences(List<RgbFrame> references) {
        return cat(new TensorVector(references.stream().map(model.videoTokeniser()::encodeImage).toArray(Tensor[]::new)), 0).unsqueeze(0);  // [1, Li, pi]
    }

    /**
     * 3. The layout, the seed of the starting noise and the clean condition tokens: the first frame's for
     * image-to-video, the clip's last frames when extending, the clip being edited as source tokens; the plan's
     * reference images join as their tokens ({@code references}, encoded in step 1, or null) are.
     */
    private SamplingTask prepareNoiseAndConditions(Plan plan, Part part, Prompt prompt, Tensor references, List<RgbFrame> clipSoFar) {
        ModelConfig config = model.config();
        VideoFormat format = plan.format();
        int generatedSamples = (int) Math.round(part.generatedFrames() / (double) format.fps() * config.sampleRate());
        TokenLayout layout = TokenLayout.of(config, (int) prompt.text().size(1), plan.references().size(), format.width(), format.height(),
                part.generatedFrames(), format.fps(), config.audioTokeniser().tokens(generatedSamples));
        EditSource source = null;
        if (plan.source() != null) {
            layout = layout.withEditSource();
            // the clip's sound as long as the frames made, silence after it (and for a silent clip): what the model hears
            float[] heard = new float[generatedSamples];
            Sound sound = plan.source().sound();
            if (sound != null && sound.sampleRate() == config.sampleRate())
                System.arraycopy(sound.samples(), 0, heard, 0, Math.min(heard.length, sound.samples().length));
            source = new EditSource(model.videoTokeniser().encode(plan.source().frames()).unsqueeze(0),      // [1, Lv, pv]
                    config.audioTokeniser().encode(new Sound(heard, config.sampleRate())).unsqueeze(0));     // [1, La, pa]
        }
        Tensor condition = null;
        int clean = 0;
        if (part.conditionFrame() != null) {
            condition = model.videoTokeniser().encode(Collections.nCopies(part.generatedFrames(), part.conditionFrame())).unsqueeze(0);  // [1, Lv, pv]
            clean = config.videoTokeniser().tokensPerFrame(format.width(), format.height());
        } else if (part.contextFrames() > 0) {
            List<RgbFrame> window = new ArrayList<>(clipSoFar.subList(clipSoFar.size() - part.contextFrames(), clipSoFar.size()));
            while (window.size() < part.generatedFrames()) window.add(window.getLast());       // placeholders: these tokens are noised
            condition = model.videoTokeniser().encode(window).unsqueeze(0);                                  // [1, Lv, pv]
            clean = config.videoTokeniser().tokenFrames(part.contextFrames()) * config.videoTokeniser().tokensPerFrame(format.width(), format.height());
        }
        return new SamplingTask(layout, prompt.text(), prompt.nullText(), references, source, condition, clean, part.seed(), cameraViews(plan, part));
    }

    /**
     * 5. Tokens back to frames and samples, cut to the part's share and appended to the clip without a step; with
     * {@code reframe}, the frames filmed again through the shot's camera ({@link CameraReframe}) unless that would
     * change a given first frame (a pan or zoom out from it). Says whether the frames were reframed.
     */
    private boolean decodePictureAndSound(Plan plan, Part part, ModelOutput tokens, boolean reframe, List<RgbFrame> frames, float[] samples) {
        ModelConfig config = model.config();
        VideoFormat format = plan.format();
        List<RgbFrame> decoded = model.videoTokeniser().decode(tokens.video().select(0, 0), format.width(), format.height(),
                part.generatedFrames());                                                                     // [generated frames]
        List<CameraView> views = reframe ? reframeViews(plan, part) : List.of();
        boolean reframed = !views.isEmpty();
        if (reframed) decoded = new ArrayList<>(CameraReframe.apply(decoded, views));
        if (part.conditionFrame() != null) decoded.set(0, part.conditionFrame());                           // the given frame, exactly
        frames.addAll(decoded.subList(part.contextFrames(), part.contextFrames() + part.keptFrames()));      // the context is there already
        int generatedSamples = (int) Math.round(part.generatedFrames() / (double) format.fps() * config.sampleRate());
        int skip = (int) Math.round(part.contextFrames() / (double) format.fps() * config.sampleRate());
        Sound sound = config.audioTokeniser().decode(tokens.audio().select(0, 0), Math.max(generatedSamples, skip + part.keptSamples()), true);
        int count = Math.min(part.keptSamples(), samples.length - part.firstSample());
        System.arraycopy(sound.samples(), skip, samples, part.firstSample(), count);
        meetAtJoin(samples, part.firstSample());
        return reframed;
    }

    /**
     * Moves a part's sound to meet what comes before it (the previous shot, window or the clip being extended, which
     * stays as it is), the correction fading out over {@link AudioTokeniser#SEAM_RAMP} samples: each part's sound
     * starts on its own, and the step between the two would click at every cut and every window of an extension.
     */
    static void meetAtJoin(float[] samples, int join) {
        int ramp = Math.min(AudioTokeniser.SEAM_RAMP, samples.length - join);
        if (join < 2 || ramp < 1) return;
        float step = samples[join] - (2 * samples[join - 1] - samples[join - 2]);   // beyond the slope the earlier sound ends on
        for (int j = 0; j < ramp; j++) samples[join + j] = Math.clamp(samples[join + j] - step * (ramp - j) / ramp, -1f, 1f);
    }

    /** What goes into the file's metadata: who made it, from what, how. */
    private Map<String, String> provenance(GenerationRequest request, Sampler sampler, boolean reframed) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("generator", Version.NAME + " " + Version.VERSION + " " + id());
        p.put("model_sha256", sha256);
        if (autoencoderSha256 != null) p.put("autoencoder_sha256", autoencoderSha256);  // a latent model's pictures depend on it too
        p.put("weights", ema ? "ema" : "raw");
        p.put("precision", bf16 ? "bf16 autocast" : "fp32");
        p.put("seed", Long.toString(request.seed()));
        p.put("prompt", request.prompt());
        if (request.negativePrompt() != null && !request.negativePrompt().isEmpty()) p.put("negative_prompt", request.negativePrompt());
        p.put("sampler", sampler.name());
        p.put("steps", Integer.toString(sampler.steps()));
        p.put("shift", Double.toString(sampler.shift()));
        p.put("guidance", Double.toString(sampler.guidance().video()));
        p.put("audio_guidance", Double.toString(sampler.guidance().audio()));
        // only when used, so clips made without it keep their bytes
        if (sampler.guidance().frameSmoothing() != 0) p.put("guidance_smoothing", Double.toString(sampler.guidance().frameSmoothing()));
        if (reframed) p.put("camera_control", GenerationRequest.REFRAME);  // only when a move was reframed, so other clips keep their bytes
        if (request.imageToVideo()) p.put("mode", "image-to-video");
        if (request.extension()) p.put("mode", "extend");
        if (request.editing()) p.put("mode", "edit");
        if (!request.references().isEmpty()) p.put("reference_images", Integer.toString(request.references().size()));
        return p;
    }

    private interface Stage<T> {
        T run();
    }

    /** Runs a stage and adds its wall time to the stage's total. */
    private static <T> T time(Map<String, Double> timings, String stage, Stage<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.run();
        } finally {
            timings.merge(stage, (System.nanoTime() - t0) / 1e9, Double::sum);
        }
    }

    @Override public void close() { model.close(); }
}
