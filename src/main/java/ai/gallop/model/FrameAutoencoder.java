package ai.gallop.model;

import ai.gallop.media.RgbFrame;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.constant_pad_nd;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.group_norm;
import static org.bytedeco.pytorch.global.torch.is_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.pixel_shuffle;
import static org.bytedeco.pytorch.global.torch.silu;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * A per-frame convolutional autoencoder: RGB frames to a small grid of latent vectors and back, so the
 * transformer can work on a subject as a few latent cells instead of hundreds of raw pixel values.
 *
 * <pre>
 *   encode  x [N, 3, H, W] ─conv3─ levels x (conv4 stride 2, blocks x residual) ─norm─silu─conv3─ z [N, C, H/f, W/f]
 *   decode  z ─conv3─ levels x (blocks x residual, conv3 to 4x channels, pixel shuffle) ─norm─silu─conv3─ x
 * </pre>
 *
 * <p>A residual block is GroupNorm, SiLU, 3x3 conv, twice, added to its input; its second conv starts at zero,
 * so every block starts as the identity (the probe without blocks or norms flattened at 27 dB). The latent is not
 * a variational one: the trainer perturbs it with noise instead, so the decoder tolerates the small errors a
 * generator makes. {@link #normalise} maps latents to zero mean and unit variance per channel with statistics
 * measured on world frames after training (the role of Wan's latent mean and std), the scale diffusion expects.
 *
 * <p>Weights live in one ordered, named map like {@link AudioVideoTransformer}'s; run calls inside a
 * PointerScope and {@link #close()} frees the weights.
 */
public final class FrameAutoencoder implements AutoCloseable {
    public static final String CONFIG_FILE = "autoencoder.json", WEIGHTS_FILE = "autoencoder.safetensors";
    /** Every decoder weight's name starts with it, and no encoder weight's does. */
    public static final String DECODER_PREFIX = "dec.";
    private static final double NORM_EPS = 1e-5;
    private static final int RGB_PADDING = 13;  // 3 + 13 = 16 channels, a whole oneDNN channel block

    private final AutoencoderConfig config;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> statistics = new LinkedHashMap<>();

    /** A fresh autoencoder; the same config and seed give bit-identical weights. */
    public FrameAutoencoder(AutoencoderConfig config, long seed) {
        this(config, seed, null);
    }

    private FrameAutoencoder(AutoencoderConfig config, long seed, Map<String, Tensor> loaded) {
        this.config = config;
        int latent = config.latentChannels(), deepest = config.channels(config.levels() - 1);
        conv("enc.in", 3, config.width(), 3, seed, loaded);
        for (int level = 0; level < config.levels(); level++) {
            int in = level == 0 ? config.width() : config.channels(level - 1), out = config.channels(level);
            conv("enc.down." + level, in, out, 4, seed, loaded);
            for (int b = 0; b < config.blocks(); b++) residual("enc." + level + ".block." + b, out, seed, loaded);
        }
        norm("enc.out.norm", deepest, loaded);
        conv("enc.out", deepest, latent, 3, seed, loaded);

        conv("dec.in", latent, deepest, 3, seed, loaded);
        for (int level = config.levels() - 1; level >= 0; level--) {
            int channels = config.channels(level), next = level == 0 ? config.width() : config.channels(level - 1);
            for (int b = 0; b < config.blocks(); b++) residual("dec." + level + ".block." + b, channels, seed, loaded);
            conv("dec.up." + level, channels, 4 * next, 3, seed, loaded);
        }
        norm("dec.out.norm", config.width(), loaded);
        conv("dec.out", config.width(), 3, 3, seed, loaded);

        statistics.put("latent.mean", statistic("latent.mean", loaded, 0));
        statistics.put("latent.std", statistic("latent.std", loaded, 1));
    }

    public AutoencoderConfig config() { return config; }

    /** Trainable weights by name, in a fixed order. */
    public Map<String, Tensor> namedParameters() { return Collections.unmodifiableMap(parameters); }

    public long parameterCount() { return parameters.values().stream().mapToLong(Tensor::numel).sum(); }

    /** Frames in [-1, 1] to raw latents. */
    public Tensor encode(Tensor x) {
        requireFrames(x);
        Tensor h = edge(x, "enc.in");                                               // [N, w, H, W]
        for (int level = 0; level < config.levels(); level++) {
            h = conv(h, "enc.down." + level, 2, 1);                                       // [N, w 2^l, H / 2^(l+1), W / 2^(l+1)]
            for (int b = 0; b < config.blocks(); b++) h = residual(h, "enc." + level + ".block." + b);
        }
        return conv(silu(norm(h, "enc.out.norm")), "enc.out", 1, 1);                     // [N, C, H / f, W / f]
    }

    /** Raw latents to frames (unclamped; about [-1, 1]). */
    public Tensor decode(Tensor z) {
        long[] s = z.shape();
        if (s.length != 4 || s[1] != config.latentChannels())
            throw new IllegalArgumentException("latents have shape " + Arrays.toString(s) + "; expected [N, " + config.latentChannels() + ", h, w]");
        Tensor h = conv(z, "dec.in", 1, 1);                                               // [N, w 2^(L-1), h, w]
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int b = 0; b < config.blocks(); b++) h = residual(h, "dec." + level + ".block." + b);
            h = pixel_shuffle(conv(h, "dec.up." + level, 1, 1), 2);                       // [N, channels of the level above, 2h, 2w]
        }
        return edge(silu(norm(h, "dec.out.norm")), "dec.out");                      // [N, 3, H, W]
    }

    /**
     * Frames encoded and decoded as a latent model's frames are (bfloat16 autocast, no noise): what a perfect latent
     * model could at best give back.
     */
    public List<RgbFrame> reconstruct(List<RgbFrame> frames) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor latents = Autocast.bfloat16(() -> encode(pixels(frames)));                // [F, C, h, w]
            return frames(Autocast.bfloat16(() -> decode(latents)).to(ScalarType.Float));
        }
    }

    /** Raw latents to zero mean, unit variance per channel (what the transformer sees). */
    public Tensor normalise(Tensor z) {
        return z.sub(channelView(statistics.get("latent.mean"))).div(channelView(statistics.get("latent.std")));
    }

    public Tensor denormalise(Tensor z) {
        return z.mul(channelView(statistics.get("latent.std"))).add(channelView(statistics.get("latent.mean")));
    }

    /** Sets the per-channel latent statistics from a sample of raw latents [N, C, h, w]. */
    public void calibrate(Tensor latents) {
        long c = config.latentChannels();
        Tensor perChannel = latents.detach().transpose(0, 1).reshape(c, -1);              // [C, N h w]
        replaceStatistic("latent.mean", perChannel.mean(new long[]{1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        replaceStatistic("latent.std", perChannel.std(new long[]{1}, true, false).clamp_min(new Scalar(1e-4)));
    }

    /** The per-channel statistics {@link #normalise} uses, as Java arrays (mean, then std). */
    public float[][] latentStatistics() {
        return new float[][]{values(statistics.get("latent.mean")), values(statistics.get("latent.std"))};
    }

    /** RGB frames of one size to a [N, 3, H, W] tensor in [-1, 1]. */
    public static Tensor pixels(List<RgbFrame> frames) {
        int w = frames.getFirst().width(), h = frames.getFirst().height(), plane = w * h;
        float[] v = new float[frames.size() * 3 * plane];
        for (int n = 0; n < frames.size(); n++) {
            RgbFrame f = frames.get(n);
            if (f.width() != w || f.height() != h)
                throw new IllegalArgumentException("frames differ in size: " + w + "x" + h + " and " + f.width() + "x" + f.height());
            byte[] rgb = f.rgb();
            for (int p = 0; p < plane; p++)
                for (int ch = 0; ch < 3; ch++) v[(n * 3 + ch) * plane + p] = (rgb[p * 3 + ch] & 0xFF) / 127.5f - 1f;
        }
        return Tensor.create(v, frames.size(), 3, h, w);                                 // [N, 3, H, W]
    }

    /** [N, 3, H, W] in about [-1, 1] back to 8-bit frames (rounded, clamped). */
    public static List<RgbFrame> frames(Tensor x) {
        long[] s = x.shape();
        int n = (int) s[0], h = (int) s[2], w = (int) s[3], plane = w * h;
        float[] v = values(x);
        List<RgbFrame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RgbFrame f = RgbFrame.blank(w, h);
            for (int p = 0; p < plane; p++)
                for (int ch = 0; ch < 3; ch++)
                    f.rgb()[p * 3 + ch] = (byte) Math.max(0, Math.min(255, Math.round((v[(i * 3 + ch) * plane + p] + 1f) * 127.5f)));
            out.add(f);
        }
        return out;
    }

    /** Writes autoencoder.json and autoencoder.safetensors into a folder (made if missing), both or neither. */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (var files = new ai.gallop.media.AtomicFiles()) {
            files.add(folder.resolve(CONFIG_FILE), f -> Files.writeString(f, config.toJson(), StandardCharsets.UTF_8));
            files.add(folder.resolve(WEIGHTS_FILE), this::writeWeights);
            files.commit();
        }
    }

    /** Weights and latent statistics as one safetensors file. */
    public void writeWeights(Path file) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>(parameters);
        all.putAll(statistics);
        Safetensors.write(file, all, Map.of("format", "pt", "gallop.autoencoder", config.name()));
    }

    public static FrameAutoencoder load(Path folder) throws IOException {
        Path configFile = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) throw new IOException("cannot load autoencoder: " + configFile + " does not exist");
        AutoencoderConfig config = AutoencoderConfig.read(configFile);
        try (var scope = new org.bytedeco.javacpp.PointerScope()) {  // frees the file's tensors once copied
            return new FrameAutoencoder(config, 0, Safetensors.read(folder.resolve(WEIGHTS_FILE)));
        }
    }

    @Override public void close() {
        parameters.values().forEach(Tensor::releaseReference);
        statistics.values().forEach(Tensor::releaseReference);
        parameters.clear();
        statistics.clear();
    }

    private void requireFrames(Tensor x) {
        long[] s = x.shape();
        int f = config.factor();
        if (s.length != 4 || s[1] != 3)
            throw new IllegalArgumentException("frames have shape " + Arrays.toString(s) + "; expected [N, 3, H, W]");
        if (s[2] % f != 0 || s[3] % f != 0)
            throw new IllegalArgumentException("frame size " + s[3] + "x" + s[2] + " is not a multiple of " + f
                    + "; allowed: sides divisible by the autoencoder's factor " + f);
    }

    /**
     * The 3x3 convolutions from and to the 3 RGB channels, with the RGB side zero-padded to 16 channels (the same
     * function and weight shapes) and in float32. oneDNN stores channels in blocks of 16; with 3 channels the
     * block's padding came from recycled memory, and its backward pass then returned NaN gradients with a finite
     * loss: under bfloat16 autocast in 32 of 40 steps on world frames, in float32 in 3 of 20 identical steps of a
     * small shape (0 of 20 with oneDNN off, 0 of 40 with this padding). The same holds for any partial block,
     * hence {@link AutoencoderConfig}'s multiples of 16.
     */
    private Tensor edge(Tensor x, String name) {
        boolean autocast = is_autocast_enabled(DeviceType.CPU);
        if (autocast) set_autocast_enabled(DeviceType.CPU, false);
        try {
            Tensor w = parameters.get(name + ".weight"), b = parameters.get(name + ".bias");
            boolean fromRgb = w.size(1) == 3;
            Tensor h = x.to(ScalarType.Float);
            if (fromRgb) {
                h = constant_pad_nd(h, new long[]{0, 0, 0, 0, 0, RGB_PADDING}, new Scalar(0));                 // [N, 16, H, W]
                w = constant_pad_nd(w, new long[]{0, 0, 0, 0, 0, RGB_PADDING}, new Scalar(0));                 // [out, 16, 3, 3]
            } else {
                w = constant_pad_nd(w, new long[]{0, 0, 0, 0, 0, 0, 0, RGB_PADDING}, new Scalar(0));           // [16, in, 3, 3]
                b = constant_pad_nd(b, new long[]{0, RGB_PADDING}, new Scalar(0));                           // [16]
            }
            Tensor out = conv2d(h, w, new TensorOptional(b), new long[]{1, 1}, new long[]{1, 1}, new long[]{1, 1}, 1);
            return fromRgb ? out : out.narrow(1, 0, 3);                                                     // [N, 3, H, W]
        } finally {
            if (autocast) set_autocast_enabled(DeviceType.CPU, true);
        }
    }

    private Tensor residual(Tensor x, String name) {
        Tensor h = conv(silu(norm(x, name + ".norm1")), name + ".conv1", 1, 1);
        h = conv(silu(norm(h, name + ".norm2")), name + ".conv2", 1, 1);
        return x.add(h);
    }

    private Tensor norm(Tensor x, String name) {
        return group_norm(x, config.groups(), new TensorOptional(parameters.get(name + ".weight")),
                new TensorOptional(parameters.get(name + ".bias")), NORM_EPS, false);
    }

    /** Convolution with padding {@code pad}: 3x3 keeps the size, 4x4 with stride 2 halves it. */
    private Tensor conv(Tensor x, String name, int stride, int pad) {
        return conv2d(x, parameters.get(name + ".weight"), new TensorOptional(parameters.get(name + ".bias")),
                new long[]{stride, stride}, new long[]{pad, pad}, new long[]{1, 1}, 1);
    }

    private void residual(String name, int channels, long seed, Map<String, Tensor> loaded) {
        norm(name + ".norm1", channels, loaded);
        conv(name + ".conv1", channels, channels, 3, seed, loaded);
        norm(name + ".norm2", channels, loaded);
        parameter(name + ".conv2.weight", 0, seed, loaded, channels, channels, 3, 3);     // zero: the block starts as the identity
        parameter(name + ".conv2.bias", 0, seed, loaded, channels);
    }

    private void conv(String name, int in, int out, int kernel, long seed, Map<String, Tensor> loaded) {
        parameter(name + ".weight", Math.sqrt(1.0 / (in * kernel * kernel)), seed, loaded, out, in, kernel, kernel);
        parameter(name + ".bias", 0, seed, loaded, out);
    }

    private void norm(String name, int channels, Map<String, Tensor> loaded) {
        parameter(name + ".weight", -1, 0, loaded, channels);
        parameter(name + ".bias", 0, 0, loaded, channels);
    }

    /** std > 0: normal draws from a generator seeded by (seed, name); 0: zeros; -1: ones. */
    private void parameter(String name, double std, long seed, Map<String, Tensor> loaded, long... shape) {
        Tensor t;
        if (loaded != null) {
            t = stored(name, loaded, shape);
        } else if (std > 0) {
            Generator g = createCPUGenerator(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            t = empty(shape).normal_(0, std, new GeneratorOptional(g));
        } else {
            t = std == 0 ? zeros(shape) : ones(shape);
        }
        t.set_requires_grad(true);
        t.retainReference();
        parameters.put(name, t);
    }

    private Tensor statistic(String name, Map<String, Tensor> loaded, double fresh) {
        Tensor t = loaded != null ? stored(name, loaded, config.latentChannels()) : zeros(config.latentChannels()).add_(new Scalar(fresh));
        t.retainReference();
        return t;
    }

    private void replaceStatistic(String name, Tensor value) {
        Tensor t = Tensors.toCpuFloat(value).clone();
        t.retainReference();
        statistics.put(name, t).releaseReference();
    }

    private Tensor stored(String name, Map<String, Tensor> loaded, long... shape) {
        Tensor t = loaded.get(name);
        if (t == null) throw new IllegalArgumentException("autoencoder weights lack '" + name + "'; allowed: weights of the same config");
        if (!Arrays.equals(t.shape(), shape))
            throw new IllegalArgumentException("autoencoder weight '" + name + "' has shape " + Tensors.shape(t) + "; expected " + Arrays.toString(shape));
        return Tensors.toCpuFloat(t).clone();
    }

    private static Tensor channelView(Tensor v) { return v.view(1, -1, 1, 1); }

    private static float[] values(Tensor t) {
        Tensor cpu = Tensors.toCpuFloat(t);
        float[] v = new float[Math.toIntExact(cpu.numel())];
        cpu.<FloatBuffer>createBuffer().get(v);
        return v;
    }
}
