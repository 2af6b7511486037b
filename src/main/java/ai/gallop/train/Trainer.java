package ai.gallop.train;

import ai.gallop.model.Checkpoints;
import ai.gallop.Json;
import ai.gallop.diffusion.FlowMatching;
import ai.gallop.diffusion.StepDistillation;
import ai.gallop.media.Png;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.Safetensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.bytedeco.pytorch.global.torch.clear_cache;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Trains the audio-video transformer with flow matching on world clips rendered on the fly.
 *
 * <p>A step: take the step's clips from the background renderer; draw each clip's t (logit-normal toward
 * noise), condition plan (image-to-video, extension, caption dropout) and noise from the step seed; predict x0;
 * capped velocity loss on video and audio; backward; clip the global gradient norm; AdamW with warm-up and cosine
 * decay; EMA. Everything random is a pure function of (run seed, step), so a run killed with kill -9 and resumed
 * from its last checkpoint computes bit-identical weights to one never interrupted (same thread count).
 *
 * <p>Output folder: {@code checkpoints/step-N/} (config.json, model.safetensors, ema.safetensors,
 * optimizer.safetensors, trainer.json; the newest {@code keep}), {@code metrics.jsonl}, {@code loss.png}.
 */
public final class Trainer implements AutoCloseable {
    private static final String OPTIMIZER_FILE = Checkpoints.OPTIMIZER_FILE;
    /**
     * A step whose gradient is not finite (with a finite loss) is skipped, not applied: applied, it would turn every
     * weight into NaN, and a resumed run would meet the same step again. This many in a row means the run diverged.
     */
    private static final int MAX_SKIPPED_IN_A_ROW = 5;
    /** Keeps the own-path draws apart from the batch's own draws from the same step seed. */
    private static final long OWN_PATH_SALT = 0x0A7C5EEDL;

    private final Path out;
    private final TrainOptions options;
    private final AudioVideoTransformer model;
    private final AdamW optimizer;
    private final Ema ema;
    private final LearningRateSchedule schedule;
    private final FlowMatching flow;
    private final FlowBatch.Recipe recipe;
    private final DataOrder order;
    private final Checkpoints checkpoints;
    private final MetricsLog metrics;
    private final FootageFolder footage;
    private final AudioVideoTransformer teacher;  // null unless distilling
    private ClipSource source;
    private final String init, autoencoderFolder;  // what the run started from, kept in every checkpoint
    private int step, skippedInARow;
    private long clipsSeen;
    private double elapsedSeconds;

    private Trainer(Path out, TrainOptions options, FootageFolder footage, AudioVideoTransformer model, TrainerState resumed, String init,
                    String autoencoderFolder) throws IOException {
        this.init = init;
        this.autoencoderFolder = autoencoderFolder;
        this.teacher = options.distill() == null ? null : teacher(options);
        this.out = out;
        this.footage = footage;
        this.options = options;
        this.model = model;
        this.optimizer = new AdamW(model.namedParameters(), options.beta1(), options.beta2(), options.weightDecay());
        this.ema = options.emaDecay() > 0 ? new Ema(model.namedParameters(), options.emaDecay()) : null;
        this.schedule = LearningRateSchedule.of(options);
        this.flow = new FlowMatching(options.minWeightTime());
        this.recipe = new FlowBatch.Recipe(options.model(), model.videoTokeniser(), options.format(),
                options.timesteps(), options.conditions(), options.subjectWeight(), options.distill() == null ? null : options.distill().rule(), options.reverseWeight() > 0,
                options.recolourWeight() > 0, options.semanticWeight() > 0, options.pairTimes());
        this.order = new DataOrder(options.seed(), options.captionLanguages(), options.simpleShare());
        this.checkpoints = new Checkpoints(out.resolve(Checkpoints.FOLDER));
        if (resumed != null) {
            step = resumed.step();
            clipsSeen = resumed.clipsSeen();
            elapsedSeconds = resumed.elapsedSeconds();
            skippedInARow = resumed.skippedInARow();
        }
        this.metrics = new MetricsLog(out.resolve(MetricsLog.FILE), step);
    }

