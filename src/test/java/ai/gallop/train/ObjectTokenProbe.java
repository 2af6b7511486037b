package ai.gallop.train;

import ai.gallop.media.RgbFrame;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.Safetensors;
import ai.gallop.world.FrameTruth;
import ai.gallop.world.PixelBox;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.pixel_shuffle;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.bytedeco.pytorch.global.torch.sigmoid;
import static org.bytedeco.pytorch.global.torch.silu;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * Can a subject live in a few numbers a frame? The frame autoencoder spends 16 x 8 x 8 numbers on every frame and a
 * subject gets the few percent of them its pixels cover; this probe gives each subject its own token instead.
 *
 * <p>Each visible subject of a world frame is cut out along its shape box (the extent of its whole shape, which the
 * world knows exactly) and resampled to a {@code SIDE x SIDE} crop: its RGB, and its own label as alpha. A small
 * convolutional autoencoder squeezes the crop into {@code CODE} numbers and draws it back as RGB and alpha; the box's
 * four numbers put it back in the frame. {@code score} paints the subjects' pixels of held-out frames from the decoded
 * crops alone (nothing of the frame behind them) and compares them with the frame, beside the frame autoencoder's
 * reconstruction of the same pixels and the resampling alone (the crop itself put back); it also asks whether the
 * codes name their subject's kind and colour (nearest class mean, fitted on training crops).
 * Not a test; run by hand (docs/training.md, "One token per subject"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectTokenProbe train OUT STEPS CODE [SIDE]
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectTokenProbe score OUT [FRAME_AUTOENCODER_DIR]
 * </pre>
 */
public final class ObjectTokenProbe {
    static final int FRAME_SIDE = 64, FRAMES_PER_CLIP = 4, CLIPS_PER_STEP = 12, HELD_OUT_CLIPS = 48, FIT_CLIPS = 400;
    static final long HELD_OUT_SEED = 9_000_000L, FIT_SEED = 8_000_000L;
    private static final int INPUT_CHANNELS = 16;  // RGB and alpha, zero-padded to a whole oneDNN channel block (FrameAutoencoder.edge)
    private static final double LEARNING_RATE = 1e-3, CODE_NOISE = 0.05, GRAD_CLIP = 1.0;
    static final String WEIGHTS = "object-autoencoder.safetensors";

    private ObjectTokenProbe() {}

    /** One subject in one frame: its crop (RGB in [-1, 1], then alpha in [0, 1]), which crop cells lie inside the frame, and its truth. */
    record Crop(float[] rgba, float[] inside, PixelBox box, int label, SubjectTruth subject) {}

    /** A rendered frame with the crops of its visible subjects. */
    record Frame(RgbFrame picture, byte[] labels, List<Crop> crops) {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("train")) {
            int side = args.length > 4 ? Integer.parseInt(args[4]) : 16;
            train(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), side);
        } else if (args.length >= 2 && args[0].equals("score")) {
            score(Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : Path.of("models/gallop-tiny"));
        } else {
            System.err.println("usage: ObjectTokenProbe train OUT STEPS CODE [SIDE] | score OUT [FRAME_AUTOENCODER_DIR]");
            System.exit(2);
        }
    }

    // ---- training ----------------------------------------------------------------------------------------------

    /**
     * {@code steps} AdamW steps on the crops of 12 fresh training clips a step (4 frames each), each code perturbed by
     * Gaussian noise of 5% of the batch's code std (the decoder then tolerates a generator's small errors). Weights are
     * saved every 500 steps and at the end; a probe of minutes, so it does not resume.
     */
    static void train(Path out, int steps, int code, int side) throws IOException {
        Files.createDirectories(out);
        set_num_threads(2);
        try (ObjectAutoencoder model = new ObjectAutoencoder(code, side, 1, null);
             AdamW optimizer = new AdamW(model.parameters, 0.9, 0.99, 0)) {
            System.out.printf(Locale.ROOT, "object autoencoder: code %d, crops %dx%d, %,d weights%n", code, side, side, model.parameterCount());
            LearningRateSchedule schedule = new LearningRateSchedule(LEARNING_RATE, 100, steps, 0.1);
            long start = System.nanoTime();
            double smoothed = Double.NaN;
            for (int step = 0; step < steps; step++) {
                List<Long> seeds = new ArrayList<>();
                for (int slot = 0; slot < CLIPS_PER_STEP; slot++) seeds.add(1L + (long) step * CLIPS_PER_STEP + slot);
                List<Crop> crops = cropsOf(frames(seeds, FRAMES_PER_CLIP, side, new SplittableRandom(step)));
                if (crops.isEmpty()) continue;
                double loss;
                try (PointerScope scope = new PointerScope()) {
                    Tensor[] batch = tensors(crops, side);
                    Tensor z = model.encode(batch[0]);                                                    // [N, code]
                    Tensor noise = randn(z.shape(), new GeneratorOptional(createCPUGenerator(step))).mul(z.detach().std().mul(new Scalar(CODE_NOISE)));
                    Tensor l = loss(model.decode(z.add(noise)), batch[0], batch[1]);
                    l.backward();
                    update(model.parameters, optimizer, schedule.at(step), GRAD_CLIP);
                    loss = l.item_double();
                }
                smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
                if ((step + 1) % 50 == 0 || step + 1 == steps) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "step %d/%d  loss %.5f  %.0f s, %.0f s left%n", step + 1, steps, smoothed, seconds,
                            seconds / (step + 1) * (steps - step - 1));
                }
                if ((step + 1) % 500 == 0 || step + 1 == steps) {
                    Path partial = out.resolve(WEIGHTS + ".partial");
                    model.save(partial);
                    Files.move(partial, out.resolve(WEIGHTS), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    /** Clips the gradient's norm to {@code clip}, takes the AdamW step and zeroes the gradients. */
    static void update(Map<String, Tensor> parameters, AdamW optimizer, double learningRate, double clip) {
        try (NoGradGuard g = new NoGradGuard()) {
            double norm = 0;
            for (Tensor p : parameters.values()) norm += p.grad().square().sum().item_double();
            norm = Math.sqrt(norm);
            if (norm > clip) for (Tensor p : parameters.values()) p.grad().mul_(new Scalar(clip / (norm + 1e-6)));
        }
        optimizer.step(learningRate);
        for (Tensor p : parameters.values()) p.grad().zero_();
    }

    /**
     * Per crop cell inside the frame: the RGB error where the subject is (its alpha target) plus the alpha error; the
     * RGB the decoder draws where the subject is not is never shown, so it costs nothing.
     */
    static Tensor loss(Tensor decoded, Tensor target, Tensor inside) {
        Tensor alpha = target.narrow(1, 3, 1);                                                           // [N, 1, S, S]
        Tensor rgb = decoded.narrow(1, 0, 3).sub(target.narrow(1, 0, 3)).square().sum(new long[]{1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor coverage = decoded.narrow(1, 3, 1).sub(alpha).square();                                   // [N, 1, S, S]
        return rgb.mul(alpha).add(coverage).mul(inside).sum().div(inside.sum().clamp_min(new Scalar(1)));
    }

    // ---- scoring ------------------------------------------------------------------------------------------------

    /** Squared errors over a set of pixels, as PSNR (peak-to-peak 2, the autoencoders' convention). */
    static final class Errors {
        double sum;
        long values;

        void add(double predicted, double truth) {
            sum += (predicted - truth) * (predicted - truth);
            values++;
        }

        double psnr() { return AutoencoderTrainer.psnr(sum / Math.max(1, values)); }
    }

    /** Subject pixels painted three ways, by subject size (visible pixels): under 60, 60 to 250, over 250, and all. */
    record Scores(Errors[] tokens, Errors[] resampled, Errors[] frameAutoencoder, long[] pixels, double iou) {}

    static final int[] SIZE_LIMITS = {60, 250};
    static final String[] SIZE_NAMES = {"small (<60 px)", "medium (60-250 px)", "large (>250 px)", "all"};

    private static int sizeClass(int pixels) { return pixels < SIZE_LIMITS[0] ? 0 : pixels < SIZE_LIMITS[1] ? 1 : 2; }

    /**
     * Paints every subject pixel (label = the crop's) of the frames from its decoded crop (RGB only, no frame behind
     * it), from the crop itself (what resampling alone loses), and takes the frame autoencoder's reconstruction of the
     * same pixel; the intersection over union of the decoded alpha (above 0.5) with the subject's pixels inside its box.
     */
    static Scores score(List<Frame> frames, List<float[]> decoded, List<RgbFrame> reconstructed, int side) {
        Errors[] tokens = errors(), resampled = errors(), frameAe = errors();
        long[] pixels = new long[4];
        long intersection = 0, union = 0;
        int next = 0;
        for (int f = 0; f < frames.size(); f++) {
            Frame frame = frames.get(f);
            RgbFrame picture = frame.picture(), rebuilt = reconstructed.get(f);
            int w = picture.width(), h = picture.height(), cells = side * side;
            for (Crop crop : frame.crops()) {
                float[] sprite = decoded.get(next++);
                PixelBox b = crop.box();
                int size = sizeClass(crop.subject().pixels());
                for (int y = Math.max(0, b.y0()); y < Math.min(h, b.y1()); y++)
                    for (int x = Math.max(0, b.x0()); x < Math.min(w, b.x1()); x++) {
                        double u = (x + 0.5 - b.x0()) * side / b.width() - 0.5, v = (y + 0.5 - b.y0()) * side / b.height() - 0.5;
                        boolean subject = frame.labels()[y * w + x] == crop.label();
                        boolean drawn = bilinear(u, v, side, side, (cu, cv) -> sprite[3 * cells + cv * side + cu]) > 0.5;
                        if (subject && drawn) intersection++;
                        if (subject || drawn) union++;
                        if (!subject) continue;
                        pixels[size]++;
                        pixels[3]++;
                        for (int ch = 0; ch < 3; ch++) {
                            int plane = ch * cells, channel = ch;
                            double truth = (picture.rgb()[(y * w + x) * 3 + ch] & 0xFF) / 127.5 - 1;
                            double painted = Math.max(-1, Math.min(1, bilinear(u, v, side, side, (cu, cv) -> sprite[plane + cv * side + cu])));
                            double copied = bilinear(u, v, side, side, (cu, cv) -> crop.rgba()[plane + cv * side + cu]);
                            double autoencoded = (rebuilt.rgb()[(y * w + x) * 3 + channel] & 0xFF) / 127.5 - 1;
                            for (int k : new int[]{size, 3}) {
                                tokens[k].add(painted, truth);
                                resampled[k].add(copied, truth);
                                frameAe[k].add(autoencoded, truth);
                            }
                        }
                    }
            }
        }
        return new Scores(tokens, resampled, frameAe, pixels, intersection / (double) Math.max(1, union));
    }

    private static Errors[] errors() { return new Errors[]{new Errors(), new Errors(), new Errors(), new Errors()}; }

    /** Codes [N, code] of crops, and their decodings as float arrays (RGB then alpha planes), without gradients. */
    static float[][] codes(ObjectAutoencoder model, List<Crop> crops, List<float[]> decodedOut) {
        float[][] codes = new float[crops.size()][];
        for (int start = 0; start < crops.size(); start += 256) {
            List<Crop> chunk = crops.subList(start, Math.min(crops.size(), start + 256));
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Tensor z = model.encode(tensors(chunk, model.side)[0]);
                float[] zv = values(z);
                for (int n = 0; n < chunk.size(); n++) codes[start + n] = java.util.Arrays.copyOfRange(zv, n * model.code, (n + 1) * model.code);
                if (decodedOut != null) {
                    float[] d = values(model.decode(z));
                    int per = 4 * model.side * model.side;
                    for (int n = 0; n < chunk.size(); n++) decodedOut.add(java.util.Arrays.copyOfRange(d, n * per, (n + 1) * per));
                }
            }
        }
        return codes;
    }

    /** Share of test codes whose nearest class mean (fitted on the fit codes) is their own class. */
    static double nearestMeanAccuracy(float[][] fit, int[] fitClass, float[][] test, int[] testClass, int classes) {
        int dims = fit[0].length;
        double[][] mean = new double[classes][dims];
        int[] count = new int[classes];
        for (int n = 0; n < fit.length; n++) {
            count[fitClass[n]]++;
            for (int d = 0; d < dims; d++) mean[fitClass[n]][d] += fit[n][d];
        }
        for (int c = 0; c < classes; c++) for (int d = 0; d < dims; d++) mean[c][d] /= Math.max(1, count[c]);
        int right = 0;
        for (int n = 0; n < test.length; n++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (count[c] == 0) continue;
                double distance = 0;
                for (int d = 0; d < dims; d++) distance += (test[n][d] - mean[c][d]) * (test[n][d] - mean[c][d]);
                if (distance < bestDistance) { bestDistance = distance; best = c; }
            }
            if (best == testClass[n]) right++;
        }
        return right / (double) test.length;
    }

    static void score(Path out, Path frameAutoencoderDir) throws IOException {
        set_num_threads(2);
        try (ObjectAutoencoder model = ObjectAutoencoder.load(out.resolve(WEIGHTS));
             FrameAutoencoder frameAutoencoder = FrameAutoencoder.load(frameAutoencoderDir)) {
            int side = model.side;
            List<Frame> held = heldOut(side);
            List<Crop> heldCrops = cropsOf(held);
            List<float[]> decoded = new ArrayList<>();
            float[][] heldCodes = codes(model, heldCrops, decoded);
            List<RgbFrame> reconstructed = frameAutoencoder.reconstruct(held.stream().map(Frame::picture).toList());
            Scores scores = score(held, decoded, reconstructed, side);

            List<Long> fitSeeds = new ArrayList<>();
            for (int c = 0; c < FIT_CLIPS; c++) fitSeeds.add(FIT_SEED + c);
            List<Crop> fitCrops = cropsOf(frames(fitSeeds, FRAMES_PER_CLIP, side, new SplittableRandom(2)));
            float[][] fitCodes = codes(model, fitCrops, null);
            double kind = nearestMeanAccuracy(fitCodes, classes(fitCrops, true), heldCodes, classes(heldCrops, true), 7);
            double colour = nearestMeanAccuracy(fitCodes, classes(fitCrops, false), heldCodes, classes(heldCrops, false), 10);

            System.out.printf(Locale.ROOT, "%d held-out frames (%d clips), %d subjects; code %d + box 4 numbers a subject, crops %dx%d%n",
                    held.size(), HELD_OUT_CLIPS, heldCrops.size(), model.code, side, side);
            System.out.printf(Locale.ROOT, "%-20s %8s %14s %12s %16s%n", "subject PSNR (dB)", "pixels", "object token", "crop alone", "frame autoencoder");
            for (int k = 0; k < 4; k++)
                System.out.printf(Locale.ROOT, "%-20s %8d %14.2f %12.2f %16.2f%n", SIZE_NAMES[k], scores.pixels()[k],
                        scores.tokens()[k].psnr(), scores.resampled()[k].psnr(), scores.frameAutoencoder()[k].psnr());
            System.out.printf(Locale.ROOT, "shape: IoU of decoded alpha > 0.5 with the subject's pixels %.3f%n", scores.iou());
            System.out.printf(Locale.ROOT, "codes name their subject (nearest mean of %d fitted crops): kind %.3f (chance %.3f), colour %.3f (chance %.3f)%n",
                    fitCrops.size(), kind, 1 / 7.0, colour, 1 / 10.0);
        }
    }

    private static int[] classes(List<Crop> crops, boolean kind) {
        return crops.stream().mapToInt(c -> kind ? c.subject().kind().ordinal() : c.subject().colour().ordinal()).toArray();
    }

    static float[] values(Tensor t) {
        Tensor cpu = t.contiguous();
        float[] v = new float[Math.toIntExact(cpu.numel())];
        cpu.<FloatBuffer>createBuffer().get(v);
        return v;
    }

    // ---- crops -------------------------------------------------------------------------------------------------

    /** The visible subjects of frame {@code k}, each resampled along its shape box to a side x side crop. */
    static Frame frame(RenderedClip clip, int k, int side) {
        RgbFrame picture = clip.video().frames().get(k);
        byte[] labels = clip.labels().get(k);
        FrameTruth truth = clip.truth().frames().get(k);
        List<Crop> crops = new ArrayList<>();
        for (SubjectTruth s : truth.subjects()) {
            if (!s.visible() || s.shapeBox() == null || s.shapeBox().width() == 0 || s.shapeBox().height() == 0) continue;
            crops.add(crop(picture, labels, s.shapeBox(), s.index() + 1, s, side));
        }
        return new Frame(picture, labels, crops);
    }

    static Crop crop(RgbFrame picture, byte[] labels, PixelBox box, int label, SubjectTruth subject, int side) {
        int cells = side * side, w = picture.width(), h = picture.height();
        float[] rgba = new float[4 * cells], inside = new float[cells];
        for (int v = 0; v < side; v++)
            for (int u = 0; u < side; u++) {
                double x = box.x0() + (u + 0.5) * box.width() / side - 0.5, y = box.y0() + (v + 0.5) * box.height() / side - 0.5;
                int cell = v * side + u;
                inside[cell] = x >= -0.5 && x <= w - 0.5 && y >= -0.5 && y <= h - 0.5 ? 1f : 0f;
                for (int ch = 0; ch < 3; ch++) {
                    int channel = ch;
                    rgba[ch * cells + cell] = (float) (bilinear(x, y, w, h, (px, py) -> (picture.rgb()[(py * w + px) * 3 + channel] & 0xFF) / 127.5 - 1));
                }
                rgba[3 * cells + cell] = (float) bilinear(x, y, w, h, (px, py) -> labels[py * w + px] == label ? 1 : 0);
            }
        return new Crop(rgba, inside, box, label, subject);
    }

    interface Plane { double at(int x, int y); }

    /** Bilinear sample of a w x h plane at (x, y) in pixel-centre coordinates, the edge repeated outside. */
    static double bilinear(double x, double y, int w, int h, Plane plane) {
        double cx = Math.max(0, Math.min(w - 1, x)), cy = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(cx), y0 = (int) Math.floor(cy), x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = cx - x0, fy = cy - y0;
        return (1 - fy) * ((1 - fx) * plane.at(x0, y0) + fx * plane.at(x1, y0)) + fy * ((1 - fx) * plane.at(x0, y1) + fx * plane.at(x1, y1));
    }

    /** Paints a decoded crop (RGB planes, then alpha) over the picture inside its box, blended by its alpha. */
    static void paste(RgbFrame picture, PixelBox box, float[] sprite, int side) {
        int w = picture.width(), h = picture.height(), cells = side * side;
        for (int y = Math.max(0, box.y0()); y < Math.min(h, box.y1()); y++)
            for (int x = Math.max(0, box.x0()); x < Math.min(w, box.x1()); x++) {
                double u = (x + 0.5 - box.x0()) * side / box.width() - 0.5, v = (y + 0.5 - box.y0()) * side / box.height() - 0.5;
                double alpha = Math.max(0, Math.min(1, bilinear(u, v, side, side, (cu, cv) -> sprite[3 * cells + cv * side + cu])));
                int at = (y * w + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    int plane = ch * cells;
                    double colour = (bilinear(u, v, side, side, (cu, cv) -> sprite[plane + cv * side + cu]) + 1) * 127.5;
                    double blended = alpha * colour + (1 - alpha) * (picture.rgb()[at + ch] & 0xFF);
                    picture.rgb()[at + ch] = (byte) Math.max(0, Math.min(255, Math.round(blended)));
                }
            }
    }

    /** Frames of world clips: {@code perClip} picked at random from each clip of the given seeds. */
    static List<Frame> frames(List<Long> seeds, int perClip, int side, SplittableRandom pick) {
        SpecSampler sampler = SpecSampler.training();
        WorldRenderer renderer = new WorldRenderer();
        VideoFormat format = VideoFormat.ofSeconds(FRAME_SIDE, FRAME_SIDE, 8, 2);
        List<Frame> out = new ArrayList<>();
        for (long seed : seeds) {
            RenderedClip clip = renderer.render(sampler.sample(seed, format));
            for (int i = 0; i < perClip; i++) out.add(frame(clip, pick.nextInt(clip.video().frames().size()), side));
        }
        return out;
    }

    static List<Frame> heldOut(int side) {
        List<Long> seeds = new ArrayList<>();
        for (int c = 0; c < HELD_OUT_CLIPS; c++) seeds.add(HELD_OUT_SEED + c);
        return frames(seeds, FRAMES_PER_CLIP, side, new SplittableRandom(1));
    }

    static List<Crop> cropsOf(List<Frame> frames) {
        List<Crop> crops = new ArrayList<>();
        for (Frame f : frames) crops.addAll(f.crops());
        return crops;
    }

    /** Crops [N, 16, side, side] (RGB, alpha, zero padding) and which cells lie inside the frame [N, 1, side, side]. */
    static Tensor[] tensors(List<Crop> crops, int side) {
        int cells = side * side;
        float[] x = new float[crops.size() * INPUT_CHANNELS * cells], inside = new float[crops.size() * cells];
        for (int n = 0; n < crops.size(); n++) {
            System.arraycopy(crops.get(n).rgba(), 0, x, n * INPUT_CHANNELS * cells, 4 * cells);
            System.arraycopy(crops.get(n).inside(), 0, inside, n * cells, cells);
        }
        return new Tensor[]{Tensor.create(x, crops.size(), INPUT_CHANNELS, side, side), Tensor.create(inside, crops.size(), 1, side, side)};
    }

    // ---- the object autoencoder ----------------------------------------------------------------------------------

    /** side x side x 4 crop to {@code code} numbers and back; weights in one named map, like the project's models. */
    static final class ObjectAutoencoder implements AutoCloseable {
        final int code, side;
        final Map<String, Tensor> parameters = new LinkedHashMap<>();

        ObjectAutoencoder(int code, int side, long seed, Map<String, Tensor> loaded) {
            if (side % 4 != 0) throw new IllegalArgumentException("crop side " + side + "; allowed: a multiple of 4");
            this.code = code;
            this.side = side;
            int deep = 128 * (side / 4) * (side / 4);
            conv("enc.in", INPUT_CHANNELS, 32, 3, seed, loaded);
            conv("enc.down1", 32, 64, 4, seed, loaded);
            conv("enc.mid", 64, 64, 3, seed, loaded);
            conv("enc.down2", 64, 128, 4, seed, loaded);
            dense("enc.out", deep, code, seed, loaded);
            dense("dec.in", code, deep, seed, loaded);
            conv("dec.up2", 128, 4 * 64, 3, seed, loaded);
            conv("dec.mid", 64, 64, 3, seed, loaded);
            conv("dec.up1", 64, 4 * 32, 3, seed, loaded);
            conv("dec.out", 32, INPUT_CHANNELS, 3, seed, loaded);  // the padding channels' output is dropped
        }

        Tensor encode(Tensor x) {
            Tensor h = silu(conv(x, "enc.in", 1, 1));                                   // [N, 32, S, S]
            h = silu(conv(h, "enc.down1", 2, 1));                                       // [N, 64, S/2, S/2]
            h = silu(conv(h, "enc.mid", 1, 1));                                         // [N, 64, S/2, S/2]
            h = silu(conv(h, "enc.down2", 2, 1));                                       // [N, 128, S/4, S/4]
            return dense(h.flatten(1, -1), "enc.out");                                  // [N, code]
        }

        /** Codes to crops: RGB about [-1, 1] and alpha in (0, 1), [N, 4, S, S]. */
        Tensor decode(Tensor z) {
            Tensor h = silu(dense(z, "dec.in")).view(z.size(0), 128, side / 4, side / 4);  // [N, 128, S/4, S/4]
            h = silu(pixel_shuffle(conv(h, "dec.up2", 1, 1), 2));                         // [N, 64, S/2, S/2]
            h = silu(conv(h, "dec.mid", 1, 1));                                           // [N, 64, S/2, S/2]
            h = silu(pixel_shuffle(conv(h, "dec.up1", 1, 1), 2));                         // [N, 32, S, S]
            Tensor out = conv(h, "dec.out", 1, 1);                                         // [N, 16, S, S]
            return cat(new TensorVector(out.narrow(1, 0, 3), sigmoid(out.narrow(1, 3, 1))), 1);
        }

        long parameterCount() { return parameters.values().stream().mapToLong(Tensor::numel).sum(); }

        private Tensor conv(Tensor x, String name, int stride, int pad) {
            return conv2d(x, parameters.get(name + ".weight"), new TensorOptional(parameters.get(name + ".bias")),
                    new long[]{stride, stride}, new long[]{pad, pad}, new long[]{1, 1}, 1);
        }

        private Tensor dense(Tensor x, String name) {
            return linear(x, parameters.get(name + ".weight"), new TensorOptional(parameters.get(name + ".bias")));
        }

        private void conv(String name, int in, int out, int kernel, long seed, Map<String, Tensor> loaded) {
            parameter(name + ".weight", Math.sqrt(2.0 / (in * kernel * kernel)), seed, loaded, out, in, kernel, kernel);
            parameter(name + ".bias", 0, seed, loaded, out);
        }

        private void dense(String name, int in, int out, long seed, Map<String, Tensor> loaded) {
            parameter(name + ".weight", Math.sqrt(1.0 / in), seed, loaded, out, in);
            parameter(name + ".bias", 0, seed, loaded, out);
        }

        private void parameter(String name, double std, long seed, Map<String, Tensor> loaded, long... shape) {
            Tensor t;
            if (loaded != null) {
                t = loaded.get(name).clone();
            } else if (std > 0) {
                Generator g = createCPUGenerator(seed * 0x9E3779B97F4A7C15L + name.hashCode());
                t = empty(shape).normal_(0, std, new GeneratorOptional(g));
            } else {
                t = zeros(shape);
            }
            t.set_requires_grad(true);
            t.retainReference();
            parameters.put(name, t);
        }

        void save(Path file) throws IOException {
            Safetensors.write(file, parameters, Map.of("code", Integer.toString(code), "side", Integer.toString(side)));
        }

        static ObjectAutoencoder load(Path file) throws IOException {
            Map<String, String> meta = Safetensors.metadata(file);
            try (PointerScope scope = new PointerScope()) {
                return new ObjectAutoencoder(Integer.parseInt(meta.get("code")), Integer.parseInt(meta.get("side")), 0, Safetensors.read(file));
            }
        }

        @Override public void close() {
            parameters.values().forEach(Tensor::releaseReference);
            parameters.clear();
        }
    }
}
