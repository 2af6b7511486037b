package ai.gallop.cli;

import ai.gallop.Cancellation;
import ai.gallop.Json;
import ai.gallop.diffusion.Sampler;
import ai.gallop.eval.ClipFeatures;
import ai.gallop.eval.ClipReport;
import ai.gallop.eval.EditReport;
import ai.gallop.eval.SemanticDimensions;
import ai.gallop.eval.Evaluator;
import ai.gallop.eval.ImageToVideoDimensions;
import ai.gallop.eval.PictureAnalyzer;
import ai.gallop.eval.PromptSuite;
import ai.gallop.eval.ReportWriter;
import ai.gallop.eval.SuiteReport;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.model.AudioTokeniser;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.ModelConfig;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.Gallop;
import ai.gallop.train.TrainerState;
import ai.gallop.world.EditInstruction;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.Vocabulary;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * {@code gallop eval}: scores a prompt suite's clips on every dimension and writes report.json,
 * report.md, report.png and contact sheets of the worst clips. The clips come from a folder of
 * generated videos (DIR/ID.mp4 for every prompt; a missing or unreadable one is an error naming it,
 * before anything is written), from the world's own renders (the ceiling), or from a baseline (the
 * floors), or from a trained model generating every prompt (its MP4s are kept under videos/ in the report
 * folder, so they can be watched and scored again). Every clip goes through an MP4 file and back, so the
 * codec's cost is part of every number.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a prompt suite's videos on every dimension (semantic, quality, i2v, sound) and write report.json, report.md and report.png.")
public final class EvalCommand implements Callable<Integer> {
    static final int MAX_LIMIT = 1_000_000;

    @Option(names = "--suite", required = true, paramLabel = "NAME", description = "Prompt suite: dev, compositional or paraphrase.")
    String suite;

    @Option(names = "--videos", paramLabel = "DIR", description = "Folder with ID.mp4 for every prompt of the suite.")
    Path videos;

    @Option(names = "--real", description = "Score the world's ground-truth render of every prompt (the ceiling).")
    boolean real;

    @Option(names = "--through", paramLabel = "AE", description = "With --real: pass every frame through this frame autoencoder (a folder with autoencoder.json, e.g. models/gallop-tiny) first, and where the folder holds a model's config.json the sound through that model's sound tokens too: the ceiling of a latent model that decodes with it.")
    Path through;

    @Option(names = "--baseline", paramLabel = "KIND", description = "A floor: 'still' (the real clip's first frame held, real sound) or 'random' (another seed's real clip).")
    String baseline;

    @Option(names = "--model", paramLabel = "PATH", description = "Generate every prompt with this model (a checkpoint folder, a run folder or models/gallop-tiny) and score it.")
    Path model;