    /**
     * Opens a run folder: resumes from its newest checkpoint when it has one (refusing options that would change
     * what a step computes), else starts fresh from the run seed.
     */
    public static Trainer open(Path out, TrainOptions options) throws IOException {
        return open(out, options, null);
    }

    /**
     * As {@link #open(Path, TrainOptions)}; a fresh run (no checkpoint in {@code out}) starts from the weights of
     * the model folder {@code init} instead of random ones (its EMA starts from them too; the optimizer moments
     * and the schedule start fresh). This is how training crosses machines that keep only the shipped model:
     * the optimizer state of a run is four times the model's size and stays out of the repository.
     */
    public static Trainer open(Path out, TrainOptions options, Path init) throws IOException {
        return open(out, options, init, null);
    }

    /**
     * As {@link #open(Path, TrainOptions, Path)}; a fresh latent run (options.model().latent()) takes its frozen frame
     * autoencoder from the folder {@code autoencoder} (an autoencoder checkpoint), also in place of {@code init}'s own,
     * so a trained transformer can be moved onto another autoencoder's latents; without it, {@code init}'s.
     */
    public static Trainer open(Path out, TrainOptions options, Path init, Path autoencoder) throws IOException {
        Files.createDirectories(out);
        set_num_threads(options.threads());
        Checkpoints store = new Checkpoints(out.resolve(Checkpoints.FOLDER));
        store.prune(Integer.MAX_VALUE);  // only removes partial folders a killed run left
        Optional<Path> latest = store.latest();
        if (latest.isEmpty()) {
            AudioVideoTransformer model = init == null ? fresh(options, autoencoder) : initial(init, options, autoencoder);
            try {
                return new Trainer(out, options, footage(options), model, null, TrainerState.folder(init), TrainerState.folder(autoencoder));
            } catch (IOException | RuntimeException e) {
                model.close();  // a refused teacher or footage folder must not leak the model
                throw e;
            }
        }
        Path folder = latest.get();
        TrainerState state = TrainerState.read(folder.resolve(TrainerState.FILE));
        String difference = difference(state.options().identity(), options.identity());
        if (difference != null)
            throw new IllegalArgumentException("checkpoint " + folder + " was trained with " + difference
                    + "; allowed: the checkpoint's settings, or a new --out folder");
        FootageFolder footage = footage(options);
        AudioVideoTransformer model = AudioVideoTransformer.load(folder);
        Trainer trainer = null;
        try {
            trainer = new Trainer(out, options, footage, model, state, state.init(), state.autoencoder());
            trainer.optimizer.load(folder.resolve(OPTIMIZER_FILE), state.step());
            if (trainer.ema != null) trainer.ema.load(folder.resolve(Ema.FILE));
            return trainer;
        } catch (IOException | RuntimeException e) {
            if (trainer != null) trainer.close();
            else model.close();
            throw e;
        }
    }

    /** The teacher of a distillation run: frozen, and of the student's configuration (its tokens are the student's). */
    private static AudioVideoTransformer teacher(TrainOptions options) throws IOException {
        Path folder = Path.of(options.distill().teacher());
        if (!Files.isRegularFile(folder.resolve(AudioVideoTransformer.CONFIG_FILE)))
            throw new IllegalArgumentException("teacher " + folder + " is not a model folder; allowed: a folder with config.json and model.safetensors");
        AudioVideoTransformer teacher = AudioVideoTransformer.loadForSampling(folder);
        if (!teacher.config().equals(options.model())) {
            String stored = teacher.config().name() + " (width " + teacher.config().width() + ", patch " + teacher.config().patchSize() + ")";
            teacher.close();
            throw new IllegalArgumentException("teacher " + folder + " holds model " + stored + ", not the run's " + options.model().name()
                    + "; allowed: a teacher of the student's configuration");
        }
        for (Tensor p : teacher.namedParameters().values()) p.set_requires_grad(false);
        return teacher;
    }

    private static FootageFolder footage(TrainOptions options) throws IOException {
        return options.data() == null ? null : FootageFolder.open(Path.of(options.data()), options.format(), options.model().sampleRate());
    }

