package ai.gallop.cli;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimeRange;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.Checkpoints;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.SamplingDefaults;
import ai.gallop.train.Distillation;
import ai.gallop.train.SemanticTargets;
import ai.gallop.train.StepMetrics;
import ai.gallop.train.TrainOptions;
import ai.gallop.train.Trainer;
import ai.gallop.train.TrainerState;
import ai.gallop.train.TrainingListener;
import ai.gallop.train.TwinChange;
import ai.gallop.world.VideoFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * {@code gallop train}: trains a model preset on world clips rendered on the fly. A folder that already holds a
 * checkpoint is resumed: settings not given on the command line come from the checkpoint, and a given setting
 * that would change what a step computes is refused.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the audio-video transformer with flow matching on world clips rendered on the fly; resumes from the newest checkpoint in --out.")
public final class TrainCommand implements Callable<Integer> {
    /** HappyHorse's step count. */
    static final int DEFAULT_DISTILLED_STEPS = 8;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Run folder: checkpoints/, metrics.jsonl, loss.png.")
    Path out;

    @Option(names = "--preset", description = "Model preset: micro, tiny, base, large (default: ${DEFAULT-VALUE}).", defaultValue = "tiny")
    String preset;

    @Option(names = "--patch", description = "Patch side in pixels instead of the preset's (fewer tokens: faster steps, coarser pictures).")
    Integer patch;

    @Option(names = "--width", paramLabel = "D", description = "Residual stream width instead of the preset's (tiny: 256); the heads keep "
            + "the preset's head dimension unless --heads says otherwise.")
    Integer width;

    @Option(names = "--heads", paramLabel = "H", description = "Attention heads instead of the preset's; each head's dimension (width / H) "
            + "must be a multiple of 8, at least 16.")
    Integer heads;

    @Option(names = "--layers", paramLabel = "K+S+K", description = "The stack instead of the preset's: K modality-specific layers at each "
            + "end around S shared ones, e.g. 2+4+2 (tiny) or 4+32+4 (large, HappyHorse's layout).")
    String layers;

    @Option(names = "--text-words", paramLabel = "ROWS", description = "Rows of the hashed word table beside the caption bytes "
            + "(default: the preset's; 0: bytes only, as models before the table were trained).")
    Integer textWords;

    @Option(names = "--languages", paramLabel = "TAGS", split = ",", description = "Caption languages of world clips, e.g. en or en,de "
            + "(default: all of en, zh, yue, ja, ko, de, fr, evenly).")
    List<String> languages;

