package ai.gallop.model;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.constant_pad_nd;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.embedding;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.gelu;
import static org.bytedeco.pytorch.global.torch.is_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.rms_norm;
import static org.bytedeco.pytorch.global.torch.scaled_dot_product_attention;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.silu;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * The unified audio-video transformer: text, reference-image, edit-source, video and audio tokens in ONE
 * sequence, self-attention over all of them, no cross-attention (HappyHorse's single stream).
 *
 * <pre>
 *   text bytes ─embed─encoder─┬─ mean of each s ─┐
 *                             └─ mean ────────────│──────────────────┐
 *   image patches ─in─────────────────────────────┤                 per-token t ─sinusoid─MLP─┐
 *   edit source patches ─video in─────────────────┤                                           │
 *   video patches ─in (+ source patch ─skip) ─────┼─ x [B, N, d]    pooled text ─linear───────┴─ c [B, N, d]
 *   audio patches ─in (+ source sound ─skip) ─────┘      │            c ─ adaLN (shift, scale, gate) of every block
 *   (encoder: pre-norm self-attention over the caption alone; s = textStride encoded bytes per sequence token;
 *    with a word table each byte's embedding also gets its word's row, the pair is RMS-normalised, and the pooled
 *    text adds sqrt(d) times the mean of the caption's word rows)
 *        k modality-specific blocks   (norms, q/k/v/gate, out, MLP, modulation table per stream)
 *        m shared blocks              (one weight set; attention is always over all N tokens)
 *        k modality-specific blocks
 *        final adaLN norm ─ zero-initialised heads ─ x0 for video [B, Lv, pv] and audio [B, La, pa]
 *   (with a semantic head, the video tokens after the lower half of the stack also go through an RMS norm and one
 *    linear map to logits of what their clean pixels show [B, Lv, S]; training asks for them, sampling never reads them)
 * </pre>
 *
 * <p>Block (Wan2.1's, plus gated attention):
 * h = rms(x)(1 + scale) + shift; q, k, v, g = h W; q, k RMS-normalised per head and rotated (RoPE);
 * o = attention(q, k, v) * 2 sigmoid(g) per head; x += gate * o W_out; then the same adaLN around a
 * GELU MLP. The six modulation vectors come, as in Wan2.2, from ONE shared projection of the
 * per-token conditioning c plus a learned per-layer table, so per-token timesteps (clean condition
 * tokens at t = 0) cost one 6d x d matmul per token, not one per layer. Projection and tables start
 * at zero (adaLN-Zero: every block starts as the identity), the attention gate's weights start at
 * zero (gate = 1), and the output heads start at zero (prediction 0).
 *
 * <p>Why plain tensors and not a libtorch {@code Module}: through JavaCPP a Java subclass of Module
 * gains nothing the forward pass can use (forward is Java code either way), while its parameter
 * registry hides names behind native dictionaries whose order and lifetime we would have to manage
 * anyway. Here every weight is a leaf tensor in one ordered, named map: the forward pass reads like
 * nanoGPT, the optimiser gets {@link #parameters()}, and safetensors I/O is a loop over the map.
 *
 * <p>Memory: run each step inside an {@code org.bytedeco.javacpp.PointerScope}; every temporary of
 * the step is freed when the scope closes. The weights are retained by this object and freed by
 * {@link #close()}.
 */
public final class AudioVideoTransformer implements AutoCloseable {
    private static final double EPS = 1e-6;

    private final ModelConfig config;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private FrameAutoencoder autoencoder;

    // input projections
    private final Tensor textEmbed, textWords, imageInW, imageInB, videoInW, videoInB, audioInW, audioInB;
    // an edit's source added to the input of the token it becomes (ModelConfig.sourceSkip), or null
    private final Tensor sourceVideoW, sourceAudioW;
    // text encoder: pre-norm self-attention layers over the caption's bytes alone, then a final norm
    private final List<TextLayer> textLayers = new ArrayList<>();
    private final Tensor textNorm;
    // conditioning: timestep MLP, pooled text, shared adaLN projection
    private final Tensor timeW1, timeB1, timeW2, timeB2, poolW, poolB, modW, modB;
    private final List<Block> blocks = new ArrayList<>();
    // the rotary angles of the last layout seen: a sampler's passes (two threads at once with guidance) share one
    private volatile Rope.Angles lastAngles;
    // final adaLN and the x0 heads
    private final Tensor finalModW, finalModB, videoOutW, videoOutB, audioOutW, audioOutB;
    // what each video token's clean pixels show, read from the middle of the stack (ModelConfig.semanticLabels), or null
    private final Tensor semanticW, semanticB;

    /** Weights of one block for one stream (or for all tokens in a shared block). */
    private record Weights(Tensor modulation, Tensor qkvgW, Tensor qkvgB, Tensor qNorm, Tensor kNorm,
                           Tensor outW, Tensor outB, Tensor fc1W, Tensor fc1B, Tensor fc2W, Tensor fc2B) {}

    /** One text-encoder layer (no modulation: the caption is always clean). */
    private record TextLayer(Tensor norm1, Tensor qkvW, Tensor qkvB, Tensor qNorm, Tensor kNorm, Tensor outW, Tensor outB,
                             Tensor norm2, Tensor fc1W, Tensor fc1B, Tensor fc2W, Tensor fc2B) {}

    /** A block: one weight set when shared, one per {@link Modality.Stream} when modality-specific. */
    private record Block(boolean specific, Map<Modality.Stream, Weights> weights) {}

    /** How a parameter starts; every random one draws from its own generator seeded by (seed, name). */
    private sealed interface Init permits Normal, Constant {}

    /** Normal(0, std), with the last {@code zeroRows} output rows zero (the attention gate: 2 sigmoid(0) = 1). */
    private record Normal(double std, long zeroRows) implements Init {
        Normal(double std) { this(std, 0); }
    }

    private record Constant(double value) implements Init {}

    private static final Init ZERO = new Constant(0), ONE = new Constant(1);

    /** A freshly initialised model; the same config and seed give bit-identical weights. */
    public AudioVideoTransformer(ModelConfig config, long seed) {
        this(config, seed, null);
    }

    private AudioVideoTransformer(ModelConfig config, long seed, Map<String, Tensor> loaded) {
        this.config = config;
        int d = config.width(), hidden = config.mlpRatio() * d, qkvg = 3 * d + config.heads();
        Init in = new Normal(0.02), residualOut = new Normal(0.02 / Math.sqrt(2.0 * config.layers()));
        Source p = (name, init, shape) -> parameter(name, init, seed, loaded, shape);

        textEmbed = p.make("text.embed", in, config.textVocabulary(), d);
        // zero at the start, so a model grown a table (withTextWords) keeps its predictions
        textWords = config.textWordBuckets() == 0 ? null : p.make("text.words", ZERO, config.textWordBuckets(), d);
        Init textOut = new Normal(0.02 / Math.sqrt(2.0 * Math.max(1, config.textLayers())));
        for (int l = 0; l < config.textLayers(); l++) {
            String at = "text.encoder." + l + ".";
            textLayers.add(new TextLayer(p.make(at + "norm1", ONE, d),
                    p.make(at + "qkv.weight", new Normal(0.02), 3L * d, d), p.make(at + "qkv.bias", ZERO, 3L * d),
                    p.make(at + "q_norm", ONE, config.headDim()), p.make(at + "k_norm", ONE, config.headDim()),
                    p.make(at + "out.weight", textOut, d, d), p.make(at + "out.bias", ZERO, d),
                    p.make(at + "norm2", ONE, d),
                    p.make(at + "fc1.weight", in, hidden, d), p.make(at + "fc1.bias", ZERO, hidden),
                    p.make(at + "fc2.weight", textOut, d, hidden), p.make(at + "fc2.bias", ZERO, d)));
        }
        textNorm = config.textLayers() == 0 ? null : p.make("text.encoder.norm", ONE, d);
        imageInW = p.make("image.in.weight", fanIn(config.imagePatchDim()), d, config.imagePatchDim());
        imageInB = p.make("image.in.bias", ZERO, d);
        videoInW = p.make("video.in.weight", fanIn(config.videoPatchDim()), d, config.videoPatchDim());
        videoInB = p.make("video.in.bias", ZERO, d);
        audioInW = p.make("audio.in.weight", fanIn(config.audioPatchDim()), d, config.audioPatchDim());
        audioInB = p.make("audio.in.bias", ZERO, d);
        // zero at the start, so a model grown the skip (withSourceSkip) keeps its predictions
        sourceVideoW = config.sourceSkip() ? p.make("source.video.weight", ZERO, d, config.videoPatchDim()) : null;
        sourceAudioW = config.sourceSkip() ? p.make("source.audio.weight", ZERO, d, config.audioPatchDim()) : null;

        timeW1 = p.make("time.fc1.weight", fanIn(ModelConfig.TIME_FEATURES), d, ModelConfig.TIME_FEATURES);
        timeB1 = p.make("time.fc1.bias", ZERO, d);
        timeW2 = p.make("time.fc2.weight", fanIn(d), d, d);
        timeB2 = p.make("time.fc2.bias", ZERO, d);
        poolW = p.make("text.pool.weight", fanIn(d), d, d);
        poolB = p.make("text.pool.bias", ZERO, d);
        modW = p.make("modulation.weight", ZERO, 6L * d, d);
        modB = p.make("modulation.bias", ZERO, 6L * d);

        for (int l = 0; l < config.layers(); l++) {
            boolean specific = config.isSpecific(l);
            Map<Modality.Stream, Weights> sets = new EnumMap<>(Modality.Stream.class);
            for (Modality.Stream s : specific ? Modality.Stream.values() : new Modality.Stream[]{Modality.Stream.TEXT}) {
                String at = "blocks." + l + "." + (specific ? s.id() : "shared") + ".";
                sets.put(s, new Weights(
                        p.make(at + "modulation", ZERO, 6L * d),
                        p.make(at + "qkvg.weight", new Normal(0.02, config.heads()), qkvg, d), p.make(at + "qkvg.bias", ZERO, qkvg),
                        p.make(at + "q_norm", ONE, config.headDim()), p.make(at + "k_norm", ONE, config.headDim()),
                        p.make(at + "out.weight", residualOut, d, d), p.make(at + "out.bias", ZERO, d),
                        p.make(at + "fc1.weight", in, hidden, d), p.make(at + "fc1.bias", ZERO, hidden),
                        p.make(at + "fc2.weight", residualOut, d, hidden), p.make(at + "fc2.bias", ZERO, d)));
            }
            blocks.add(new Block(specific, sets));
        }

        finalModW = p.make("final.modulation.weight", ZERO, 2L * d, d);
        finalModB = p.make("final.modulation.bias", ZERO, 2L * d);
        videoOutW = p.make("video.out.weight", ZERO, config.videoPatchDim(), d);
        videoOutB = p.make("video.out.bias", ZERO, config.videoPatchDim());
        audioOutW = p.make("audio.out.weight", ZERO, config.audioPatchDim(), d);
        audioOutB = p.make("audio.out.bias", ZERO, config.audioPatchDim());
        // zero at the start like the skip; it feeds no prediction, so growing it (withSemanticHead) changes none
        semanticW = config.semanticLabels() == 0 ? null : p.make("semantic.weight", ZERO, config.semanticLabels(), d);
        semanticB = config.semanticLabels() == 0 ? null : p.make("semantic.bias", ZERO, config.semanticLabels());

        if (loaded != null && loaded.size() != parameters.size()) {
            List<String> extra = loaded.keySet().stream().filter(k -> !parameters.containsKey(k)).sorted().toList();
            throw new IllegalArgumentException("weights hold " + extra.size() + " tensors this " + config.name()
                    + " model does not have, e.g. '" + extra.getFirst() + "'; allowed: exactly the model's " + parameters.size() + " tensors");
        }
    }

    @FunctionalInterface
    private interface Source {
        Tensor make(String name, Init init, long... shape);
    }

    private static Init fanIn(int inputs) { return new Normal(1 / Math.sqrt(inputs)); }

    private Tensor parameter(String name, Init init, long seed, Map<String, Tensor> loaded, long... shape) {
        Tensor t;
        if (loaded != null) {
            t = loaded.get(name);
            if (t == null)
                throw new IllegalArgumentException("weights lack '" + name + "'; allowed: a checkpoint of the same " + config.name() + " config");
            if (!Arrays.equals(t.shape(), shape))
                throw new IllegalArgumentException("weight '" + name + "' has shape " + Tensors.shape(t) + "; expected " + Arrays.toString(shape));
            t = Tensors.toCpuFloat(t).clone();
        } else if (init instanceof Normal(double std, long zeroRows)) {
            Generator g = createCPUGenerator(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            t = empty(shape).normal_(0, std, new GeneratorOptional(g));
            if (zeroRows > 0) t.narrow(0, shape[0] - zeroRows, zeroRows).zero_();
        } else {
            t = zeros(shape).add_(new Scalar(((Constant) init).value()));
        }
        t.set_requires_grad(true);
        t.retainReference();  // lives past any PointerScope the constructor runs in, until close()
        parameters.put(name, t);
        return t;
    }

    public ModelConfig config() { return config; }

    /** Every weight by name, in creation order (the order safetensors and the optimiser see). */
    public Map<String, Tensor> namedParameters() { return Collections.unmodifiableMap(parameters); }

    /** The weights for an optimiser. */
    public TensorVector parameters() { return new TensorVector(parameters.values().toArray(Tensor[]::new)); }

    public long parameterCount() { return parameters.values().stream().mapToLong(Tensor::numel).sum(); }

    /**
     * Stores every linear's weight and bias (the tensors named {@code *.weight} and {@code *.bias}; nothing else reads
     * them) in {@code type}, for generation under autocast to that type. Autocast would otherwise cast them again in
     * every model evaluation, since {@link Autocast} clears its cast cache after each: 12 million values a pass for
     * gallop-tiny. It rounds as autocast does, so the outputs keep their bytes. For generation only: the model cannot
     * be trained or saved in float32 afterwards.
     */
    public void storeLinearWeightsAs(ScalarType type) {
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();
             org.bytedeco.pytorch.NoGradGuard noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            for (Map.Entry<String, Tensor> p : parameters.entrySet())
                if (p.getKey().endsWith(".weight") || p.getKey().endsWith(".bias"))
                    p.getValue().__dispatch_set_data(p.getValue().to(type));
        }
    }

    // ------------------------------------------------------------------------------------ forward

    /** Predicts clean video (and audio) tokens. Run it inside a PointerScope; see the class comment. */
    public ModelOutput forward(ModelInput in) {
        return forward(in, encodeCaption(in.text()));
    }

    /**
     * As {@link #forward(ModelInput)} with the caption already read by {@link #encodeCaption} from {@code in.text()}:
     * a sampler's captions stay the same over all its steps, so it reads them once.
     */
    public ModelOutput forward(ModelInput in, EncodedCaption caption) {
        TokenLayout layout = in.layout();
        int d = config.width();
        long b = in.batch(), n = layout.tokens();
        checkShapes(in, b);
        if (caption.tokens().size(0) != b || caption.tokens().size(1) != layout.count(Modality.TEXT))
            throw new IllegalArgumentException("encoded caption has " + caption.tokens().size(0) + " x " + caption.tokens().size(1)
                    + " tokens; the input expects " + b + " x " + layout.count(Modality.TEXT));

        // 1. every modality into one sequence; the caption read by its encoder
        List<Tensor> parts = new ArrayList<>();
        parts.add(caption.tokens());                                                       // [B, Lt, d]
        if (layout.count(Modality.IMAGE) > 0) parts.add(linear(in.image(), imageInW, new TensorOptional(imageInB)));  // [B, Li, d]
        EditSource source = layout.count(Modality.SOURCE) > 0 ? in.source() : null;
        if (source != null) parts.add(linear(source.video(), videoInW, new TensorOptional(videoInB)));  // [B, Lv, d]
        Tensor videoIn = linear(in.video(), videoInW, new TensorOptional(videoInB));        // [B, Lv, d]
        if (source != null && sourceVideoW != null) videoIn = videoIn.add(linear(source.video(), sourceVideoW));  // [B, Lv, d]
        parts.add(videoIn);
        if (layout.count(Modality.AUDIO) > 0) {
            Tensor audioIn = linear(in.audio(), audioInW, new TensorOptional(audioInB));    // [B, La, d]
            if (source != null && sourceAudioW != null) audioIn = audioIn.add(linear(source.audio(), sourceAudioW));  // [B, La, d]
            parts.add(audioIn);
        }
        Tensor x = cat(new TensorVector(parts.toArray(Tensor[]::new)), 1);                 // [B, N, d]

        // 2. per-token conditioning: timestep embedding plus the pooled caption
        List<Tensor> times = new ArrayList<>();
        times.add(zeros(b, layout.start(Modality.VIDEO)));                                 // [B, Lt + Li + Ls] clean
        times.add(in.videoTime());                                                         // [B, Lv]
        if (layout.count(Modality.AUDIO) > 0) times.add(in.audioTime());                   // [B, La]
        Tensor t = cat(new TensorVector(times.toArray(Tensor[]::new)), 1);                 // [B, N]
        // A clip's tokens share a few times (0 for the caption and clean conditions, t for the rest), so the
        // conditioning runs once per distinct (clip, time) row and is gathered back to the tokens.
        Conditioning rows = Conditioning.of(t);
        Tensor tu = rows.times().unsqueeze(0);                                             // [1, U]
        Tensor cu = linear(silu(linear(timeFeatures(tu), timeW1, new TensorOptional(timeB1))), timeW2, new TensorOptional(timeB2))
                .squeeze(0);                                                               // [U, d]
        cu = cu.add(linear(caption.pooled(), poolW, new TensorOptional(poolB)).index_select(0, rows.clips()));  // [U, d]
        Tensor mod = linear(silu(cu), modW, new TensorOptional(modB));                     // [U, 6d]
        Tensor finalMod = linear(silu(cu), finalModW, new TensorOptional(finalModB));     // [U, 2d]
        Tensor textMask = caption.mask();                                                  // [B, Lt] bool

        // 3. positions and the padding mask (true = may attend); no mask when no caption is padded
        if (layout.placedItems() > 0 && layout.placedItems() != b)
            throw new IllegalArgumentException("the layout places the video of " + layout.placedItems() + " batch items; the batch has " + b);
        Rope.Angles angles = lastAngles;
        if (angles == null || angles.layout() != layout) lastAngles = angles = Rope.angles(config, layout);
        Tensor[] rope = angles.tables();                                                   // 2 x [1 or B, 1, N, D]
        Tensor attnMask = null;
        if (!textMask.all().item_bool()) {
            Tensor rest = org.bytedeco.pytorch.global.torch.ones(new long[]{b, n - textMask.size(1)},
                    new org.bytedeco.pytorch.TensorOptions(org.bytedeco.pytorch.global.torch.ScalarType.Bool));
            attnMask = cat(new TensorVector(textMask, rest), 1).view(b, 1, 1, n);          // [B, 1, 1, N]
        }

        // 4. the sandwich
        List<TokenLayout.Segment> streams = layout.streamSegments();
        List<TokenLayout.Segment> everything = List.of(new TokenLayout.Segment(Modality.Stream.TEXT, 0, (int) n));
        Tensor semantic = null;
        for (int l = 0; l < blocks.size(); l++) {
            Block block = blocks.get(l);
            x = block(block, x, rows, mod, rope, attnMask, block.specific() ? streams : everything);
            if (semanticW != null && l == semanticLayer(config))
                semantic = linear(norm(x.narrow(1, layout.start(Modality.VIDEO), layout.count(Modality.VIDEO))), semanticW,
                        new TensorOptional(semanticB));                                       // [B, Lv, S]
        }

        // 5. final adaLN and the x0 heads, on the generated modalities only
        Tensor video = head(x, rows, finalMod, layout.start(Modality.VIDEO), layout.count(Modality.VIDEO), videoOutW, videoOutB);  // [B, Lv, pv]
        Tensor audio = layout.count(Modality.AUDIO) == 0 ? null
                : head(x, rows, finalMod, layout.start(Modality.AUDIO), layout.count(Modality.AUDIO), audioOutW, audioOutB);         // [B, La, pa]
        return new ModelOutput(video, audio, semantic);
    }

    /**
     * The block whose output the semantic head reads: the last of the stack's lower half. REPA (Yu et al., 2024)
     * aligned an early-middle layer of a diffusion transformer with what a clean picture shows; the layers above it
     * stay free to turn that into the prediction.
     */
    public static int semanticLayer(ModelConfig config) {
        return Math.max(0, config.layers() / 2 - 1);
    }

    /** One block; mod [U, 6d] holds the shared modulation of each conditioning row, to which the block adds its own table. */
    private Tensor block(Block block, Tensor x, Conditioning rows, Tensor mod, Tensor[] rope, Tensor attnMask, List<TokenLayout.Segment> segments) {
        int d = config.width(), heads = config.heads(), dh = config.headDim(), count = segments.size();
        long b = x.size(0), n = x.size(1);
        Tensor[] xs = new Tensor[count], q = new Tensor[count], k = new Tensor[count], v = new Tensor[count], g = new Tensor[count];
        TensorVector[] m = new TensorVector[count];
        for (int s = 0; s < count; s++) {
            TokenLayout.Segment seg = segments.get(s);
            Weights w = block.weights().get(seg.stream());
            long len = seg.length();
            xs[s] = x.narrow(1, seg.start(), len);                                            // [B, n, d]
            m[s] = rows.gather(mod.add(w.modulation()), b, n, seg.start(), (int) len).chunk(6, 2);  // 6 x [B, n or 1, d]
            Tensor h = modulate(norm(xs[s]), m[s].get(0), m[s].get(1));                       // [B, n, d]
            Tensor qkvg = linear(h, w.qkvgW(), new TensorOptional(w.qkvgB()));                // [B, n, 3d + H]
            q[s] = headNorm(qkvg.narrow(2, 0, d).reshape(b, len, heads, dh), w.qNorm());      // [B, n, H, D]
            k[s] = headNorm(qkvg.narrow(2, d, d).reshape(b, len, heads, dh), w.kNorm());      // [B, n, H, D]
            v[s] = qkvg.narrow(2, 2L * d, d).reshape(b, len, heads, dh);                      // [B, n, H, D]
            g[s] = qkvg.narrow(2, 3L * d, heads);                                             // [B, n, H]
        }
        Tensor qa = Rope.apply(joined(q).transpose(1, 2), rope);                              // [B, H, N, D]
        Tensor ka = Rope.apply(joined(k).transpose(1, 2), rope);                              // [B, H, N, D]
        Tensor va = joined(v).transpose(1, 2);                                                // [B, H, N, D]
        Tensor o = attention(qa, ka, va, attnMask);                                           // [B, H, N, D]
        Tensor gate = joined(g).sigmoid().mul(new Scalar(2.0)).unsqueeze(3);                  // [B, N, H, 1]
        o = o.transpose(1, 2).mul(gate).reshape(b, n, d);                                     // [B, N, d]

        Tensor[] out = new Tensor[count];
        for (int s = 0; s < count; s++) {
            TokenLayout.Segment seg = segments.get(s);
            Weights w = block.weights().get(seg.stream());
            Tensor os = o.narrow(1, seg.start(), seg.length());                               // [B, n, d]
            Tensor y = xs[s].add(m[s].get(2).mul(linear(os, w.outW(), new TensorOptional(w.outB()))));   // [B, n, d]
            Tensor h = modulate(norm(y), m[s].get(3), m[s].get(4));                          // [B, n, d]
            Tensor mlp = linear(gelu(linear(h, w.fc1W(), new TensorOptional(w.fc1B())), "tanh"), w.fc2W(), new TensorOptional(w.fc2B()));  // [B, n, d]
            out[s] = y.add(m[s].get(5).mul(mlp));                                             // [B, n, d]
        }
        return count == 1 ? out[0] : cat(new TensorVector(out), 1);                           // [B, N, d]
    }

    /**
     * The caption as sequence tokens: bytes embedded, read by the text encoder (self-attention over the caption
     * alone, 1D RoPE over the byte index), then every {@link ModelConfig#textStride()} encoded bytes averaged into one
     * token. Also the mean of the encoded bytes (plus, with a word table, the mean of the caption's word rows), which
     * drives the modulation of every token.
     *
     * @param tokens [B, Lt, d] with Lt = ceil(bytes / stride)
     * @param mask   [B, Lt] true where the token holds at least one byte of the caption
     * @param pooled [B, d]
     */
    public record EncodedCaption(Tensor tokens, Tensor mask, Tensor pooled) {}

    /** Captions [B, Lt] int64 byte ids through the text encoder; see {@link EncodedCaption}. */
    public EncodedCaption encodeCaption(Tensor ids) {
        int d = config.width(), heads = config.heads(), dh = config.headDim(), stride = config.textStride();
        long b = ids.size(0), windows = config.textSequenceTokens((int) ids.size(1)), len = windows * stride;
        if (len > ids.size(1)) ids = constant_pad_nd(ids, new long[]{0, len - ids.size(1)}, new Scalar((long) TextTokeniser.PAD));  // [B, L] whole windows
        Tensor x = embedding(textEmbed, ids);                                                 // [B, L, d]
        Tensor bagOfWords = null;
        if (textWords != null) {
            Tensor rows = wordIds(ids);                                                       // [B, L]
            Tensor words = embedding(textWords, rows);                                        // [B, L, d]
            x = x.add(words);                                                                 // [B, L, d] byte + its word
            Tensor inWord = rows.gt(new Scalar(0L)).to(Tensors.type(words)).unsqueeze(2);     // [B, L, 1]
            // read at sqrt(d) times the stored scale: AdamW moves a row by about lr each time its word is seen, so
            // unscaled rows took thousands of sightings to matter next to the encoded caption (norm sqrt(d))
            bagOfWords = words.mul(inWord).sum(1).div(inWord.sum(1).clamp_min(new Scalar(1.0)))
                    .mul(new Scalar(Math.sqrt(d)));                                          // [B, d]
        }
        if (config.textInputNorm()) x = norm(x);                                              // [B, L, d] unit scale
        Tensor byteMask = ids.ne(new Scalar((long) TextTokeniser.PAD));                       // [B, L] bool
        if (!textLayers.isEmpty()) {
            Tensor[] rope = Rope.line(dh, (int) len, config.ropeTheta());                      // 2 x [1, 1, L, D]
            Tensor keyMask = byteMask.all().item_bool() ? null : byteMask.view(b, 1, 1, len);  // [B, 1, 1, L]
            for (TextLayer w : textLayers) {
                Tensor qkv = linear(weightedNorm(x, w.norm1()), w.qkvW(), new TensorOptional(w.qkvB()));  // [B, L, 3d]
                Tensor q = Rope.apply(headNorm(qkv.narrow(2, 0, d).reshape(b, len, heads, dh), w.qNorm()).transpose(1, 2), rope);   // [B, H, L, D]
                Tensor k = Rope.apply(headNorm(qkv.narrow(2, d, d).reshape(b, len, heads, dh), w.kNorm()).transpose(1, 2), rope);   // [B, H, L, D]
                Tensor v = qkv.narrow(2, 2L * d, d).reshape(b, len, heads, dh).transpose(1, 2);  // [B, H, L, D]
                Tensor o = attention(q, k, v, keyMask).transpose(1, 2).reshape(b, len, d);    // [B, L, d]
                x = x.add(linear(o, w.outW(), new TensorOptional(w.outB())));                  // [B, L, d]
                Tensor h = weightedNorm(x, w.norm2());                                         // [B, L, d]
                x = x.add(linear(gelu(linear(h, w.fc1W(), new TensorOptional(w.fc1B())), "tanh"), w.fc2W(), new TensorOptional(w.fc2B())));
            }
            x = weightedNorm(x, textNorm);                                                     // [B, L, d]
        }
        Tensor maskF = byteMask.to(Tensors.type(x)).unsqueeze(2);                             // [B, L, 1]
        Tensor masked = x.mul(maskF);                                                          // [B, L, d], padding zeroed
        Tensor pooled = masked.sum(1).div(maskF.sum(1));                                       // [B, d]
        // The word rows also join the pooled caption directly: the encoder can (and in training did) map every
        // caption to nearly the same vector, while a mean of word rows differs whenever the words do.
        if (bagOfWords != null) pooled = pooled.add(bagOfWords.to(Tensors.type(pooled)));     // [B, d]
        Tensor counts = maskF.view(b, windows, stride).sum(2);                                  // [B, Lw] bytes per window
        Tensor tokens = masked.view(b, windows, stride, d).sum(2).div(counts.clamp_min(new Scalar(1.0)).unsqueeze(2));  // [B, Lw, d]
        return new EncodedCaption(tokens, counts.gt(new Scalar(0.0)), pooled);
    }

    /** [B, L] byte ids to the [B, L] hashed word row of each byte ({@link TextTokeniser#wordIds}). */
    private Tensor wordIds(Tensor ids) {
        Tensor dense = ids.contiguous();
        long b = dense.size(0), len = dense.size(1);
        long[] flat = new long[(int) (b * len)], words = new long[flat.length];
        dense.data_ptr_long().get(flat);
        for (int row = 0; row < b; row++) {
            long[] one = TextTokeniser.wordIds(Arrays.copyOfRange(flat, (int) (row * len), (int) ((row + 1) * len)), config.textWordBuckets(),
                    config.textWordScripts());
            System.arraycopy(one, 0, words, (int) (row * len), one.length);
        }
        return Tensor.create(words, b, len);                                                  // [B, L]
    }

    /** RMS norm over the width with a learned per-channel weight (the text encoder's pre-norms). */
    private Tensor weightedNorm(Tensor x, Tensor weight) {
        return rms_norm(x, new long[]{config.width()}, new TensorOptional(weight.to(Tensors.type(x))), new DoubleOptional(EPS));
    }

    /**
     * Fused attention, always in float32: on this project's CPU libtorch's bfloat16 attention kernel
     * measured ~30x slower than float32 (N = 2400, head 64), so autocast is paused around it.
     */
    private static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor attnMask) {
        boolean autocast = is_autocast_enabled(DeviceType.CPU);
        set_autocast_enabled(DeviceType.CPU, false);
        try {
            Tensor q32 = q.to(ScalarType.Float), k32 = k.to(ScalarType.Float), v32 = v.to(ScalarType.Float);
            return attnMask == null ? scaled_dot_product_attention(q32, k32, v32)
                    : scaled_dot_product_attention(q32, k32, v32, new TensorOptional(attnMask), 0.0, false, new DoubleOptional(), false);
        } finally {
            set_autocast_enabled(DeviceType.CPU, autocast);
        }
    }

    /** The final adaLN and an x0 head on one modality's tokens; finalMod [U, 2d] per conditioning row. */
    private Tensor head(Tensor x, Conditioning rows, Tensor finalMod, int start, int length, Tensor w, Tensor bias) {
        TensorVector shiftScale = rows.gather(finalMod, x.size(0), x.size(1), start, length).chunk(2, 2);  // 2 x [B, n or 1, d]
        Tensor h = modulate(norm(x.narrow(1, start, length)), shiftScale.get(0), shiftScale.get(1));       // [B, n, d]
        return linear(h, w, new TensorOptional(bias));                                       // [B, n, patchDim]
    }

    /**
     * The distinct (clip, time) pairs of a [B, N] time tensor.
     *
     * @param times [U] each row's time
     * @param clips [U] int64 each row's clip
     * @param index [B N] each token's row
     */
    private record Conditioning(Tensor times, Tensor clips, long[] index) {
        static Conditioning of(Tensor t) {
            int b = (int) t.size(0), n = (int) t.size(1);
            float[] all = new float[b * n];
            Tensors.toCpuFloat(t).contiguous().<java.nio.FloatBuffer>createBuffer().get(all);
            List<Float> times = new ArrayList<>();
            List<Long> clips = new ArrayList<>();
            long[] index = new long[b * n];
            for (int i = 0; i < b; i++) {
                Map<Float, Long> rowOf = new java.util.HashMap<>();
                for (int j = 0; j < n; j++) {
                    float time = all[i * n + j];
                    final int clip = i;
                    index[i * n + j] = rowOf.computeIfAbsent(time, x -> {
                        times.add(x);
                        clips.add((long) clip);
                        return (long) times.size() - 1;
                    });
                }
            }
            float[] tu = new float[times.size()];
            for (int u = 0; u < tu.length; u++) tu[u] = times.get(u);
            return new Conditioning(Tensor.create(tu, tu.length), Tensor.create(clips.stream().mapToLong(Long::longValue).toArray()), index);
        }

        /**
         * Rows [U, k] to the tokens start .. start + length - 1 of each clip: [B, length, k], or [B, 1, k] to
         * broadcast when each clip's tokens there share one row (a sampler's noisy video or audio, the caption), which
         * spares copying the row to every token.
         */
        Tensor gather(Tensor rows, long b, long n, int start, int length) {
            long[] picked = new long[(int) b * length];
            boolean shared = true;
            for (int i = 0; i < b; i++)
                for (int j = 0; j < length; j++) {
                    picked[i * length + j] = index[(int) (i * n) + start + j];
                    shared &= picked[i * length + j] == picked[i * length];
                }
            if (shared) {
                long[] one = new long[(int) b];
                for (int i = 0; i < b; i++) one[i] = picked[i * length];
                return rows.index_select(0, Tensor.create(one)).view(b, 1, rows.size(1));
            }
            return rows.index_select(0, Tensor.create(picked)).view(b, length, rows.size(1));
        }
    }

    /** Sinusoidal features of t in [0, 1] (scaled by 1000 as DiT does): [B, N] -> [B, N, 256]. */
    private static Tensor timeFeatures(Tensor t) {
        int half = ModelConfig.TIME_FEATURES / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) freqs[i] = (float) (1000 * Math.exp(-Math.log(10000) * i / half));
        Tensor args = t.unsqueeze(2).mul(Tensor.create(freqs, half));                        // [B, N, 128]
        return cat(new TensorVector(args.cos(), args.sin()), 2);                              // [B, N, 256]
    }

    /** RMS norm over the width, no weights (adaLN supplies scale and shift). */
    private Tensor norm(Tensor x) {
        return rms_norm(x, new long[]{config.width()}, new TensorOptional(), new DoubleOptional(EPS));
    }

    /** RMS norm of each head's q or k with a learned per-dimension weight. */
    private Tensor headNorm(Tensor x, Tensor weight) {
        // the weight follows x's type (bfloat16 under autocast) so libtorch can use its fused kernel
        return rms_norm(x, new long[]{config.headDim()}, new TensorOptional(weight.to(Tensors.type(x))), new DoubleOptional(EPS));
    }

    private static Tensor modulate(Tensor h, Tensor shift, Tensor scale) {
        return h.mul(scale.add(new Scalar(1.0))).add(shift);
    }

    private static Tensor joined(Tensor[] parts) {
        return parts.length == 1 ? parts[0] : cat(new TensorVector(parts), 1);
    }

    private void checkShapes(ModelInput in, long b) {
        TokenLayout l = in.layout();
        Tensors.requireShape("text", in.text(), b, l.textBytes());
        Tensors.requireShape("video", in.video(), b, l.count(Modality.VIDEO), config.videoPatchDim());
        Tensors.requireShape("video time", in.videoTime(), b, l.count(Modality.VIDEO));
        if (l.count(Modality.IMAGE) > 0) Tensors.requireShape("image", in.image(), b, l.count(Modality.IMAGE), config.imagePatchDim());
        if (l.count(Modality.SOURCE) > 0) Tensors.requireShape("source", in.source().video(), b, l.count(Modality.SOURCE), config.videoPatchDim());
        if (l.count(Modality.AUDIO) > 0) {
            Tensors.requireShape("audio", in.audio(), b, l.count(Modality.AUDIO), config.audioPatchDim());
            Tensors.requireShape("audio time", in.audioTime(), b, l.count(Modality.AUDIO));
            if (l.count(Modality.SOURCE) > 0 && sourceAudioW != null)
                Tensors.requireShape("source sound", in.source().audio(), b, l.count(Modality.AUDIO), config.audioPatchDim());
        }
    }

    // ---------------------------------------------------------------------------------- weights I/O

    /**
     * Gives a latent model the frame autoencoder its video tokens come from; the model owns it from then on (it
     * is saved, loaded and closed with the model, and stays frozen: it is not among {@link #namedParameters()}).
     */
    public void attachAutoencoder(FrameAutoencoder autoencoder) {
        if (!config.latent()) throw new IllegalArgumentException("model '" + config.name() + "' works on pixels; allowed: no autoencoder");
        new VideoTokeniser(config, autoencoder);  // throws when its latents do not match the config
        if (this.autoencoder != null) this.autoencoder.close();
        this.autoencoder = autoencoder;
    }

    /** The frame autoencoder of a latent model; null for a pixel-space one. */
    public FrameAutoencoder autoencoder() { return autoencoder; }

    /** The tokeniser that turns frames into this model's video tokens and back. */
    public VideoTokeniser videoTokeniser() {
        if (config.latent() && autoencoder == null)
            throw new IllegalStateException("latent model '" + config.name() + "' has no autoencoder attached");
        return new VideoTokeniser(config, autoencoder);
    }

    /** Writes config.json and model.safetensors (and a latent model's autoencoder files) into a folder, all or none. */
    public void save(Path folder) throws IOException {
        try (var files = new ai.gallop.media.AtomicFiles()) {
            files.add(folder.resolve(CONFIG_FILE), f -> java.nio.file.Files.writeString(f, config.toJson(), StandardCharsets.UTF_8));
            files.add(folder.resolve(WEIGHTS_FILE), f -> Safetensors.write(f, parameters, Map.of("format", "pt", "gallop.model", config.name())));
            if (autoencoder != null) {
                files.add(folder.resolve(FrameAutoencoder.CONFIG_FILE),
                        f -> java.nio.file.Files.writeString(f, autoencoder.config().toJson(), StandardCharsets.UTF_8));
                files.add(folder.resolve(FrameAutoencoder.WEIGHTS_FILE), autoencoder::writeWeights);
            }
            files.commit();
        }
    }

    /**
     * This model with a hashed word table of {@code buckets} rows added at zero, and the caption's input norm as
     * given: a run that reads words starts from a model without them (without the norm it predicts exactly as
     * before; with it the text encoder's input changes scale). It takes over this model's autoencoder and this
     * model is closed.
     */
    public AudioVideoTransformer withTextWords(int buckets, boolean inputNorm) {
        if (textWords != null) throw new IllegalArgumentException("model '" + config.name() + "' already has a word table; allowed: a model without one");
        return grown(config.withTextWords(buckets, inputNorm), Map.of("text.words", new long[]{buckets, config.width()}));
    }

    /** This model with an edit's source also added to the input of each token it becomes, starting at zero; this model is closed. */
    public AudioVideoTransformer withSourceSkip() {
        if (sourceVideoW != null) throw new IllegalArgumentException("model '" + config.name() + "' already adds an edit's source to its tokens; allowed: a model without");
        return grown(config.withSourceSkip(true), Map.of("source.video.weight", new long[]{config.width(), config.videoPatchDim()},
                "source.audio.weight", new long[]{config.width(), config.audioPatchDim()}));
    }

    /** This model with a semantic head of {@code labels} outputs, starting at zero; this model is closed. */
    public AudioVideoTransformer withSemanticHead(int labels) {
        if (semanticW != null) throw new IllegalArgumentException("model '" + config.name() + "' already has a semantic head; allowed: a model without");
        return grown(config.withSemanticLabels(labels), Map.of("semantic.weight", new long[]{labels, config.width()},
                "semantic.bias", new long[]{labels}));
    }

    /**
     * This model with sound tokens of {@code bands} log-mel bands (0: waveform patches; {@link ModelConfig#melBands}): the
     * projections into and out of the sound tokens (and an edit's sound skip) are made new, as a fresh model of the seed
     * makes them, since what a token's values mean has changed; everything else is kept. This model is closed.
     */
    public AudioVideoTransformer withMelBands(int bands, long seed) {
        ModelConfig changed = config.withMelBands(bands);
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            Map<String, Tensor> weights = new LinkedHashMap<>(parameters);
            try (AudioVideoTransformer fresh = new AudioVideoTransformer(changed, seed)) {
                for (String name : List.of("audio.in.weight", "audio.in.bias", "audio.out.weight", "audio.out.bias", "source.audio.weight"))
                    if (weights.containsKey(name)) weights.put(name, fresh.parameters.get(name).detach().clone());
                return rebuilt(changed, weights);
            }
        }
    }

    /** This model's weights plus {@code added} ones (name to shape) at zero, as a model of the {@code grown} config; this model is closed. */
    private AudioVideoTransformer grown(ModelConfig grown, Map<String, long[]> added) {
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            Map<String, Tensor> weights = new LinkedHashMap<>(parameters);
            added.forEach((name, shape) -> weights.put(name, zeros(shape)));
            return rebuilt(grown, weights);
        }
    }

    /**
     * This model's weights under {@code settings}, a config that may differ from this model's only in what the weights
     * do not depend on: the share of video noise every frame gets ({@link ModelConfig#frameNoiseShare}) and where
     * caption words end ({@link ModelConfig#textWordScripts}; rows learned for the old words serve whichever new words
     * hash to them until training moves them), and how much of a caption it reads ({@link ModelConfig#maxTextTokens}).
     * It takes over this model's autoencoder and this model is closed.
     */
    public AudioVideoTransformer withSettings(ModelConfig settings) {
        if (!settings.withSettingsOf(config).equals(config))
            throw new IllegalArgumentException("model '" + settings.name() + "' differs from '" + config.name()
                    + "' in more than its settings; allowed: another frame noise share, word split or caption length only");
        return rebuilt(settings, parameters);
    }

    /** A model of {@code config} holding copies of {@code weights}, with this model's autoencoder; this model is closed. */
    private AudioVideoTransformer rebuilt(ModelConfig config, Map<String, Tensor> weights) {
        AudioVideoTransformer rebuilt;
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();
             org.bytedeco.pytorch.NoGradGuard noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            rebuilt = new AudioVideoTransformer(config, 0, weights);
        }
        rebuilt.autoencoder = autoencoder;
        autoencoder = null;
        close();
        return rebuilt;
    }

    /** Reads a folder written by {@link #save}. */
    public static AudioVideoTransformer load(Path folder) throws IOException {
        Path configFile = folder.resolve(CONFIG_FILE);
        if (!java.nio.file.Files.isRegularFile(configFile)) throw new IOException("cannot load model: " + configFile + " does not exist");
        ModelConfig config = ModelConfig.read(configFile);
        if (config.latent() && !java.nio.file.Files.isRegularFile(folder.resolve(FrameAutoencoder.CONFIG_FILE)))
            throw new IOException("cannot load model: " + folder + " holds a latent model but no " + FrameAutoencoder.CONFIG_FILE);
        AudioVideoTransformer model;
        org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();  // frees the file's tensors once copied
        try {
            model = new AudioVideoTransformer(config, 0, Safetensors.read(folder.resolve(WEIGHTS_FILE)));
        } finally {
            scope.close();
        }
        if (config.latent()) {
            try {
                model.attachAutoencoder(FrameAutoencoder.load(folder));
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    /**
     * As {@link #load}, with the folder's EMA weights (ema.safetensors, a training checkpoint's) in place of the raw
     * ones when it has them: what generates, and what a distillation's teacher must be.
     */
    public static AudioVideoTransformer loadForSampling(Path folder) throws IOException {
        AudioVideoTransformer model = load(folder);
        Path emaFile = folder.resolve(Checkpoints.EMA_FILE);
        if (!java.nio.file.Files.isRegularFile(emaFile)) return model;
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope(); NoGradGuard g = new NoGradGuard()) {
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
        return model;
    }

    public static final String CONFIG_FILE = "config.json", WEIGHTS_FILE = "model.safetensors";

    /** Frees the weights. */
    @Override public void close() {
        for (Tensor t : parameters.values()) t.releaseReference();
        parameters.clear();
        if (autoencoder != null) autoencoder.close();
        autoencoder = null;
    }
}
