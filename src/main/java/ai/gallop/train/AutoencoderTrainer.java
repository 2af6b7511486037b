package ai.gallop.train;

import ai.gallop.Json;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.model.Checkpoints;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;

import static org.bytedeco.pytorch.global.torch.clear_cache;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Trains the {@link FrameAutoencoder} on world frames rendered on the fly.
 *
 * <p>A step: render {@code batch / 4} training clips (held-out combinations never appear) and take 4 random frames
 * of each; encode; perturb each frame's latent by Gaussian noise of a random level up to {@code latentNoise} times
 * the batch's latent std; decode; squared error with subject pixels weighted {@code 1 + subjectWeight}, plus, with a
 * shift weight, how far the latents of the frames shifted by 1 to 7 pixels are from their own latents moved as much
 * ({@link #shiftError}); backward;
 * skip the update if the gradient is not finite, else clip it and take an AdamW step (warm-up, cosine to a tenth).
 * Frames and noise are pure functions of (seed, step), so a run killed with kill -9 and resumed from its last
 * checkpoint computes the same weights as one never interrupted.
 *
 * <p>Every checkpoint also measures held-out PSNR (all pixels and subject pixels, 96 fixed frames of clips the
 * training never draws) into {@code eval.jsonl}, and sets the latent statistics on fixed training frames.
 */
public final class AutoencoderTrainer implements AutoCloseable {
    public static final String METRICS_FILE = "metrics.jsonl", EVAL_FILE = "eval.jsonl", OPTIMIZER_FILE = Checkpoints.OPTIMIZER_FILE;
    private static final int HELD_OUT_CLIPS = 24, CALIBRATION_STEP = -1;
    private static final long HELD_OUT_SEED = 9_000_000L;

    /** One step's numbers, a line of metrics.jsonl. */
    public record Step(int step, double loss, double mse, double learningRate, double gradNorm, boolean skipped, double seconds, double elapsedSeconds) {}

    /** Held-out reconstruction quality at a step, a line of eval.jsonl. */
    public record Quality(int step, double psnr, double subjectPsnr, double latentStd) {}

    /** Frames in [-1, 1] with their subject masks. */
    record Frames(Tensor pixels, Tensor subjects) {}

    private final Path out;
    private final AutoencoderOptions options;
    private final FrameAutoencoder autoencoder;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final DataOrder order;
    private final Checkpoints checkpoints;
    private Frames held;
    private int step, skipped;
    private double elapsedSeconds;

    private AutoencoderTrainer(Path out, AutoencoderOptions options, FrameAutoencoder autoencoder, AutoencoderState resumed) {
        this.out = out;
        this.options = options;
        this.autoencoder = autoencoder;
        Map<String, Tensor> trained = new LinkedHashMap<>(autoencoder.namedParameters());
        if (options.decoderOnly()) trained.keySet().removeIf(name -> !name.startsWith(FrameAutoencoder.DECODER_PREFIX));
        this.optimizer = new AdamW(trained, 0.9, 0.99, 0);
        this.schedule = new LearningRateSchedule(options.learningRate(), options.warmupSteps(), options.steps(), 0.1);
        this.order = new DataOrder(options.seed());
        this.checkpoints = new Checkpoints(out.resolve(Checkpoints.FOLDER));
        if (resumed != null) {
            step = resumed.step();
            skipped = resumed.skippedSteps();
            elapsedSeconds = resumed.elapsedSeconds();
        }
    }

    /** Opens a run folder: resumes from its newest checkpoint (refusing options that change a step), else starts fresh. */
    public static AutoencoderTrainer open(Path out, AutoencoderOptions options) throws IOException {
        Files.createDirectories(out);
        set_num_threads(options.threads());
        Checkpoints store = new Checkpoints(out.resolve(Checkpoints.FOLDER));
        store.prune(Integer.MAX_VALUE);  // only removes partial folders a killed run left
        Optional<Path> latest = store.latest();
        if (latest.isEmpty()) {
            JsonLines.keepSteps(out.resolve(METRICS_FILE), 0);
            JsonLines.keepSteps(out.resolve(EVAL_FILE), 0);
            return new AutoencoderTrainer(out, options, options.init() == null ? new FrameAutoencoder(options.autoencoder(), options.seed())
                    : initial(Path.of(options.init()), options), null);
        }
        Path folder = latest.get();
        AutoencoderState state = AutoencoderState.read(folder.resolve(AutoencoderState.FILE));
        if (!state.options().identity().equals(options.identity()))
            throw new IllegalArgumentException("checkpoint " + folder + " was trained with other settings (" + state.options().identity()
                    + "); allowed: the checkpoint's settings, or a new --out folder");
        JsonLines.keepSteps(out.resolve(METRICS_FILE), state.step());
        JsonLines.keepSteps(out.resolve(EVAL_FILE), state.step());
        FrameAutoencoder autoencoder = FrameAutoencoder.load(folder);
        AutoencoderTrainer trainer = new AutoencoderTrainer(out, options, autoencoder, state);
        try {
            trainer.optimizer.load(folder.resolve(OPTIMIZER_FILE), state.step());
            return trainer;
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static FrameAutoencoder initial(Path init, AutoencoderOptions options) throws IOException {
        FrameAutoencoder autoencoder = FrameAutoencoder.load(init);
        if (!autoencoder.config().equals(options.autoencoder())) {
            autoencoder.close();
            throw new IllegalArgumentException("--init " + init + " holds autoencoder " + autoencoder.config() + ", not the run's "
                    + options.autoencoder() + "; allowed: an autoencoder of the same shape (leave out --latent, --width, --levels, --blocks)");
        }
        return autoencoder;
    }

    public AutoencoderOptions options() { return options; }

    public FrameAutoencoder autoencoder() { return autoencoder; }

    public int step() { return step; }

    public Checkpoints checkpoints() { return checkpoints; }

    /** One optimisation step on the step's frames. */
    public Step trainStep() throws IOException {
        long start = System.nanoTime();
        double learningRate = schedule.at(step), loss, mse, gradNorm;
        boolean skip;
        try (PointerScope scope = new PointerScope()) {
            Frames batch = frames(order, options.size(), options.batch(), step);
            Generator g = createCPUGenerator(order.stepSeed(step));
            Tensor[] losses = losses(batch, g);
            losses[0].backward();
            gradNorm = gradientNorm();
            skip = !Double.isFinite(gradNorm);
            if (!skip) {
                if (gradNorm > options.gradClip()) scaleGradients(options.gradClip() / (gradNorm + 1e-6));
                optimizer.step(learningRate);
            }
            if (options.bf16()) clear_cache();  // autocast's cached bfloat16 weights are stale after the update
            for (Tensor p : autoencoder.namedParameters().values()) if (p.grad().defined()) p.grad().zero_();
            loss = losses[0].item_double();
            mse = losses[1].item_double();
        }
        if (!Double.isFinite(loss)) throw new IllegalStateException("loss became " + loss + " at step " + (step + 1) + "; lower --lr");
        step++;
        if (skip) skipped++;
        double seconds = (System.nanoTime() - start) / 1e9;
        elapsedSeconds += seconds;
        Step s = new Step(step, loss, mse, learningRate, gradNorm, skip, seconds, elapsedSeconds);
        JsonLines.append(out.resolve(METRICS_FILE), s);
        return s;
    }

    /** Weighted loss and plain mean squared error of a batch, with the latent perturbed by noise from g. */
    private Tensor[] losses(Frames batch, Generator g) {
        if (options.bf16()) {
            set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
            set_autocast_enabled(DeviceType.CPU, true);
        }
        try {
            long n = batch.pixels().size(0);
            Tensor z;                                                                            // [N, C, h, w]
            if (options.decoderOnly()) {
                try (NoGradGuard frozen = new NoGradGuard()) { z = autoencoder.encode(batch.pixels()); }
            } else {
                z = autoencoder.encode(batch.pixels());
            }
            Tensor level = rand(new long[]{n, 1, 1, 1}, new GeneratorOptional(g)).mul(new Scalar(options.latentNoise()));
            Tensor latents = z.to(ScalarType.Float);                                             // [N, C, h, w]
            Tensor noise = randn(z.shape(), new GeneratorOptional(g)).mul(level).mul(latents.detach().std());
            Tensor reconstruction = autoencoder.decode(latents.add(noise)).to(ScalarType.Float);  // [N, 3, H, W]
            Tensor error = reconstruction.sub(batch.pixels()).square();
            Tensor weight = batch.subjects().mul(new Scalar(options.subjectWeight())).add(new Scalar(1));  // [N, 1, H, W]
            Tensor loss = error.mul(weight).mean();
            if (options.shiftWeight() > 0) {
                // one shift a step, drawn after everything above so runs without the term keep their bytes
                int factor = options.autoencoder().factor();
                int pixels = (int) randint(1, factor, new long[]{1}, new GeneratorOptional(g)).item_long();
                int axis = randint(0, 2, new long[]{1}, new GeneratorOptional(g)).item_long() == 0 ? 3 : 2;
                Tensor moved = autoencoder.encode(shifted(batch.pixels(), pixels, axis)).to(ScalarType.Float);  // [N, C, h, w]
                loss = loss.add(shiftError(latents, moved, pixels / (double) factor, axis).mul(new Scalar(options.shiftWeight())));
            }
            return new Tensor[]{loss, error.mean()};
        } finally {
            if (options.bf16()) set_autocast_enabled(DeviceType.CPU, false);
        }
    }

    /** Frames [N, 3, H, W] moved {@code pixels} toward higher indices along {@code axis} (2 down, 3 right), the first row or column repeated. */
    static Tensor shifted(Tensor frames, int pixels, int axis) {
        long side = frames.size(axis);
        long[] edge = frames.shape().clone();
        edge[axis] = pixels;
        return cat(new TensorVector(frames.narrow(axis, 0, 1).expand(edge), frames.narrow(axis, 0, side - pixels)), axis);
    }

    /**
     * How far the latents of shifted frames are from the unshifted latents moved by {@code cells} of a cell along the
     * same axis (each cell interpolated between itself and the neighbour it moves away from; the first cell, where
     * the repeated edge enters, left out), as a share of the latents' variance, so shrinking the latents cannot pay.
     */
    static Tensor shiftError(Tensor z, Tensor moved, double cells, int axis) {
        long n = z.size(axis) - 1;
        Tensor target = z.narrow(axis, 1, n).mul(new Scalar(1 - cells)).add(z.narrow(axis, 0, n).mul(new Scalar(cells)));  // [N, C, ., .]
        return moved.narrow(axis, 1, n).sub(target).square().mean().div(z.var());
    }

    private double gradientNorm() {
        try (NoGradGuard g = new NoGradGuard()) {
            double squares = 0;
            for (Tensor p : autoencoder.namedParameters().values()) if (p.grad().defined()) squares += p.grad().square().sum().item_double();
            return Math.sqrt(squares);
        }
    }

    private void scaleGradients(double scale) {
        try (NoGradGuard g = new NoGradGuard()) {
            for (Tensor p : autoencoder.namedParameters().values()) if (p.grad().defined()) p.grad().mul_(new Scalar(scale));
        }
    }

    /** Reconstruction quality on the fixed held-out frames (float32, no noise). */
    public Quality evaluate() {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Frames frames = heldOut();
            Tensor z = autoencoder.encode(frames.pixels());
            Tensor error = autoencoder.decode(z).clamp(new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1)), new org.bytedeco.pytorch.ScalarOptional(new Scalar(1))).sub(frames.pixels()).square();
            double subjectMse = error.mul(frames.subjects()).sum().item_double() / (frames.subjects().sum().item_double() * 3);
            return new Quality(step, psnr(error.mean().item_double()), psnr(subjectMse), z.std().item_double());
        }
    }

    /** The first {@code count} held-out frames above their reconstructions, enlarged 3 times. */
    public RgbFrame reconstructions(int count) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = heldOut().pixels().narrow(0, 0, count);
            return AutoencoderPictures.sheet(FrameAutoencoder.frames(x), FrameAutoencoder.frames(autoencoder.decode(autoencoder.encode(x))), 3);
        }
    }

    /** Peak signal to noise ratio of frames in [-1, 1] (peak-to-peak 2). */
    public static double psnr(double mse) { return 10 * Math.log10(4.0 / Math.max(mse, 1e-12)); }

    /**
     * Measures held-out quality, sets the latent statistics, writes checkpoint {@code step-N} and prunes old ones;
     * returns the quality.
     */
    public Quality checkpoint() throws IOException {
        Quality quality = evaluate();
        JsonLines.append(out.resolve(EVAL_FILE), quality);
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            // a frozen encoder keeps the init's statistics, which the transformers trained on its latents rely on
            if (!options.decoderOnly()) autoencoder.calibrate(autoencoder.encode(frames(order, options.size(), 64, CALIBRATION_STEP).pixels()));
        }
        AutoencoderState state = new AutoencoderState(step, skipped, elapsedSeconds, options);
        checkpoints.save(step, List.of(
                new Checkpoints.Part(FrameAutoencoder.CONFIG_FILE, f -> Files.writeString(f, options.autoencoder().toJson(), StandardCharsets.UTF_8)),
                new Checkpoints.Part(FrameAutoencoder.WEIGHTS_FILE, autoencoder::writeWeights),
                new Checkpoints.Part(OPTIMIZER_FILE, optimizer::save),
                new Checkpoints.Part(AutoencoderState.FILE, f -> Files.writeString(f, Json.write(state), StandardCharsets.UTF_8))));
        checkpoints.prune(options.keep());
        drawPictures();
        return quality;
    }

    /** Redraws quality.png, reconstructions.png and loss.png from the run's logs and current weights. */
    public void drawPictures() throws IOException {
        Png.write(out.resolve(AutoencoderPictures.CURVE_FILE), AutoencoderPictures.curve(readQuality(out.resolve(EVAL_FILE)),
                "GALLOP AUTOENCODER HELD-OUT PSNR"));
        Png.write(out.resolve(AutoencoderPictures.SHEET_FILE), reconstructions(8));
        Png.write(out.resolve(LossCurve.FILE), LossCurve.render(readSteps(out.resolve(METRICS_FILE)).stream()
                .map(s -> new StepMetrics(s.step(), s.loss(), s.mse(), 0, s.learningRate(), s.gradNorm(), 0, s.seconds(), s.elapsedSeconds()))
                .toList(), "GALLOP AUTOENCODER LOSS"));
    }

    /** {@code count} training frames of a step: 4 random frames from each of count / 4 world clips. */
    static Frames frames(DataOrder order, int size, int count, int step) {
        List<Long> seeds = new ArrayList<>();
        for (int slot = 0; slot < count / AutoencoderOptions.FRAMES_PER_CLIP; slot++) seeds.add(order.specSeed(step, slot));
        return render(seeds, size, new SplittableRandom(order.stepSeed(step))::nextInt);
    }

    /** This run's held-out frames, rendered once (every checkpoint scores them and draws some). */
    private Frames heldOut() {
        if (held == null) {
            Frames frames = heldOut(options.size());
            frames.pixels().retainReference();  // outlive the caller's PointerScope, until close()
            frames.subjects().retainReference();
            held = frames;
        }
        return held;
    }

    /** The fixed held-out frames: 4 from each of 24 clips the training order never draws. */
    static Frames heldOut(int size) {
        List<Long> seeds = new ArrayList<>();
        for (int c = 0; c < HELD_OUT_CLIPS; c++) seeds.add(HELD_OUT_SEED + c);
        return render(seeds, size, new Random(1)::nextInt);
    }

    private static Frames render(List<Long> seeds, int size, java.util.function.IntUnaryOperator pick) {
        SpecSampler sampler = SpecSampler.training();
        WorldRenderer renderer = new WorldRenderer();
        VideoFormat format = VideoFormat.ofSeconds(size, size, 8, 2);
        List<RgbFrame> frames = new ArrayList<>();
        int plane = size * size;
        float[] mask = new float[seeds.size() * AutoencoderOptions.FRAMES_PER_CLIP * plane];
        for (long seed : seeds) {
            RenderedClip clip = renderer.render(sampler.sample(seed, format));
            for (int k = 0; k < AutoencoderOptions.FRAMES_PER_CLIP; k++) {
                int index = pick.applyAsInt(clip.video().frames().size());
                byte[] labels = clip.labels().get(index);
                for (int p = 0; p < plane; p++) mask[frames.size() * plane + p] = labels[p] != 0 ? 1f : 0f;
                frames.add(clip.video().frames().get(index));
            }
        }
        return new Frames(FrameAutoencoder.pixels(frames), Tensor.create(mask, frames.size(), 1, size, size));
    }

    public static List<Step> readSteps(Path file) throws IOException { return JsonLines.read(file, Step.class); }

    public static List<Quality> readQuality(Path file) throws IOException { return JsonLines.read(file, Quality.class); }

    @Override public void close() {
        if (held != null) {
            held.pixels().releaseReference();
            held.subjects().releaseReference();
        }
        optimizer.close();
        autoencoder.close();
    }
}