    @Option(names = "--steps", paramLabel = "N", description = "With --model: sampling steps (default: the generator's).")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "G", description = "With --model: classifier-free guidance scale (default: the generator's).")
    Double guidance;

    @Option(names = "--audio-guidance", paramLabel = "G", description = "With --model: guidance scale of the sound (default: the picture's; " + Gallop.MEL_AUDIO_GUIDANCE + " for a model with log-mel sound).")
    Double audioGuidance;

    @Option(names = "--guidance-smoothing", paramLabel = "W", description = "With --model: how much of the picture's guidance push is averaged over neighbouring frames, 0 to 1 (default: 0).")
    Double guidanceSmoothing;

    @Option(names = "--camera-control", paramLabel = "HOW", description = "With --model: reframe (the drawn shot filmed again through "
            + "the asked camera) or model (the camera as the model draws it) (default: the generator's, see gallop generate --camera-control).")
    String cameraControl;

    @Option(names = "--references", description = "With --model: give every text-to-video prompt a reference image of its first subject "
            + "(the world's, as gallop train --reference-share shows them), to score reference-to-video; the model must take one.")
    boolean references;

    @Option(names = "--edits", description = "With --model: make every prompt an edit of the world's clip with its subjects in other "
            + "colours, instructed (\"make the ball blue\", in the prompt's language) to paint them as the prompt says; the model must "
            + "edit (gallop train --edit-share). Also writes edit.json: PSNR of each edit and of the unedited clip against the world's "
            + "render of the prompt, and the unedited clip's colour score.")
    boolean edits;

    @Option(names = "--sampler", description = "With --model: euler, heun or ancestral (default: the generator's).")
    String sampler;

    @Option(names = "--shift", description = "With --model: timestep shift at inference (default: the generator's).")
    Double shift;

    @Option(names = "--stride", paramLabel = "K", description = "Only every K-th prompt of the suite (the suite cycles through its languages, so a stride keeps them all; default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int stride;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: out/eval/SUITE-MODE).")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N prompts of the suite.")
    Integer limit;

    @Option(names = "--language", paramLabel = "TAG", description = "Only the suite's prompts in this language: en, zh, yue, ja, ko, de or fr "
            + "(applied before --stride and --limit).")
    String language;

    @Option(names = "--task", paramLabel = "TASK", description = "Only the suite's prompts of this task: t2v (text-to-video) or i2v "
            + "(image-to-video) (applied before --stride and --limit).")
    String task;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the bootstrap and of the random baseline's clips (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    private final World world = new World();
    private final Evaluator evaluator = new Evaluator();
    /** The sampler the first generated clip got (the model card records it), or null before one. */
    private Sampler sampled;
    private final PictureAnalyzer analyzer = new PictureAnalyzer();

    @Override public Integer call() throws IOException {
        String mode = mode();
        List<PromptSuite.Entry> entries = entries();
        if (videos != null) checkVideos(entries);
        Path folder = out != null ? out : Path.of("out", "eval", suite + "-" + mode.replace(' ', '-'));
        Gallop loaded = model == null ? null : loadModel();
        if (references && !loaded.capabilities().references()) {
            loaded.close();
            throw new BadInputException("--references: " + model + " was not trained with reference images; allowed: a model trained with gallop train --reference-share");
        }
        if (edits && !loaded.capabilities().edit()) {
            loaded.close();
            throw new BadInputException("--edits: " + model + " was not trained to edit clips; allowed: a model trained with gallop train --edit-share");
        }
        FrameAutoencoder autoencoder = through == null ? null : loadAutoencoder();
        AudioTokeniser soundTokens = through != null && Files.isRegularFile(through.resolve(AudioVideoTransformer.CONFIG_FILE))
                ? ModelConfig.read(through.resolve(AudioVideoTransformer.CONFIG_FILE)).audioTokeniser() : null;
        WorldCommand.prepareFolder(folder);
        List<SuiteReport.Clip> results = new ArrayList<>();
        List<double[]> reference = new ArrayList<>();
        Map<String, Video> scored = new LinkedHashMap<>();
        List<EditReport.Clip> editScores = new ArrayList<>();
        Cancellation cancellation = new Cancellation();
        // Ctrl-C or SIGTERM stops between clips (within one denoising step of a generated one); the JVM waits until
        // the model is closed, the scratch folder deleted and the message printed
        try (GracefulStop stop = new GracefulStop("gallop-eval-stop", 30, cancellation::cancel)) {
            boolean stopped = false;
            Path scratch = Files.createTempDirectory("gallop-eval");
            try (Gallop generator = loaded;
                 FrameAutoencoder roundTrip = autoencoder;
                 ProgressBar bar = new ProgressBar("eval", entries.size())) {
                for (int i = 0; i < entries.size() && !(stopped = stop.requested()); i++) {
                    PromptSuite.Entry e = entries.get(i);
                    RenderedClip truth = world.render(e.spec());
                    Video video;
                    Edit edit = null;
                    try {
                        if (edits) edit = edit(e, folder);
                        video = generator != null ? generated(generator, e, truth, edit, folder, cancellation) : clip(e, i, truth, roundTrip, soundTokens, scratch);
                    } catch (CancellationException cancelled) {
                        stopped = true;
                        break;
                    }
                    RgbFrame image = e.task() == PromptSuite.Task.I2V && !edits ? truth.video().frames().getFirst() : null;
                    // the features the judge takes from the clip, of the same frames (an image-to-video clip's are those after the given one)
                    reference.add(ClipFeatures.of(analyzer.analyse(ImageToVideoDimensions.judgedFrames(truth.video(), image)), truth.video().fps()));
                    ClipReport report = evaluator.evaluate(video, e.prompt(), image);
                    results.add(new SuiteReport.Clip(e.id(), edits ? "edit" : e.task().name().toLowerCase(Locale.ROOT), e.language().tag, report));
                    if (edits)
                        editScores.add(new EditReport.Clip(e.id(), edit.instruction(), EditReport.psnr(video, truth.video()),
                                EditReport.psnr(edit.source(), truth.video()), report.score(SemanticDimensions.COLOUR),
                                evaluator.evaluate(edit.source(), e.prompt(), null).score(SemanticDimensions.COLOUR),
                                EditReport.soundMatch(video, truth.video()), EditReport.soundMatch(edit.source(), truth.video())));
                    scored.put(e.id(), video);
                    bar.step();
                }
            } finally {
                deleteTree(scratch);
            }
            if (stopped) {  // no report: scores of part of a suite do not compare with a whole one's
                System.err.println("gallop eval: stopped after " + results.size() + " of " + entries.size() + " clips; no report written"
                        + (loaded != null && !results.isEmpty() ? " (the finished clips are in " + folder.resolve("videos") + ")" : ""));
                System.err.flush();
                return GenerateCommand.EXIT_CANCELLED;
            }
            SuiteReport report = SuiteReport.of(suite, mode, results, reference, seed);
            Map<String, Video> worst = new LinkedHashMap<>();
            for (SuiteReport.Clip c : ReportWriter.worst(report, ReportWriter.WORST)) worst.put(c.id(), scored.get(c.id()));
            ReportWriter.write(folder, report, worst);
            if (loaded != null) writeModelCard(folder, loaded);
            if (edits) {
                EditReport edited = EditReport.of(editScores);
                AtomicFiles.write(folder.resolve(EditReport.FILE), Json.write(edited).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                System.out.printf(Locale.ROOT, "edits: PSNR %.2f dB against the world's clip (unedited %.2f dB); colour %s (unedited %s); "
                        + "sound match %.3f (unedited %.3f)%n", edited.psnr(), edited.sourcePsnr(), score(edited.colour()), score(edited.sourceColour()),
                        edited.sound(), edited.sourceSound());
            }
            System.out.println("scored " + results.size() + " clip" + (results.size() == 1 ? "" : "s") + " of suite " + suite + " (" + mode + "); report in " + folder);
            return GallopCli.EXIT_OK;
        }
    }

    /** Exactly one source of clips; validated before anything is rendered or written. */
    private String mode() {
        int sources = (videos != null ? 1 : 0) + (real ? 1 : 0) + (baseline != null ? 1 : 0) + (model != null ? 1 : 0);
        if (sources != 1)
            throw new BadInputException("give exactly one of --videos DIR, --model PATH, --real, --baseline still|random; got " + sources);
        if (model == null && (steps != null || guidance != null || audioGuidance != null || guidanceSmoothing != null || sampler != null || shift != null
                || cameraControl != null || references || edits))
            throw new BadInputException("--steps, --guidance, --audio-guidance, --guidance-smoothing, --sampler, --shift, --camera-control, --references and --edits only apply with --model PATH");
        if (references && edits) throw new BadInputException("--references and --edits exclude each other; allowed: one of them");
        GenerateCommand.checkSampling(steps, guidance, audioGuidance, guidanceSmoothing, sampler, shift);
        cameraControl = GenerateCommand.checkCameraControl(cameraControl);
        if (stride < 1 || stride > MAX_LIMIT) throw new BadInputException("--stride " + stride + " is out of range; allowed: 1 to " + MAX_LIMIT);
        if (through != null && !real) throw new BadInputException("--through only applies with --real");
        if (baseline != null && !baseline.equals("still") && !baseline.equals("random"))
            throw new BadInputException("--baseline '" + baseline + "' is unknown; allowed: still, random");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT))
            throw new BadInputException("--limit " + limit + " is out of range; allowed: 1 to " + MAX_LIMIT);
        if (videos != null) return "videos " + (videos.getFileName() == null ? videos : videos.getFileName());
        if (model != null) return "model " + (model.getFileName() == null ? model : model.getFileName());
        if (through != null) return "real through autoencoder";
        return real ? "real" : "baseline " + baseline;
    }

    private List<PromptSuite.Entry> entries() {
        List<PromptSuite.Entry> suiteEntries = PromptSuite.load(suite).entries();
        if (language != null) {
            Vocabulary.Language wanted;
            try {
                wanted = Vocabulary.Language.parse(language);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--language: " + e.getMessage());
            }
            suiteEntries = suiteEntries.stream().filter(e -> e.language() == wanted).toList();
        }
        if (task != null) {
            PromptSuite.Task wanted = Arrays.stream(PromptSuite.Task.values()).filter(t -> t.name().equalsIgnoreCase(task)).findFirst()
                    .orElseThrow(() -> new BadInputException("--task " + task + " is not a task; allowed: t2v or i2v"));
            suiteEntries = suiteEntries.stream().filter(e -> e.task() == wanted).toList();
        }
        if (suiteEntries.isEmpty())
            throw new BadInputException("prompt suite '" + suite + "' has no prompts" + (language != null ? " in " + language : "")
                    + (task != null ? " of task " + task : ""));
        List<PromptSuite.Entry> all = new ArrayList<>();
        for (int i = 0; i < suiteEntries.size(); i += stride) all.add(suiteEntries.get(i));
        return limit == null ? all : all.subList(0, Math.min(limit, all.size()));
    }

    /** Every prompt needs its video: the first missing one is named, with how many are missing. */
    private void checkVideos(List<PromptSuite.Entry> entries) {
        if (!Files.isDirectory(videos)) throw new BadInputException("--videos " + videos + " is not a folder; expected a folder with ID.mp4 per prompt");
        List<String> missing = entries.stream().map(e -> e.id() + ".mp4").filter(name -> !Files.isRegularFile(videos.resolve(name))).toList();
        if (!missing.isEmpty())
            throw new BadInputException("missing video " + videos.resolve(missing.getFirst()) + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "")
                    + "; expected ID.mp4 for every prompt of suite " + suite);
    }

    /** The clip to score for entry i, decoded from an MP4 file. */
    private Video clip(PromptSuite.Entry e, int i, RenderedClip truth, FrameAutoencoder roundTrip, AudioTokeniser soundTokens, Path scratch) throws IOException {
        if (videos != null) return Mp4Reader.read(videos.resolve(e.id() + ".mp4")).video();
        Video source = truth.video();
        if (roundTrip != null) source = new Video(source.fps(), roundTrip.reconstruct(source.frames()), source.sound());
        if (soundTokens != null) source = new Video(source.fps(), source.frames(), soundTokens.roundTrip(source.sound()));
        if ("still".equals(baseline)) source = new Video(source.fps(), Collections.nCopies(source.frames().size(), source.frames().getFirst()), source.sound());
        if ("random".equals(baseline)) source = world.render(unrelated(e.spec(), i)).video();
        Path file = scratch.resolve(String.format(Locale.ROOT, "clip-%06d.mp4", i));
        Mp4Writer.write(file, source, Map.of("prompt", e.prompt()));
        Video decoded = Mp4Reader.read(file).video();
        Files.delete(file);
        return decoded;
    }

    private FrameAutoencoder loadAutoencoder() {
        TrainCommand.requireAutoencoderFolder("--through", through);
        try {
            return FrameAutoencoder.load(through);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--through " + through + " cannot be loaded: " + e.getMessage());
        }
    }

    private Gallop loadModel() throws IOException {
        if (!Files.exists(model)) throw new BadInputException("--model " + model + " does not exist; allowed: a checkpoint folder, a run folder or a shipped model folder");
        try {
            return Gallop.load(model);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--model " + model + " cannot be loaded: " + e.getMessage());
        }
    }

    /** An entry's edit: the clip it starts from and the instruction that should turn it into the prompt's clip. */
    private record Edit(Video source, String instruction) {}

    /**
     * Entry e as an edit: the world's clip of its spec with the subjects in other colours (drawn from the entry's seed),
     * kept as videos/ID-source.mp4 and read back as a user's clip would be, and the instruction back to the prompt's colours.
     */
    private Edit edit(PromptSuite.Entry e, Path folder) throws IOException {
        SceneSpec recoloured = new SpecSampler().recoloured(e.spec(), e.seed());
        Path file = folder.resolve("videos").resolve(e.id() + "-source.mp4");
        Files.createDirectories(file.getParent());
        Mp4Writer.write(file, world.render(recoloured).video(), Map.of("prompt", e.prompt()));
        return new Edit(Mp4Reader.read(file).video(), EditInstruction.between(recoloured, e.spec(), e.language()));
    }

    private static String score(Double s) { return s == null ? "none" : String.format(Locale.ROOT, "%.3f", s); }

    /**
     * The model's clip for entry e, kept as videos/ID.mp4 in the report folder and scored from that file. The
     * suite's seed is the sampling seed; an image-to-video entry gets the real render's first frame, with
     * --references a text-to-video entry its first subject alone, and with --edits every entry is {@code edit} instead
     * (else null).
     */
    private Video generated(Gallop generator, PromptSuite.Entry e, RenderedClip truth, Edit edit, Path folder, Cancellation cancellation)
            throws IOException {
        RgbFrame first = e.task() == PromptSuite.Task.I2V && edit == null ? truth.video().frames().getFirst() : null;
        List<RgbFrame> shown = references && first == null ? List.of(WorldRenderer.referenceImage(e.spec())) : List.of();
        GenerationRequest request = new GenerationRequest(edit != null ? edit.instruction() : e.prompt(), null, e.seed() & Integer.MAX_VALUE,
                e.spec().format(), true, steps, guidance, sampler, first, shown, shift, audioGuidance, null, guidanceSmoothing,
                edit != null ? edit.source() : null, cameraControl);
        if (sampled == null) sampled = generator.setTimesteps(request);
        Video video = generator.generate(request, (stage, done, total) -> { }, cancellation).video();
        Path file = folder.resolve("videos").resolve(e.id() + ".mp4");
        Files.createDirectories(file.getParent());
        Mp4Writer.write(file, video, Map.of("prompt", e.prompt(), "generator", generator.id()));
        return Mp4Reader.read(file).video();
    }

    /**
     * Which checkpoint made the clips and how much training it had, for {@code gallop curve}, and how it sampled them:
     * the eval's options where given, else the model's defaults, as the first clip resolved them.
     */
    public record ModelCard(String checkpoint, boolean ema, Integer step, Long clipsSeen, Double trainingSeconds, Integer threads,
                            Integer steps, Double guidance, Double audioGuidance, String sampler, Double shift,
                            Double guidanceSmoothing, boolean references, boolean edits, String cameraControl) {
        public static final String FILE = "model.json";
    }

    private void writeModelCard(Path folder, Gallop generator) throws IOException {
        Path stateFile = generator.folder().resolve(TrainerState.FILE);
        TrainerState state = Files.isRegularFile(stateFile) ? TrainerState.read(stateFile) : null;
        ModelCard card = new ModelCard(generator.folder().toString(), generator.usesEma(), state == null ? null : state.step(),
                state == null ? null : state.clipsSeen(), state == null ? null : state.elapsedSeconds(),
                state == null ? null : state.options().threads(), sampled.steps(), sampled.guidance().video(), sampled.guidance().audio(),
                sampled.name(), sampled.shift(), sampled.guidance().frameSmoothing(), references, edits,
                cameraControl != null ? cameraControl : generator.defaultCameraControl());
        AtomicFiles.write(folder.resolve(ModelCard.FILE), Json.write(card).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Another seed's sampled spec in the same format: a real clip that has nothing to do with the prompt. */
    private SceneSpec unrelated(SceneSpec spec, int index) {
        long s = new SplittableRandom(seed).split().nextLong() ^ (index * 0x9E3779B97F4A7C15L);
        return world.sample(s & Long.MAX_VALUE, spec.format());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