    private static AudioVideoTransformer fresh(TrainOptions options, Path autoencoder) throws IOException {
        AudioVideoTransformer model = new AudioVideoTransformer(options.model(), options.seed());
        if (!options.model().latent()) return model;
        try {
            if (autoencoder == null) throw new IllegalArgumentException("model '" + options.model().name()
                    + "' works on latents but no autoencoder was given; allowed: --autoencoder DIR (a train-autoencoder checkpoint)");
            model.attachAutoencoder(FrameAutoencoder.load(autoencoder));
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The init's model, with the autoencoder folder's frame autoencoder in place of its own when one is given. */
    private static AudioVideoTransformer initial(Path init, TrainOptions options, Path autoencoder) throws IOException {
        AudioVideoTransformer model = AudioVideoTransformer.load(init);
        ModelConfig run = options.model();
        // the noise a model is tuned on, where its words end and how much of a caption it reads are the run's choice; any other
        // difference is refused below
        ModelConfig settings = model.config().withSettingsOf(run);
        if (!settings.equals(model.config())) model = model.withSettings(settings);
        if (model.config().textWordBuckets() == 0 && run.textWordBuckets() > 0
                && model.config().withTextWords(run.textWordBuckets(), run.textInputNorm()).equals(run))
            model = model.withTextWords(run.textWordBuckets(), run.textInputNorm());  // a model from before the word table starts one at zero
        if (run.sourceSkip() && !model.config().sourceSkip()) model = model.withSourceSkip();  // the skip starts at zero
        if (run.semanticLabels() > 0 && model.config().semanticLabels() == 0) model = model.withSemanticHead(run.semanticLabels());  // so does the head
        if (run.melBands() != model.config().melBands()) model = model.withMelBands(run.melBands(), options.seed());  // new sound projections
        if (!model.config().equals(options.model())) {
            String stored = model.config().name() + " (width " + model.config().width() + ", patch " + model.config().patchSize() + ")";
            model.close();
            throw new IllegalArgumentException("--init " + init + " holds model " + stored + ", not the run's " + options.model().name()
                    + "; allowed: a model folder of the same configuration");
        }
        if (autoencoder != null && model.config().latent()) {
            try {
                model.attachAutoencoder(FrameAutoencoder.load(autoencoder));
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    /** The first option that differs, as "name X (asked: Y)", or null when none does. */
    static String difference(TrainOptions stored, TrainOptions asked) {
        for (RecordComponent c : TrainOptions.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(stored), b = c.getAccessor().invoke(asked);
                if (!java.util.Objects.equals(a, b)) return c.getName() + " " + describe(a) + " (asked: " + describe(b) + ")";
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static String describe(Object value) {
        return value instanceof ai.gallop.model.ModelConfig c ? "'" + c.name() + "' (width " + c.width() + ", patch " + c.patchSize() + ")"
                : value instanceof ai.gallop.world.VideoFormat f ? f.width() + "x" + f.height() + " at " + f.fps() + " fps, " + f.frames() + " frames"
                : value == null ? "none" : String.valueOf(value);
    }

    public TrainOptions options() { return options; }

    /** Steps done so far. */
    public int step() { return step; }

    public AudioVideoTransformer model() { return model; }

    public Path folder() { return out; }

    /** Trains until {@code options.steps()}, checkpointing every {@code checkpointEvery} steps and at the end. */
    public void run(TrainingListener listener) throws IOException, InterruptedException {
        run(listener, () -> false);
    }

    /**
     * As {@link #run(TrainingListener)}, but ends early once {@code stop} says so (asked between steps), with a
     * checkpoint of the step reached so that the next start resumes from there; returns whether it stopped early.
     */
    public boolean run(TrainingListener listener, BooleanSupplier stop) throws IOException, InterruptedException {
        int saved = step;
        while (step < options.steps()) {
            if (stop.getAsBoolean()) {
                if (step > saved) listener.checkpointSaved(checkpoint(), step);
                return true;
            }
            StepMetrics m = trainStep();
            listener.stepDone(m, options.steps());
            if (step % options.checkpointEvery() == 0 || step == options.steps()) {
                listener.checkpointSaved(checkpoint(), step);
                saved = step;
            }
        }
        return false;
    }

    /** One optimisation step on the next step's clips. */
    public StepMetrics trainStep() throws IOException, InterruptedException {
        // the frozen autoencoder's pass (a sixth of a step) runs in the renderer's thread, on the core libtorch leaves it
        if (source == null) source = new ClipSource(at -> {
            List<TrainingClip> ahead = clipsOf(at);
            return new ClipSource.Batch(at, ahead, FlowBatch.encodeAhead(recipe, ahead));
        }, step);
        long start = System.nanoTime();
        ClipSource.Batch next = source.next(step);
        List<TrainingClip> clips = next.clips();
        double learningRate = schedule.at(step), total, video, audio, semantic, gradNorm;
        try (PointerScope scope = new PointerScope()) {
            FlowBatch batch = FlowBatch.of(recipe, clips, order.stepSeed(step), null, next.video());
            Tensor[] losses = losses(batch, ownPath(clips.size()));
            double objective = losses[0].item_double();
            total = losses[1].item_double();
            video = losses[2].item_double();
            audio = losses[3].item_double();
            semantic = losses[4] == null ? 0 : losses[4].item_double();
            // checked before any update, so the weights in memory (and any checkpoint written after) stay finite
            if (!Double.isFinite(objective))
                throw new IllegalStateException("loss became " + objective + " at step " + (step + 1) + "; the weights were not updated; lower --lr");
            losses[0].backward();
            gradNorm = clipGradients();
            boolean update = Double.isFinite(gradNorm);
            skippedInARow = update ? 0 : skippedInARow + 1;
            if (skippedInARow == MAX_SKIPPED_IN_A_ROW)
                throw new IllegalStateException("gradient norm was " + gradNorm + " for " + skippedInARow + " steps in a row up to step "
                        + (step + 1) + "; the weights were not updated; lower --lr");
            if (update) optimizer.step(learningRate);
            zeroGradients();
            if (update && ema != null) ema.update(optimizer.updates());
        }
        step++;
        clipsSeen += clips.size();
        double seconds = (System.nanoTime() - start) / 1e9;
        elapsedSeconds += seconds;
        StepMetrics m = new StepMetrics(step, total, video, audio, learningRate, gradNorm, clips.size() / seconds, seconds, elapsedSeconds, semantic);
        metrics.append(m);
        return m;
    }

    /**
     * The objective to minimise, then the total, video and audio loss of a batch (under bfloat16 autocast when asked;
     * the losses are float32), then the semantic head's loss (null without --semantic-weight). The objective is the
     * total unless a contrastive weight subtracts the loss against the batch's other clips, a recolour weight the loss
     * against each clip's recoloured twin, or a reverse weight the loss against each clip played backwards, and plus
     * the semantic head's loss at its weight and the recoloured pairs' difference loss at theirs.
     */
    private Tensor[] losses(FlowBatch batch, boolean[] own) {
        if (options.bf16()) {
            set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
            set_autocast_enabled(DeviceType.CPU, true);
        }
        try {
            Tensor cleanVideo = batch.cleanVideo(), cleanAudio = batch.cleanAudio();
            ModelInput input = batch.input();
            if (teacher != null) {  // the student learns where the teacher's two guided steps land, not the clip itself
                try (NoGradGuard g = new NoGradGuard()) {
                    StepDistillation rule = options.distill().rule();
                    if (own != null) input = rule.ownStates(model::forward, input, cleanVideo, cleanAudio, batch.distilledSteps(), own);
                    ModelOutput target = rule.target(teacher::forward, input, batch.nullText(), batch.distilledSteps());
                    cleanVideo = target.video().to(ScalarType.Float);
                    cleanAudio = target.audio().to(ScalarType.Float);
                }
            }
            // Autocast keeps the bfloat16 copy it makes of each weight that needs a gradient, until the cache is cleared,
            // and keeps it even from a pass without gradients (libtorch 2.10 still does). So each training pass casts
            // afresh: copies from before the last update are stale, and copies from a pass without gradients (the
            // student's own steps above, evaluate) carry no gradient history, so reusing them would leave every matrix
            // of the model without a gradient for the step.
            if (options.bf16()) clear_cache();
            ModelOutput x0 = model.forward(input);
            Tensor predicted = x0.video().to(ScalarType.Float), predictedAudio = x0.audio().to(ScalarType.Float);
            Tensor video = flow.loss(predicted, cleanVideo, batch.input().videoTime(), batch.pixelWeight());
            if (options.temporalWeight() > 0) {
                long perFrame = model.videoTokeniser().tokensPerFrame(options.format().width(), options.format().height());
                video = video.add(flow.temporalLoss(predicted, cleanVideo, batch.input().videoTime(), perFrame)
                        .mul(new Scalar(options.temporalWeight())));
            }
            Tensor audio = flow.loss(predictedAudio, cleanAudio, batch.input().audioTime());
            Scalar audioWeight = new Scalar(options.audioWeight());
            Tensor total = video.add(audio.mul(audioWeight));
            // the logged losses stay the plain fit, comparable across runs; only the gradient sees the negatives
            Tensor objective = total;
            if (options.contrastiveWeight() > 0) {
                Tensor otherVideo = flow.lossAgainstOthers(predicted, cleanVideo, batch.input().videoTime(), batch.pixelWeight(), options.contrastiveByTime());
                Tensor otherAudio = flow.lossAgainstOthers(predictedAudio, cleanAudio, batch.input().audioTime(), null, options.contrastiveByTime());
                objective = objective.sub(otherVideo.add(otherAudio.mul(audioWeight)).mul(new Scalar(options.contrastiveWeight())));
            }
            if (options.recolourWeight() > 0) {  // video only: a twin sounds the same, so its audio term would just scale the audio loss
                Tensor twin = flow.lossAgainst(predicted, batch.twinVideo(), batch.input().videoTime(), batch.pixelWeight(), true, options.recolourFromTime());
                objective = objective.sub(twin.mul(new Scalar(options.recolourWeight())));
            }
            if (options.twinPairs() > 0) {  // video only: the pairs are there for the picture's words; distilling, against the teacher's
                Tensor pairs = flow.pairDifferenceLoss(predicted, cleanVideo, batch.input().videoTime(), options.pairTimes());
                objective = objective.add(pairs.mul(new Scalar(options.twinPairs())));
            }
            if (options.reverseWeight() > 0) {  // video only, like the recolour term: the caption's directions show in the picture
                Tensor backwards = flow.lossAgainst(predicted, batch.reversedVideo(), batch.input().videoTime(), batch.pixelWeight(), true, 0);
                objective = objective.sub(backwards.mul(new Scalar(options.reverseWeight())));
            }
            Tensor semantic = null;  // logged on its own: the loss columns stay the x0 fit, as for the terms above
            if (options.semanticWeight() > 0) {
                semantic = SemanticTargets.loss(x0.semantic().to(ScalarType.Float), batch.semanticTargets());
                objective = objective.add(semantic.mul(new Scalar(options.semanticWeight())));
            }
            return new Tensor[]{objective, total, video, audio, semantic};
        } finally {
            if (options.bf16()) set_autocast_enabled(DeviceType.CPU, false);
        }
    }

    /**
     * Which of this step's clips the student meets on its own path ({@link Distillation#ownShare}), drawn from the
     * step's seed so a resumed run draws the same; null when none can be.
     */
    private boolean[] ownPath(int clips) {
        if (teacher == null || options.distill().ownShare() == 0) return null;
        SplittableRandom rng = new SplittableRandom(order.stepSeed(step) ^ OWN_PATH_SALT);
        boolean[] own = new boolean[clips];
        for (int i = 0; i < clips; i++) own[i] = rng.nextDouble() < options.distill().ownShare();
        return own;
    }

    /** The global gradient norm before clipping; scales every gradient down to the clip when above it. */
    private double clipGradients() {
        try (NoGradGuard g = new NoGradGuard()) {
            double squares = 0;
            for (Tensor p : model.namedParameters().values()) {
                Tensor grad = p.grad();
                if (grad.defined()) squares += grad.square().sum().item_double();
            }
            double norm = Math.sqrt(squares);
            if (options.gradClip() > 0 && norm > options.gradClip()) {
                Scalar scale = new Scalar(options.gradClip() / (norm + 1e-6));
                for (Tensor p : model.namedParameters().values()) if (p.grad().defined()) p.grad().mul_(scale);
            }
            return norm;
        }
    }

    private void zeroGradients() {
        for (Tensor p : model.namedParameters().values()) if (p.grad().defined()) p.grad().zero_();
    }

    /**
     * The loss of fixed clips at fixed times without updating anything (no condition mix, no dropout): a
     * yardstick that training should lower.
     */
    public double evaluate(List<TrainingClip> clips, long seed, double[] times) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            return losses(FlowBatch.of(recipe, clips, seed, times), null)[1].item_double();
        }
    }

    /** Where the clips come from, in words. */
    public String dataDescription() {
        if (footage != null) return footage.size() + " footage clips from " + footage.folder();
        return "world clips rendered on the fly" + (options.simpleShare() > 0
                ? String.format(Locale.ROOT, ", %.0f%% of them simple (one shot, a static camera, one large subject)", 100 * options.simpleShare()) : "")
                + (twins() ? ", each with a recoloured twin" : "")
                + (options.twinPairs() > 0 ? ", in pairs that differ in " + options.pairChanges().stream().map(TwinChange::id).collect(Collectors.joining(" or "))
                        + " and share one input at times " + options.pairTimes() : "")
                + (options.conditions().editRate() > 0 ? String.format(Locale.ROOT, "; %.0f%% of the steps without references edit the twin back",
                        100 * options.conditions().editRate()) : "")
                + (options.reverseWeight() > 0 ? ", each also played backwards" : "")
                + (options.semanticWeight() > 0 ? ", with what each video token shows for the semantic head" : "");
    }

    /** The clips the run trains on at a step (rendered here, the same the background renderer gives). */
    public List<TrainingClip> clipsOf(int atStep) {
        return footage != null ? footage.clips(order, options.batch(), atStep) : ClipSource.render(order, options.format(), options.batch(), atStep, twins(), options.pairChanges());
    }

    /** Whether world clips carry their recoloured twins: the recolour term and edit steps both use them. */
    private boolean twins() {
        return options.recolourWeight() > 0 || options.conditions().editRate() > 0;
    }

    /** Writes a checkpoint of the current step, prunes old ones, redraws loss.png; returns its folder. */
    public Path checkpoint() throws IOException {
        TrainerState state = new TrainerState(step, step, options.seed(), schedule.at(step), clipsSeen, elapsedSeconds, options, skippedInARow,
                init, autoencoderFolder);
        Map<String, String> meta = Map.of("format", "pt", "gallop.model", options.model().name(), "gallop.step", Integer.toString(step));
        List<Checkpoints.Part> parts = new java.util.ArrayList<>(List.of(
                new Checkpoints.Part(AudioVideoTransformer.CONFIG_FILE, f -> Files.writeString(f, options.model().toJson(), StandardCharsets.UTF_8)),
                new Checkpoints.Part(AudioVideoTransformer.WEIGHTS_FILE, f -> Safetensors.write(f, model.namedParameters(), meta)),
                new Checkpoints.Part(OPTIMIZER_FILE, optimizer::save)));
        if (ema != null) parts.add(new Checkpoints.Part(Ema.FILE, ema::save));
        FrameAutoencoder autoencoder = model.autoencoder();
        if (autoencoder != null) {
            parts.add(new Checkpoints.Part(FrameAutoencoder.CONFIG_FILE, f -> Files.writeString(f, autoencoder.config().toJson(), StandardCharsets.UTF_8)));
            parts.add(new Checkpoints.Part(FrameAutoencoder.WEIGHTS_FILE, autoencoder::writeWeights));
        }
        parts.add(new Checkpoints.Part(TrainerState.FILE, f -> Files.writeString(f, Json.write(state), StandardCharsets.UTF_8)));
        Path folder = checkpoints.save(step, parts);
        checkpoints.prune(options.keep());
        Png.write(out.resolve(LossCurve.FILE), LossCurve.render(MetricsLog.read(metrics.file()),
                "GALLOP " + options.model().name() + " LOSS"));
        return folder;
    }

    public Checkpoints checkpoints() { return checkpoints; }

    @Override public void close() {
        if (source != null) source.close();
        optimizer.close();
        if (ema != null) ema.close();
        if (teacher != null) teacher.close();
        model.close();
    }
}