    @Option(names = "--steps", description = "Total optimisation steps (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    int steps;

    @Option(names = "--batch", description = "Clips per step (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int batch;

    @Option(names = "--lr", description = "Peak AdamW learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "3e-4")
    double lr;

    @Option(names = "--warmup", description = "Warm-up steps (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int warmup;

    @Option(names = "--seed", description = "Run seed: weights, data order, noise (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int checkpointEvery;

    @Option(names = "--keep", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int keep;

    @Option(names = "--size", description = "Clip size WxH (default: ${DEFAULT-VALUE}).", defaultValue = "64x64")
    String size;

    @Option(names = "--fps", description = "Frames per second (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int fps;

    @Option(names = "--seconds", description = "Clip length in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    double seconds;

    @Option(names = "--threads", description = "libtorch threads (default: one per core, less one for the clip renderer).")
    Integer threads;

    @Option(names = "--min-weight-time", paramLabel = "T", description = "The loss weighs x0 error 1 / max(t, T)^2: a larger T gives low-noise steps, where the picture shows everything, less weight; 1 = plain x0 error (default: ${DEFAULT-VALUE}).", defaultValue = "0.3")
    double minWeightTime;

    @Option(names = "--timestep-mean", description = "Logit-normal mean of training t; positive = toward noise (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double timestepMean;

    @Option(names = "--anchor-share", paramLabel = "F", description = "Fraction of clips trained at t near 1 (logit mean 5), where the caption alone decides the clip; keeps what a bootstrap taught the words (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double anchorShare;

    @Option(names = "--simple-share", paramLabel = "F", description = "Fraction of world clips drawn simple: one shot, a static camera, one large "
            + "subject, so the subject's words decide more of the picture (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double simpleShare;

    @Option(names = "--temporal-weight", paramLabel = "W", description = "Weight of a second video loss on the change between consecutive frames, for steadier subjects (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double temporalWeight;

    @Option(names = "--contrastive-weight", paramLabel = "W", description = "Subtract this weight times the loss against another clip of the batch "
            + "(contrastive flow matching), so hedging between captions costs; 0 to below 1 (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double contrastiveWeight;

    @Option(names = "--contrastive-by-time", description = "Weigh the contrastive term by each token's noise level t: full at pure noise, none at the clean end.")
    boolean contrastiveByTime;

    @Option(names = "--recolour-weight", paramLabel = "W", description = "Subtract this weight times the loss against the same world clip "
            + "with its subjects in other colours, weighed by noise level, so only following the colour words pays; "
            + "0 to below 1 with --contrastive-weight (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double recolourWeight;

    @Option(names = "--recolour-from-time", paramLabel = "T", description = "Only tokens noisier than T get the recolour term, "
            + "where the noisy clip cannot show the colour yet; 0 to below 1 (default: ${DEFAULT-VALUE}, every noisy token).", defaultValue = "0")
    double recolourFromTime;

    @Option(names = "--frame-noise-share", paramLabel = "S", description = "Fraction of each video noise value's variance that every "
            + "frame of a clip shares, in training and (stored with the model) in sampling, so frames start alike and only "
            + "what changes has to be drawn apart; 0 to " + ModelConfig.MAX_FRAME_NOISE_SHARE + " (default: that of --init, --distill-from or the "
            + "checkpoint resumed; 0 for a new model).")
    Double frameNoiseShare;

    @Option(names = "--text-word-scripts", description = "Caption words also end where their script changes, so a Japanese katakana word "
            + "hashes to the same word-table row whatever hiragana particles surround it (stored with the model; default: that of --init, "
            + "--distill-from or the checkpoint resumed; off for a new model).")
    boolean textWordScripts;

    @Option(names = "--camera-noise", description = "The shared part of the frame noise lies on a canvas fixed to the world and each "
            + "frame sees it through its camera view, so the noise pans and zooms with the picture; generation moves it as the "
            + "prompt's camera sentence says (stored with the model; needs a frame noise share above 0; default: that of --init, "
            + "--distill-from or the checkpoint resumed; off for a new model).")
    boolean cameraNoise;

    @Option(names = "--camera-positions", description = "Each video token's row and column are where it looks in the world "
            + "through its frame's camera view, so a pan keeps every piece of the world at one position; generation takes the camera "
            + "from the prompt's shot (stored with the model; default: that of --init, --distill-from or the checkpoint resumed; off "
            + "for a new model).")
    boolean cameraPositions;

    @Option(names = "--caption-bytes", paramLabel = "BYTES", description = "UTF-8 bytes of a caption the model reads; the rest is "
            + "cut, in training and (stored with the model) in generation. The weights do not depend on it; longer captions cost "
            + "attention time. 1 to " + (ModelConfig.MAX_TEXT_TOKENS - 2) + " (default: that of --init, --distill-from or the checkpoint resumed; "
            + "the preset's for a new model, 254 for tiny).")
    Integer captionBytes;

    @Option(names = "--extend-share", paramLabel = "F", description = "Fraction of clips trained as extension examples, their first "
            + "token frames (up to half) given clean, so the model learns to carry on what it is shown; 0 to 0.75, beside the 0.25 "
            + "image-to-video examples (default: that of the checkpoint resumed; 0.1 for a new run).")
    Double extendShare;

    @Option(names = "--reference-share", paramLabel = "F", description = "Fraction of steps whose clips are also shown a reference "
            + "image of their first subject (the subject alone on grey, as clean image tokens), so the model learns reference-to-video "
            + "(gallop generate --ref); 0 to 1, world clips only (default: that of the checkpoint resumed; 0 for a new run).")
    Double referenceShare;

    @Option(names = "--reference-text-drop", paramLabel = "P", description = "On steps that show references, drop each caption with this "
            + "probability instead of the usual 0.1, so the reference alone tells the subject; 0 to 1 (default: that of the checkpoint "
            + "resumed; 0.1 for a new run).")
    Double referenceTextDrop;

    @Option(names = "--edit-share", paramLabel = "F", description = "Fraction of steps (among those that show no references) "
            + "trained as edits: each clip is made from the same clip with its subjects in other colours, given clean, and its "
            + "caption is the instruction (\"make the ball blue\"), so the model learns gallop generate --video/--edit; 0 to 1, "
            + "world clips only (default: that of the checkpoint resumed; 0 for a new run).")
    Double editShare;

    @Option(names = "--source-skip", description = "Also add an edit's source clip to the input of each token it becomes (its picture "
            + "patch to the video token's, its sound to the audio token's, through two new projections that start at zero), so a "
            + "clip is copied where it stays and not only carried by attention; needs edit steps (--edit-share), stored with the "
            + "model (default: that of --init or the checkpoint resumed; off for a new model).")
    boolean sourceSkip;

    @Option(names = "--mel-bands", paramLabel = "N", description = "Sound tokens of N log-mel bands in each of their eight 5 ms "
            + "frames instead of raw-waveform patches (the sound's energy by band and time; its phase is invented when it is decoded); "
            + "8 to 129, 0 for waveform patches, stored with the model. A run from --init of the other kind starts new sound projections "
            + "(default: that of --init or the checkpoint resumed; 0 for a new model).")
    Integer melBands;

    @Option(names = "--reverse-weight", paramLabel = "W", description = "Subtract this weight times the loss against the same clip "
            + "played backwards, weighed by noise level, so only moving the way the caption says (pans, zooms, travel) pays; "
            + "0 to below 1 with the other negatives (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double reverseWeight;

    @Option(names = "--semantic-weight", paramLabel = "W", description = "Also ask the middle of the stack, through a linear head "
            + "grown at zero, what each video token's clean pixels show (subject kind, colour, action and direction, from the world's "
            + "label maps), at this weight next to the x0 loss; 0 to 10, world clips only (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double semanticWeight;

    @Option(names = "--twin-pairs", paramLabel = "W", description = "Put each world clip of a batch beside its recoloured twin (same scene, "
            + "places, motion, camera, noise and time; other subject colours and colour words) and add W times the loss on the pair's "
            + "difference at the --twin-times, where both clips get one input, the noised mean of the two, so that only the changed words "
            + "tell them apart (--twin-changes: other changes); with --distill-from, scored against the difference of the teacher's two "
            + "landings; 0 to 100, world clips, an even batch (default: ${DEFAULT-VALUE}, none).",
            defaultValue = "0")
    double twinPairs;

    @Option(names = "--twin-times", paramLabel = "FROM,TO", split = ",", description = "The times (0 clean, 1 pure noise) above FROM and "
            + "up to TO at which --twin-pairs pairs share one input and are scored on their difference (default: 0.3,0.9, the middle of "
            + "the schedule: docs/training.md, session 46).")
    List<Double> twinTimes;

    @Option(names = "--twin-changes", paramLabel = "LIST", split = ",", description = "What the second clip of each --twin-pairs pair "
            + "changes, one drawn evenly per pair: colour (its subjects' colours), scene (the scene of every shot), kind (its subjects' "
            + "kinds, where the action allows); e.g. colour,scene (default: colour).")
    List<String> twinChanges;

    @Option(names = "--distill-from", paramLabel = "DIR", description = "Distil this model folder (the teacher) into a few-step one: the run starts from "
            + "its weights (unless --init says otherwise) and learns to land in one unguided step where the teacher's two guided steps land.")
    Path distillFrom;

    @Option(names = "--distill-steps", paramLabel = "N", description = "Steps of the distilled sampler; the teacher takes 2N (default: 8; "
            + "half of a distilled teacher's own steps, so 8 -> 4 -> 2 chains).")
    Integer distillSteps;

    @Option(names = "--distill-guidance", paramLabel = "G", description = "The teacher's guidance, folded into the student (default: the teacher's own: "
            + Gallop.DEFAULT_GUIDANCE + ", or 1 for a distilled teacher).")
    Double distillGuidance;

    @Option(names = "--distill-audio-guidance", paramLabel = "G", description = "The teacher's guidance of the sound (default: the picture's, "
            + "or " + Gallop.MEL_AUDIO_GUIDANCE + " for a teacher with log-mel sound, as it generates).")
    Double distillAudioGuidance;

    @Option(names = "--distill-shift", paramLabel = "S", description = "Timestep shift of the teacher's and the student's grids (default: the teacher's own, "
            + Gallop.DEFAULT_SHIFT + " unless it is distilled).")
    Double distillShift;

    @Option(names = "--distill-guidance-smoothing", paramLabel = "W", description = "Averages this much of the teacher's guidance push over neighbouring "
            + "frames, 0 (off, the default) to 1, so the student learns steadier frames (see generate --guidance-smoothing).")
    Double distillGuidanceSmoothing;

    @Option(names = "--distill-own-share", paramLabel = "P", description = "Share of clips the student meets where its own earlier steps take "
            + "their noise, instead of the noised clip (backward distillation: the states it samples from), 0 (off, the default) to 1.")
    Double distillOwnShare;

    @Option(names = "--data", paramLabel = "DIR", description = "Train on a folder of your own clips (.mp4, each with NAME.txt or NAME.json {\"caption\": ...}) instead of the world.")
    Path data;

    @Option(names = "--subject-weight", description = "Extra loss weight on subject pixels of world clips; a subject pixel counts 1 + this x (1 - t) (default: ${DEFAULT-VALUE}, off).", defaultValue = "0")
    double subjectWeight;

    @Option(names = "--audio-weight", paramLabel = "W", description = "Weight of the sound's loss next to the picture's, 0 or more "
            + "(default: 0.5 for a new run; that of the checkpoint resumed).")
    Double audioWeight;

    @Option(names = "--ema", description = "EMA decay of the weights, 0 = off (default: ${DEFAULT-VALUE}).", defaultValue = "0.995")
    double emaDecay;

    @Option(names = "--bf16", description = "bfloat16 autocast for the matmuls (attention stays float32); see docs/training.md for when it pays.")
    boolean bf16;

    @Option(names = "--log-every", description = "Print a metrics line every N steps (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int logEvery;

    @Option(names = "--init", paramLabel = "DIR", description = "Start a new run from a model folder's weights (e.g. models/gallop-tiny) instead of random ones; "
            + "the run takes that model's shape, and a latent model's frame autoencoder, unless --preset, --autoencoder or the shape flags say otherwise.")
    Path init;

    @Option(names = "--autoencoder", paramLabel = "DIR", description = "Train a latent model: video tokens are cut from this frozen frame autoencoder's latents (a train-autoencoder checkpoint "
            + "or a latent model folder), --patch cells per side (default: that of a latent --init, else 2).")
    Path autoencoder;

    @Option(names = "--stop-at", paramLabel = "N", description = "Stop after step N with a checkpoint, keeping the schedule of --steps (warm-up, "
            + "decay) as if the run went on; the same command without it continues. For a stage that uses a run's middle checkpoint.")
    Integer stopAt;

    @Option(names = "--resume", description = "Require a checkpoint in --out to resume from (resuming is automatic when one is there).")
    boolean resume;

    @Override public Integer call() throws IOException, InterruptedException {
        if (logEvery < 1) throw new BadInputException("--log-every " + logEvery + " is out of range; allowed: at least 1");
        Optional<Path> latest = new Checkpoints(out.resolve(Checkpoints.FOLDER)).latest();
        if (resume && latest.isEmpty()) throw new BadInputException("no checkpoint in " + out + " to resume; allowed: a run folder with checkpoints/step-N");
        TrainerState resumed = latest.map(p -> TrainerState.read(p.resolve(TrainerState.FILE))).orElse(null);
        TrainOptions options = options(resumed == null ? null : resumed.options());
        // the command that started a run resumes it: a repeated --init or --autoencoder names where it started
        if (resumed != null) {
            requireStartedFrom("--init", init, resumed.init());
            requireStartedFrom("--autoencoder", autoencoder, resumed.autoencoder());
        }
        if (init != null && !Files.isRegularFile(init.resolve("config.json")))
            throw new BadInputException("--init " + init + " is not a model folder; allowed: a folder with config.json and model.safetensors");
        if (distillFrom != null && !Files.isRegularFile(distillFrom.resolve("config.json")))
            throw new BadInputException("--distill-from " + distillFrom + " is not a model folder; allowed: a folder with config.json and model.safetensors");
        Path start = init == null && latest.isEmpty() && options.distill() != null ? Path.of(options.distill().teacher()) : init;  // a student starts as its teacher
        if (sourceSkip && options.conditions().editRate() == 0)
            throw new BadInputException("--source-skip without edit steps adds weights nothing trains; allowed: with --edit-share F above 0");
        if (stopAt != null && (stopAt < 1 || stopAt > options.steps()))
            throw new BadInputException("--stop-at " + stopAt + " is out of range; allowed: 1 to the run's --steps (" + options.steps() + ")");
        WorldCommand.prepareFolder(out);  // only once every flag is accepted, so a refused run leaves nothing behind
        return GracefulStop.run("train", 120, stop -> {
            train(options, start, stop::requested);
            return GallopCli.EXIT_OK;
        });
    }

    private void train(TrainOptions options, Path start, BooleanSupplier stop) throws IOException, InterruptedException {
        try (Trainer trainer = Trainer.open(out, options, start, autoencoder)) {
            System.out.printf(Locale.ROOT, "gallop train: %s (%,d parameters, patch %d), %dx%d x %d frames at %d fps, batch %d, %s step %d of %d, %d threads%s%n",
                    options.model().name(), trainer.model().parameterCount(), options.model().patchSize(), options.format().width(),
                    options.format().height(), options.format().frames(), options.format().fps(), options.batch(),
                    trainer.step() > 0 ? "resuming at" : "starting at", trainer.step(), options.steps(), options.threads(), options.bf16() ? ", bf16" : "");
            System.out.println("data: " + trainer.dataDescription());
            if (trainer.step() >= options.steps()) {
                System.out.println("gallop train: already at step " + trainer.step() + "; give a larger --steps to train on");
                return;
            }
            if (stopReached(trainer.step())) {
                System.out.println("gallop train: already at step " + trainer.step() + " (--stop-at " + stopAt + "); leave it out to train on");
                return;
            }
            try (ProgressBar bar = new ProgressBar("train", options.steps())) {
                bar.stepTo(trainer.step());
                boolean stopped = trainer.run(new TrainingListener() {
                    @Override public void stepDone(StepMetrics m, int total) {
                        bar.stepTo(m.step());
                        if (m.step() % logEvery == 0 || m.step() == total)
                            System.out.printf(Locale.ROOT, "step %d/%d loss %.4f (video %.4f, audio %.4f%s) lr %.2e grad %.3f%s %.2f s/step %.2f clips/s ETA %s%n",
                                    m.step(), total, m.loss(), m.videoLoss(), m.audioLoss(),
                                    options.semanticWeight() > 0 ? String.format(Locale.ROOT, "; semantic head %.4f", m.semanticLoss()) : "",
                                    m.learningRate(), m.gradNorm(),
                                    Double.isFinite(m.gradNorm()) ? "" : " (not finite: skipped)", m.seconds(),
                                    m.clipsPerSecond(), ProgressBar.clock(m.seconds() * (total - m.step())));
                    }

                    @Override public void checkpointSaved(Path folder, int step) {
                        System.out.println("checkpoint " + folder);
                    }
                }, () -> stop.getAsBoolean() || stopReached(trainer.step()));
                if (stopped && stopReached(trainer.step()))
                    System.out.println("gallop train: stopped at step " + trainer.step() + " (--stop-at); the same command without it continues to step " + options.steps());
                else if (stopped) System.out.println("gallop train: stopped at step " + trainer.step() + "; the same command resumes from there");
            }
        }
    }

    private boolean stopReached(int step) { return stopAt != null && step >= stopAt; }

    /** Refuses, in one line naming the flag, a folder without a frame autoencoder's config. */
    static void requireAutoencoderFolder(String flag, Path folder) {
        if (!Files.isRegularFile(folder.resolve(FrameAutoencoder.CONFIG_FILE)))
            throw new BadInputException(flag + " " + folder + " is not an autoencoder folder; allowed: a folder with " + FrameAutoencoder.CONFIG_FILE
                    + " and " + FrameAutoencoder.WEIGHTS_FILE + " (runs/NAME/checkpoints/step-N, or a latent model such as models/gallop-tiny)");
    }

    private void requireStartedFrom(String flag, Path given, String startedFrom) {
        if (given == null || TrainerState.folder(given).equals(startedFrom)) return;
        throw new BadInputException(flag + " " + given + " is not what the run in " + out + " started from ("
                + (startedFrom == null ? "not kept, or none" : startedFrom) + "); allowed: the same " + flag + " or none to resume it, or a new --out folder");
    }

    private ModelConfig withMelBands(ModelConfig model) {
        try {
            return model.withMelBands(melBands);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--mel-bands " + melBands + ": " + e.getMessage());
        }
    }

    /** Flags given on the command line win; the rest come from the checkpoint when resuming, else the defaults. */
    private TrainOptions options(TrainOptions stored) {
        ModelConfig initial = init != null && Files.isRegularFile(init.resolve("config.json")) ? ModelConfig.read(init.resolve("config.json")) : null;
        ModelConfig model = ModelConfig.preset(preset);
        // a warm start keeps the shape (and a latent model its autoencoder) of the model it starts from, a student its teacher's
        if (initial != null && !given("--preset")) model = initial;
        else if (distillFrom != null && Files.isRegularFile(distillFrom.resolve("config.json")) && !given("--preset"))
            model = ModelConfig.read(distillFrom.resolve("config.json"));
        if (autoencoder != null) {
            requireAutoencoderFolder("--autoencoder", autoencoder);
            model = model.withLatents(AutoencoderConfig.read(autoencoder.resolve(FrameAutoencoder.CONFIG_FILE)),
                    patch != null ? patch : model.latent() ? model.patchSize() : 2);
        } else if (patch != null) model = model.withPatch(patch);
        model = withShapeFlags(model);
        if (textWords != null) model = withTextWords(model);
        if (initial != null) model = model.withSettingsOf(initial);  // keep the noise, words and captions it was trained on
        model = withSettingFlags(model);
        if (sourceSkip || initial != null && initial.sourceSkip()) model = model.withSourceSkip(true);
        if (melBands != null) model = withMelBands(model);
        else if (initial != null) model = model.withMelBands(initial.melBands());
        if (initial != null && initial.semanticLabels() > 0) model = model.withSemanticLabels(initial.semanticLabels());
        else if (semanticWeight > 0) model = model.withSemanticLabels(SemanticTargets.LABELS);
        int[] wh = VideoFormat.parseSize(size);
        VideoFormat format = VideoFormat.ofSeconds(wh[0], wh[1], fps, seconds);
        boolean fresh = stored == null;
        TrainOptions base = fresh ? TrainOptions.defaults(model, format) : stored;
        TrainOptions.Builder b = base.toBuilder().conditions(conditions(base.conditions()));
        if (!fresh) {
            if (sourceSkip && !stored.model().sourceSkip())
                throw new BadInputException("--source-skip adds weights, which a run under way cannot take; allowed: a new run that starts from "
                        + "its checkpoint (--init DIR --out NEW)");
            if (melBands != null && melBands != stored.model().melBands())
                throw new BadInputException("--mel-bands " + melBands + " changes the sound tokens of a run under way (" + stored.model().melBands()
                        + "); allowed: the run's own, or a new run that starts from its checkpoint (--init DIR --out NEW)");
            if (semanticWeight > 0 && stored.model().semanticLabels() == 0)
                throw new BadInputException("--semantic-weight adds a head, which a run under way cannot take; allowed: a new run that starts from "
                        + "its checkpoint (--init DIR --out NEW)");
            boolean modelGiven = given("--preset") || given("--patch") || given("--text-words") || given("--frame-noise-share") || textWordScripts
                    || cameraNoise || cameraPositions || captionBytes != null || width != null || heads != null || layers != null;
            if (modelGiven && !given("--preset")) {
                model = withShapeFlags(patch != null ? stored.model().withPatch(patch) : stored.model());
                if (textWords != null) model = withTextWords(model);
                model = withSettingFlags(model);
            }
            if (modelGiven) b.model(model);
            if (given("--size") || given("--fps") || given("--seconds")) b.format(format);
        }
        // a new run takes every flag (its defaults included); a resumed one only those given, the rest as stored
        Predicate<String> set = flag -> fresh || given(flag);
        if (set.test("--data")) b.data(dataFolder());
        if (set.test("--batch")) b.batch(batch);
        if (set.test("--steps")) b.steps(steps);
        if (set.test("--lr")) b.learningRate(lr);
        if (set.test("--warmup")) b.warmupSteps(warmup);
        if (set.test("--ema")) b.emaDecay(emaDecay);
        if (set.test("--seed")) b.seed(seed);
        if (set.test("--timestep-mean")) b.timestepMean(timestepMean);
        if (set.test("--min-weight-time")) b.minWeightTime(minWeightTime);
        if (audioWeight != null) b.audioWeight(audioWeight);
        if (set.test("--subject-weight")) b.subjectWeight(subjectWeight);
        if (set.test("--bf16")) b.bf16(bf16);
        if (set.test("--checkpoint-every")) b.checkpointEvery(checkpointEvery);
        if (set.test("--keep")) b.keep(keep);
        if (threads != null) b.threads(threads);
        if (set.test("--languages")) b.languages(languages);
        if (set.test("--anchor-share")) b.anchorShare(anchorShare);
        if (set.test("--temporal-weight")) b.temporalWeight(temporalWeight);
        if (set.test("--contrastive-weight")) b.contrastiveWeight(contrastiveWeight);
        if (set.test("--contrastive-by-time")) b.contrastiveByTime(contrastiveByTime);
        if (set.test("--recolour-weight")) b.recolourWeight(recolourWeight);
        if (set.test("--recolour-from-time")) b.recolourFromTime(recolourFromTime);
        if (set.test("--reverse-weight")) b.reverseWeight(reverseWeight);
        if (set.test("--simple-share")) b.simpleShare(simpleShare);
        if (set.test("--semantic-weight")) b.semanticWeight(semanticWeight);
        if (set.test("--twin-pairs")) b.twinPairs(twinPairs);
        if (set.test("--twin-changes")) b.twinChanges(twinChanges());
        if (set.test("--twin-times")) b.twinTimes(twinTimes == null ? null : TimeRange.of("--twin-times", twinTimes));
        if (set.test("--distill-from") || given("--distill-steps") || given("--distill-guidance") || given("--distill-audio-guidance")
                || given("--distill-shift") || given("--distill-guidance-smoothing") || given("--distill-own-share")) b.distill(distillation());
        return b.build();
    }

    /** --twin-changes as parsed changes, or null when not given. */
    private List<TwinChange> twinChanges() {
        return twinChanges == null ? null : twinChanges.stream().map(TwinChange::parse).toList();
    }

    /** {@code base} with the --extend-share, --reference-share, --reference-text-drop and --edit-share asked for, if any. */
    private ConditionDropout conditions(ConditionDropout base) {
        double most = 1 - base.imageRate();
        if (extendShare != null && !(extendShare >= 0 && extendShare <= most))
            throw new BadInputException("--extend-share " + extendShare + " is out of range; allowed: 0 to " + most
                    + " (the rest of the clips are text-to-video or image-to-video examples)");
        if (referenceShare != null && !(referenceShare >= 0 && referenceShare <= 1))
            throw new BadInputException("--reference-share " + referenceShare + " is out of range; allowed: 0 to 1");
        if (referenceTextDrop != null && !(referenceTextDrop >= 0 && referenceTextDrop <= 1))
            throw new BadInputException("--reference-text-drop " + referenceTextDrop + " is out of range; allowed: 0 to 1");
        if (editShare != null && !(editShare >= 0 && editShare <= 1))
            throw new BadInputException("--edit-share " + editShare + " is out of range; allowed: 0 to 1");
        return new ConditionDropout(base.textDrop(), base.imageDrop(), base.imageRate(), extendShare != null ? extendShare : base.extendRate(),
                referenceShare != null ? referenceShare : base.referenceRate(), referenceTextDrop != null ? referenceTextDrop : base.referenceTextDrop(),
                editShare != null ? editShare : base.editRate());
    }

    /** The distillation the flags ask for, or null without --distill-from (the --distill-* settings then mean nothing). */
    private Distillation distillation() {
        if (distillFrom == null) {
            if (given("--distill-steps") || given("--distill-guidance") || given("--distill-audio-guidance") || given("--distill-shift")
                    || given("--distill-guidance-smoothing") || given("--distill-own-share"))
                throw new BadInputException("--distill-steps, --distill-guidance, --distill-audio-guidance, --distill-shift, --distill-guidance-smoothing and "
                        + "--distill-own-share need a teacher; "
                        + "allowed: add --distill-from DIR");
            return null;
        }
        GenerateCommand.checkSmoothing("--distill-guidance-smoothing", distillGuidanceSmoothing);
        SamplingDefaults teacher = SamplingDefaults.ofModel(distillFrom);
        int steps = distillSteps != null ? distillSteps : teacher.distilled() ? Math.max(1, teacher.steps() / 2) : DEFAULT_DISTILLED_STEPS;
        GenerateCommand.checkGuidance("--distill-audio-guidance", distillAudioGuidance);
        // the teacher guides its sound as it would generate it; a folder without a config is refused in one line after this
        Path teacherConfig = distillFrom.resolve(AudioVideoTransformer.CONFIG_FILE);
        Double sound = distillAudioGuidance != null ? distillAudioGuidance
                : Files.isRegularFile(teacherConfig) ? Gallop.defaultAudioGuidance(ModelConfig.read(teacherConfig)) : null;
        return new Distillation(distillFrom.toAbsolutePath().normalize().toString(), steps, distillShift != null ? distillShift : teacher.shift(),
                distillGuidance != null ? distillGuidance : teacher.guidance(), distillGuidanceSmoothing != null ? distillGuidanceSmoothing : teacher.guidanceSmoothing(),
                distillOwnShare != null ? distillOwnShare : 0, sound);
    }

    private String dataFolder() {
        return data == null ? null : data.toAbsolutePath().normalize().toString();
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The model with the --width, --heads and --layers given, if any; the heads follow the width at the model's head dimension. */
    private ModelConfig withShapeFlags(ModelConfig c) {
        if (width == null && heads == null && layers == null) return c;
        int d = width != null ? width : c.width();
        int h = heads != null ? heads : width != null ? Math.max(1, d / c.headDim()) : c.heads();
        int specific = c.specificLayers(), shared = c.sharedLayers();
        if (layers != null) {
            String[] k = layers.trim().split("\\+");
            if (k.length != 3 || !k[0].trim().equals(k[2].trim()) || !k[0].trim().matches("\\d{1,3}") || !k[1].trim().matches("\\d{1,3}"))
                throw new BadInputException("--layers '" + layers + "' is not K+S+K; allowed: the same count of modality-specific layers at "
                        + "both ends around the shared ones, e.g. 2+4+2");
            specific = Integer.parseInt(k[0].trim());
            shared = Integer.parseInt(k[1].trim());
        }
        try {
            return c.withShape(d, h, specific, shared);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--width/--heads/--layers: " + e.getMessage());
        }
    }

    /** The model with the --text-words table; the table and the caption's input norm go together (ModelConfig.tiny()). */
    private ModelConfig withTextWords(ModelConfig c) {
        return c.withTextWords(textWords, textWords > 0);  // ModelConfig refuses a count out of range in one line
    }

    private ModelConfig withFrameNoiseShare(ModelConfig c) {
        try {
            return c.withFrameNoiseShare(frameNoiseShare);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--frame-noise-share " + frameNoiseShare + " is out of range; allowed: 0 (independent noise per frame) to "
                    + ModelConfig.MAX_FRAME_NOISE_SHARE);
        }
    }

    /**
     * The model with the weight-free settings given as flags: --frame-noise-share, --text-word-scripts, --camera-noise,
     * --camera-positions, --caption-bytes.
     */
    private ModelConfig withSettingFlags(ModelConfig c) {
        if (frameNoiseShare != null) c = withFrameNoiseShare(c);
        if (textWordScripts) c = c.withTextWordScripts(true);
        if (cameraNoise) {
            try {
                c = c.withCameraNoise(true);  // ModelConfig refuses it without a share
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--camera-noise needs a frame noise share to move, and this model has none; allowed: add "
                        + "--frame-noise-share S with S above 0");
            }
        }
        if (cameraPositions) c = c.withCameraPositions(true);
        if (captionBytes != null) {
            if (captionBytes < 1 || captionBytes > ModelConfig.MAX_TEXT_TOKENS - 2)
                throw new BadInputException("--caption-bytes " + captionBytes + " is out of range; allowed: 1 to " + (ModelConfig.MAX_TEXT_TOKENS - 2));
            c = c.withMaxTextTokens(captionBytes + 2);  // BOS and EOS
        }
        return c;
    }
}
