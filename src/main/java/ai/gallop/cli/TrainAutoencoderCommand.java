package ai.gallop.cli;

import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.Checkpoints;
import ai.gallop.train.AutoencoderOptions;
import ai.gallop.train.AutoencoderState;
import ai.gallop.train.AutoencoderTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gallop train-autoencoder}: trains the frame autoencoder on world frames rendered on the fly. A folder that
 * already holds a checkpoint is resumed: settings not given come from the checkpoint, and a given setting that
 * would change what a step computes is refused.
 */
@Command(name = "train-autoencoder", mixinStandardHelpOptions = true,
        description = "Train the frame autoencoder (pictures to latents and back) on world frames rendered on the fly; resumes from the newest checkpoint in --out.")
public final class TrainAutoencoderCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Run folder: checkpoints/, metrics.jsonl, eval.jsonl, loss.png.")
    Path out;

    @Option(names = "--steps", description = "Total optimisation steps (default: ${DEFAULT-VALUE}).", defaultValue = "6000")
    int steps;

    @Option(names = "--latent", description = "Latent channels per cell (default: ${DEFAULT-VALUE}).", defaultValue = "16")
    int latent;

    @Option(names = "--width", description = "Channels at the first level; they double at each level down (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int width;

    @Option(names = "--levels", description = "Halvings of each side: a latent cell covers 2^levels pixels per side (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int levels;

    @Option(names = "--blocks", description = "Residual blocks per level (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int blocks;

    @Option(names = "--size", description = "Side of the square frames trained on (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int size;

    @Option(names = "--batch", description = "Frames per step, 4 per rendered clip (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int batch;

    @Option(names = "--lr", description = "Peak AdamW learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double lr;

    @Option(names = "--warmup", description = "Warm-up steps (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int warmup;

    @Option(names = "--subject-weight", description = "Extra squared-error weight on subject pixels (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    double subjectWeight;

    @Option(names = "--latent-noise", description = "Largest latent noise, relative to the latent std, the decoder learns to tolerate (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double latentNoise;

    @Option(names = "--seed", description = "Run seed: weights, frames, noise (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--fp32", description = "Train in float32 instead of bfloat16 autocast (0.63 s against 0.44 s a step here).")
    boolean fp32;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints, each with a held-out PSNR (default: ${DEFAULT-VALUE}).", defaultValue = "250")
    int checkpointEvery;

    @Option(names = "--keep", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int keep;

    @Option(names = "--threads", description = "libtorch threads (default: one per core, less one).")
    Integer threads;

    @Option(names = "--init", paramLabel = "DIR", description = "Start from a trained autoencoder: a model folder (e.g. models/gallop-tiny) or an autoencoder checkpoint; its shape is taken too.")
    Path init;

    @Option(names = "--decoder-only", description = "With --init: train the decoder alone; the encoder, its latents and their statistics stay, so a transformer trained on them keeps working.")
    boolean decoderOnly;

    @Option(names = "--shift-weight", paramLabel = "W", description = "Weight of a term asking a frame shifted by 1 to 7 pixels for "
            + "its latent cells moved as much, so a small move of the picture is a small change of the latents (default: ${DEFAULT-VALUE}, none).",
            defaultValue = "0")
    double shiftWeight;

    @Option(names = "--log-every", description = "Print a metrics line every N steps (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int logEvery;

    @Override public Integer call() throws IOException, InterruptedException {
        if (logEvery < 1) throw new BadInputException("--log-every " + logEvery + " is out of range; allowed: at least 1");
        WorldCommand.prepareFolder(out);
        Optional<Path> latest = new Checkpoints(out.resolve(Checkpoints.FOLDER)).latest();
        AutoencoderOptions stored = latest.map(p -> AutoencoderState.read(p.resolve(AutoencoderState.FILE)).options()).orElse(null);
        AutoencoderOptions options = options(stored);
        return GracefulStop.run("train-autoencoder", 120, stop -> train(options, stop));
    }

    private int train(AutoencoderOptions options, GracefulStop stop) throws IOException {
        try (AutoencoderTrainer trainer = AutoencoderTrainer.open(out, options)) {
            AutoencoderConfig c = options.autoencoder();
            System.out.printf(Locale.ROOT, "gallop train-autoencoder: %,d parameters, %dx%d frames to %d x %d x %d latents, batch %d, %s step %d of %d, %d threads%s%n",
                    trainer.autoencoder().parameterCount(), options.size(), options.size(), c.latentChannels(), options.size() / c.factor(),
                    options.size() / c.factor(), options.batch(), trainer.step() > 0 ? "resuming at" : "starting at", trainer.step(), options.steps(),
                    options.threads(), (options.bf16() ? ", bf16" : "") + (options.decoderOnly() ? ", the decoder only (the encoder of " + options.init() + " kept)"
                            : options.init() != null ? ", from " + options.init() : ""));
            if (trainer.step() >= options.steps()) {
                trainer.drawPictures();
                System.out.println("gallop train-autoencoder: already at step " + trainer.step() + " (pictures redrawn in " + out
                        + "); give a larger --steps to train on");
                return GallopCli.EXIT_OK;
            }
            try (ProgressBar bar = new ProgressBar("autoencoder", options.steps())) {
                bar.stepTo(trainer.step());
                int saved = trainer.step();
                while (trainer.step() < options.steps()) {
                    if (stop.requested()) {
                        if (trainer.step() > saved) checkpoint(trainer);
                        System.out.println("gallop train-autoencoder: stopped at step " + trainer.step() + "; the same command resumes from there");
                        break;
                    }
                    AutoencoderTrainer.Step s = trainer.trainStep();
                    bar.stepTo(s.step());
                    if (s.step() % logEvery == 0 || s.step() == options.steps())
                        System.out.printf(Locale.ROOT, "step %d/%d loss %.5f (mse %.5f) lr %.2e grad %.3f%s %.2f s/step ETA %s%n", s.step(), options.steps(),
                                s.loss(), s.mse(), s.learningRate(), s.gradNorm(), s.skipped() ? " (not finite: skipped)" : "", s.seconds(),
                                ProgressBar.clock(s.seconds() * (options.steps() - s.step())));
                    if (s.step() % options.checkpointEvery() == 0 || s.step() == options.steps()) {
                        checkpoint(trainer);
                        saved = s.step();
                    }
                }
            }
        }
        return GallopCli.EXIT_OK;
    }

    private static void checkpoint(AutoencoderTrainer trainer) throws IOException {
        AutoencoderTrainer.Quality q = trainer.checkpoint();
        System.out.printf(Locale.ROOT, "checkpoint %s: held-out PSNR %.2f dB, subjects %.2f dB%n",
                trainer.checkpoints().latest().orElseThrow(), q.psnr(), q.subjectPsnr());
    }

    /** Flags given on the command line win; the rest come from the checkpoint when resuming, else the defaults. */
    private AutoencoderOptions options(AutoencoderOptions stored) {
        int threadCount = threads != null ? threads : AutoencoderOptions.defaults(steps).threads();
        AutoencoderOptions fresh;
        boolean shapeGiven = given("--latent") || given("--width") || given("--levels") || given("--blocks");
        try {
            AutoencoderConfig shape = init != null && !shapeGiven ? initShape() : new AutoencoderConfig("tiny", latent, width, levels, blocks, 8);
            fresh = new AutoencoderOptions(shape, size, batch, steps, lr, warmup, subjectWeight, latentNoise, 1.0, seed, !fp32, checkpointEvery,
                    keep, threadCount, init != null ? init.toString() : stored != null ? stored.init() : null, decoderOnly, shiftWeight);  // a resumed run keeps its init
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (stored == null) return fresh;
        AutoencoderOptions s = stored;
        return new AutoencoderOptions(shapeGiven ? fresh.autoencoder() : s.autoencoder(), given("--size") ? size : s.size(),
                given("--batch") ? batch : s.batch(), given("--steps") ? steps : s.steps(), given("--lr") ? lr : s.learningRate(),
                given("--warmup") ? warmup : s.warmupSteps(), given("--subject-weight") ? subjectWeight : s.subjectWeight(),
                given("--latent-noise") ? latentNoise : s.latentNoise(), s.gradClip(), given("--seed") ? seed : s.seed(),
                given("--fp32") ? !fp32 : s.bf16(), given("--checkpoint-every") ? checkpointEvery : s.checkpointEvery(),
                given("--keep") ? keep : s.keep(), threads != null ? threads : s.threads(), given("--init") ? fresh.init() : s.init(),
                given("--decoder-only") ? decoderOnly : s.decoderOnly(), given("--shift-weight") ? shiftWeight : s.shiftWeight());
    }

    private AutoencoderConfig initShape() {
        Path file = init.resolve(ai.gallop.model.FrameAutoencoder.CONFIG_FILE);
        if (!java.nio.file.Files.isRegularFile(file))
            throw new BadInputException("--init " + init + " has no " + file.getFileName() + "; allowed: a model folder or an autoencoder checkpoint");
        return AutoencoderConfig.read(file);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
