package ai.gallop.train;

import ai.gallop.eval.PromptSuite;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.model.Safetensors;
import ai.gallop.world.PixelBox;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import static org.bytedeco.pytorch.global.torch.cos;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.gelu;
import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.scaled_dot_product_attention;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.bytedeco.pytorch.global.torch.sin;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * Can a caption be turned into object tokens? The second half of the object-token probe ({@link ObjectTokenProbe}):
 * a small transformer, trained by flow matching, draws for each of a clip's 17 frames and 3 subject slots one token:
 * the subject's object-autoencoder code, its box (centre and log size) and whether it is there, from the caption
 * (hashed words; Chinese, Japanese and Korean characters and their pairs as words). {@code paint} draws the tokens for
 * the dev suite's text-to-video prompts and paints the decoded subjects over a model's eval clips; scoring that folder
 * ({@code gallop eval --videos}) tells what subjects drawn this way are worth beside the clips alone and beside the
 * oracle ({@link ObjectCompositeProbe}). Not a test; run by hand (docs/training.md, "One token per subject"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectTokenGenerator data OBJECT_AE_DIR CLIPS
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectTokenGenerator train OBJECT_AE_DIR OUT STEPS
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectTokenGenerator paint OBJECT_AE_DIR GEN_DIR EVAL_DIR OUT [GUIDANCE] [STEPS]
 * </pre>
 * {@code data} writes {@code tokens.bin} (every clip's 7 captions and raw tokens) into the object autoencoder's folder.
 */
public final class ObjectTokenGenerator {
    static final int FRAMES = 17, SLOTS = ai.gallop.world.ShotSpec.MAX_SUBJECTS, TOKENS = FRAMES * SLOTS, BOX = 4;
    static final int TEXT_TOKENS = 48, BUCKETS = 8192, WIDTH = 192, LAYERS = 4, HEADS = 4, BATCH = 64;
    static final double LEARNING_RATE = 5e-4, CAPTION_DROP = 0.1;
    static final String DATA = "tokens.bin", WEIGHTS = "generator.safetensors";

    private ObjectTokenGenerator() {}

    public static void main(String[] args) throws IOException {
        switch (args.length > 2 ? args[0] : "") {
            case "data" -> data(Path.of(args[1]), Integer.parseInt(args[2]));
            case "train" -> train(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "paint" -> paint(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]),
                    args.length > 5 ? Double.parseDouble(args[5]) : 1, args.length > 6 ? Integer.parseInt(args[6]) : 16);
            default -> {
                System.err.println("usage: ObjectTokenGenerator data OBJECT_AE_DIR CLIPS | train OBJECT_AE_DIR OUT STEPS"
                        + " | paint OBJECT_AE_DIR GEN_DIR EVAL_DIR OUT [GUIDANCE] [STEPS]");
                System.exit(2);
            }
        }
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    /** Values a token holds: the code, the box, the presence flag. */
    static int dim(int code) { return code + BOX + 1; }

    /**
     * Raw tokens of a rendered clip [FRAMES * SLOTS * dim]: per frame and subject slot the crop's code, the box as
     * centre in [-1, 1] and log of its size as a share of the frame, and +1; an empty slot is all zero with -1.
     */
    static float[] tokens(RenderedClip clip, ObjectTokenProbe.ObjectAutoencoder model) {
        int dim = dim(model.code);
        float[] out = new float[TOKENS * dim];
        for (int t = 0; t < TOKENS; t++) out[t * dim + dim - 1] = -1;
        List<ObjectTokenProbe.Crop> crops = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < FRAMES; k++)
            for (ObjectTokenProbe.Crop crop : ObjectTokenProbe.frame(clip, k, model.side).crops()) {
                crops.add(crop);
                at.add(k * SLOTS + crop.subject().index());
            }
        if (crops.isEmpty()) return out;
        float[][] codes = ObjectTokenProbe.codes(model, crops, null);
        for (int i = 0; i < crops.size(); i++) {
            int base = at.get(i) * dim;
            System.arraycopy(codes[i], 0, out, base, model.code);
            PixelBox b = crops.get(i).box();
            double side = ObjectTokenProbe.FRAME_SIDE;
            out[base + model.code] = (float) (b.centreX() / side * 2 - 1);
            out[base + model.code + 1] = (float) (b.centreY() / side * 2 - 1);
            out[base + model.code + 2] = (float) Math.log(b.width() / side);
            out[base + model.code + 3] = (float) Math.log(b.height() / side);
            out[base + dim - 1] = 1;
        }
        return out;
    }

    /** The box a token's (denormalised) box values name, in pixels. */
    static PixelBox box(float cx, float cy, float logW, float logH) {
        double side = ObjectTokenProbe.FRAME_SIDE, w = Math.exp(logW) * side, h = Math.exp(logH) * side;
        double x = (cx + 1) / 2 * side, y = (cy + 1) / 2 * side;
        int x0 = (int) Math.round(x - w / 2), y0 = (int) Math.round(y - h / 2);
        return new PixelBox(x0, y0, x0 + Math.max(1, (int) Math.round(w)), y0 + Math.max(1, (int) Math.round(h)));
    }

    /** Caption words as bucket ids (1..BUCKETS; 0 pads): letters and digits lower-cased into words, each CJK character and each pair of them a word. */
    static int[] words(String caption) {
        List<Integer> ids = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int previous = -1;
        for (int i = 0; i < caption.length(); ) {
            int cp = caption.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean cjk = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
            if (cjk || !Character.isLetterOrDigit(cp)) {
                flush(word, ids);
                if (cjk) {
                    ids.add(bucket("c" + Character.toString(cp)));
                    if (previous >= 0) ids.add(bucket("p" + Character.toString(previous) + Character.toString(cp)));
                    previous = cp;
                } else {
                    previous = -1;
                }
            } else {
                word.appendCodePoint(Character.toLowerCase(cp));
                previous = -1;
            }
        }
        flush(word, ids);
        if (ids.isEmpty()) ids.add(bucket("<empty>"));
        return ids.stream().limit(TEXT_TOKENS).mapToInt(Integer::intValue).toArray();
    }

    private static void flush(StringBuilder word, List<Integer> ids) {
        if (word.isEmpty()) return;
        ids.add(bucket("w" + word));
        word.setLength(0);
    }

    private static int bucket(String s) { return 1 + Math.floorMod(s.hashCode() * 0x9E3779B1, BUCKETS); }

    // ---- data -----------------------------------------------------------------------------------------------------

    record Example(String[] captions, float[] tokens) {}

    static void data(Path objectAutoencoder, int clips) throws IOException {
        set_num_threads(1);
        World world = new World();
        SpecSampler sampler = SpecSampler.training();
        WorldRenderer renderer = new WorldRenderer();
        VideoFormat format = VideoFormat.ofSeconds(ObjectTokenProbe.FRAME_SIDE, ObjectTokenProbe.FRAME_SIDE, 8, 2);
        Path file = objectAutoencoder.resolve(DATA), partial = objectAutoencoder.resolve(DATA + ".partial");
        long start = System.nanoTime();
        try (ObjectTokenProbe.ObjectAutoencoder model = ObjectTokenProbe.ObjectAutoencoder.load(objectAutoencoder.resolve(ObjectTokenProbe.WEIGHTS));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(clips);
            out.writeInt(dim(model.code));
            for (int c = 0; c < clips; c++) {
                var spec = sampler.sample(20_000_000L + c, format);
                float[] tokens = tokens(renderer.render(spec), model);
                for (Language language : Language.values()) out.writeUTF(world.caption(spec, language));
                for (float v : tokens) out.writeFloat(v);
                if ((c + 1) % 1000 == 0)
                    System.out.printf(Locale.ROOT, "%d/%d clips, %.0f s%n", c + 1, clips, (System.nanoTime() - start) / 1e9);
            }
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static List<Example> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int clips = in.readInt(), dim = in.readInt();
            List<Example> examples = new ArrayList<>(clips);
            for (int c = 0; c < clips; c++) {
                String[] captions = new String[Language.values().length];
                for (int l = 0; l < captions.length; l++) captions[l] = in.readUTF();
                float[] tokens = new float[TOKENS * dim];
                for (int i = 0; i < tokens.length; i++) tokens[i] = in.readFloat();
                examples.add(new Example(captions, tokens));
            }
            return examples;
        }
    }

    /** Per value: mean and std over the tokens where a subject is (the presence flag keeps +-1). */
    static float[][] statistics(List<Example> examples, int dim) {
        double[] sum = new double[dim], squares = new double[dim];
        long n = 0;
        for (Example e : examples)
            for (int t = 0; t < TOKENS; t++) {
                if (e.tokens()[t * dim + dim - 1] < 0) continue;
                n++;
                for (int i = 0; i < dim; i++) {
                    double v = e.tokens()[t * dim + i];
                    sum[i] += v;
                    squares[i] += v * v;
                }
            }
        float[] mean = new float[dim], std = new float[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) (sum[i] / n);
            std[i] = (float) Math.max(1e-3, Math.sqrt(squares[i] / n - mean[i] * mean[i]));
        }
        mean[dim - 1] = 0;
        std[dim - 1] = 1;
        return new float[][]{mean, std};
    }

    static float[] normalise(float[] raw, float[][] stats, int dim) {
        float[] out = new float[raw.length];
        for (int t = 0; t < TOKENS; t++) {
            boolean present = raw[t * dim + dim - 1] > 0;
            for (int i = 0; i < dim - 1; i++) out[t * dim + i] = present ? (raw[t * dim + i] - stats[0][i]) / stats[1][i] : 0;
            out[t * dim + dim - 1] = raw[t * dim + dim - 1];
        }
        return out;
    }

    // ---- the generator --------------------------------------------------------------------------------------------

    /** Caption words and object tokens in one sequence, pre-norm self-attention over all of it, x0 of the object tokens out. */
    static final class Generator implements AutoCloseable {
        final int dim;
        final Map<String, Tensor> parameters = new LinkedHashMap<>();

        Generator(int dim, long seed, Map<String, Tensor> loaded) {
            this.dim = dim;
            int d = WIDTH;
            parameter("text.embed", 0.02, seed, loaded, BUCKETS + 1, d);
            parameter("text.position", 0.02, seed, loaded, TEXT_TOKENS, d);
            parameter("object.in.weight", 1 / Math.sqrt(dim), seed, loaded, d, dim);
            parameter("object.in.bias", 0, seed, loaded, d);
            parameter("object.frame", 0.02, seed, loaded, FRAMES, d);
            parameter("object.slot", 0.02, seed, loaded, SLOTS, d);
            parameter("time.fc1.weight", 1 / Math.sqrt(32), seed, loaded, d, 32);
            parameter("time.fc1.bias", 0, seed, loaded, d);
            parameter("time.fc2.weight", 1 / Math.sqrt(d), seed, loaded, d, d);
            parameter("time.fc2.bias", 0, seed, loaded, d);
            for (int l = 0; l < LAYERS; l++) {
                String at = "blocks." + l + ".";
                parameter(at + "time.weight", 0, seed, loaded, d, d);
                parameter(at + "norm1", -1, seed, loaded, d);
                parameter(at + "qkv.weight", 0.02, seed, loaded, 3L * d, d);
                parameter(at + "qkv.bias", 0, seed, loaded, 3L * d);
                parameter(at + "out.weight", 0.02 / Math.sqrt(2.0 * LAYERS), seed, loaded, d, d);
                parameter(at + "out.bias", 0, seed, loaded, d);
                parameter(at + "norm2", -1, seed, loaded, d);
                parameter(at + "fc1.weight", 0.02, seed, loaded, 4L * d, d);
                parameter(at + "fc1.bias", 0, seed, loaded, 4L * d);
                parameter(at + "fc2.weight", 0.02 / Math.sqrt(2.0 * LAYERS), seed, loaded, d, 4L * d);
                parameter(at + "fc2.bias", 0, seed, loaded, d);
            }
            parameter("final.norm", -1, seed, loaded, d);
            parameter("object.out.weight", 0, seed, loaded, dim, d);
            parameter("object.out.bias", 0, seed, loaded, dim);
        }

        /**
         * @param text    [B, L] int64 bucket ids, 0 = padding
         * @param objects [B, TOKENS, dim] noisy tokens
         * @param t       [B] flow-matching time, 1 = noise
         * @return x0 of the tokens [B, TOKENS, dim]
         */
        Tensor forward(Tensor text, Tensor objects, Tensor t) {
            long b = text.size(0), l = text.size(1), n = l + TOKENS;
            int d = WIDTH;
            Tensor words = p("text.embed").index_select(0, text.flatten()).view(b, l, d)
                    .add(p("text.position").narrow(0, 0, l).unsqueeze(0));                                   // [B, L, d]
            Tensor frame = p("object.frame").unsqueeze(1).expand(FRAMES, SLOTS, d).reshape(TOKENS, d);          // [T, d]
            Tensor slot = p("object.slot").unsqueeze(0).expand(FRAMES, SLOTS, d).reshape(TOKENS, d);            // [T, d]
            Tensor time = timeEmbedding(t);                                                                     // [B, d]
            Tensor obj = linear(objects, p("object.in.weight"), new TensorOptional(p("object.in.bias")))
                    .add(frame.add(slot).unsqueeze(0)).add(time.unsqueeze(1));                                  // [B, T, d]
            Tensor x = cat(new TensorVector(words, obj), 1);                                                    // [B, N, d]
            Tensor attend = cat(new TensorVector(text.ne(new Scalar(0)),
                    ones(new long[]{b, TOKENS}, new TensorOptions(ScalarType.Bool))), 1).view(b, 1, 1, n);      // [B, 1, 1, N]
            Tensor isObject = cat(new TensorVector(zeros(1, l, 1), ones(1, TOKENS, 1)), 1);                    // [1, N, 1]
            for (int layer = 0; layer < LAYERS; layer++) {
                String at = "blocks." + layer + ".";
                x = x.add(linear(time, p(at + "time.weight")).unsqueeze(1).mul(isObject));                    // [B, N, d]
                Tensor h = norm(x, p(at + "norm1"));
                Tensor qkv = linear(h, p(at + "qkv.weight"), new TensorOptional(p(at + "qkv.bias")));           // [B, N, 3d]
                Tensor q = qkv.narrow(2, 0, d).reshape(b, n, HEADS, d / HEADS).transpose(1, 2);                // [B, H, N, D]
                Tensor k = qkv.narrow(2, d, d).reshape(b, n, HEADS, d / HEADS).transpose(1, 2);
                Tensor v = qkv.narrow(2, 2L * d, d).reshape(b, n, HEADS, d / HEADS).transpose(1, 2);
                Tensor o = scaled_dot_product_attention(q, k, v, new TensorOptional(attend), 0.0, false, new DoubleOptional(), false);
                x = x.add(linear(o.transpose(1, 2).reshape(b, n, d), p(at + "out.weight"), new TensorOptional(p(at + "out.bias"))));
                h = norm(x, p(at + "norm2"));
                x = x.add(linear(gelu(linear(h, p(at + "fc1.weight"), new TensorOptional(p(at + "fc1.bias"))), "tanh"),
                        p(at + "fc2.weight"), new TensorOptional(p(at + "fc2.bias"))));                         // [B, N, d]
            }
            Tensor out = norm(x.narrow(1, l, TOKENS), p("final.norm"));                                        // [B, T, d]
            return linear(out, p("object.out.weight"), new TensorOptional(p("object.out.bias")));               // [B, T, dim]
        }

        private Tensor timeEmbedding(Tensor t) {
            Tensor freqs = org.bytedeco.pytorch.global.torch.arange(new Scalar(16)).to(ScalarType.Float)
                    .mul(new Scalar(-Math.log(1000.0) / 16)).exp().mul(new Scalar(1000));                      // [16]
            Tensor angle = t.unsqueeze(1).mul(freqs.unsqueeze(0));                                              // [B, 16]
            Tensor features = cat(new TensorVector(sin(angle), cos(angle)), 1);                                 // [B, 32]
            return linear(gelu(linear(features, p("time.fc1.weight"), new TensorOptional(p("time.fc1.bias"))), "tanh"),
                    p("time.fc2.weight"), new TensorOptional(p("time.fc2.bias")));                              // [B, d]
        }

        private static Tensor norm(Tensor x, Tensor weight) {
            return x.mul(x.square().mean(new long[]{-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).add(new Scalar(1e-6)).rsqrt()).mul(weight);
        }

        private Tensor p(String name) { return parameters.get(name); }

        private void parameter(String name, double std, long seed, Map<String, Tensor> loaded, long... shape) {
            Tensor t;
            if (loaded != null) t = loaded.get(name).clone();
            else if (std > 0) t = empty(shape).normal_(0, std, new GeneratorOptional(createCPUGenerator(seed * 0x9E3779B97F4A7C15L + name.hashCode())));
            else t = std == 0 ? zeros(shape) : ones(shape);
            t.set_requires_grad(true);
            t.retainReference();
            parameters.put(name, t);
        }

        void save(Path file) throws IOException { Safetensors.write(file, parameters, Map.of("dim", Integer.toString(dim))); }

        static Generator load(Path file) throws IOException {
            try (PointerScope scope = new PointerScope()) {
                return new Generator(Integer.parseInt(Safetensors.metadata(file).get("dim")), 0, Safetensors.read(file));
            }
        }

        @Override public void close() {
            parameters.values().forEach(Tensor::releaseReference);
            parameters.clear();
        }
    }

    /** Captions [B, L] padded with 0 to the longest. */
    static Tensor text(List<int[]> captions) {
        int l = captions.stream().mapToInt(c -> c.length).max().orElse(1);
        long[] ids = new long[captions.size() * l];
        for (int i = 0; i < captions.size(); i++)
            for (int j = 0; j < captions.get(i).length; j++) ids[i * l + j] = captions.get(i)[j];
        return Tensor.create(ids, captions.size(), l);
    }

    // ---- training -------------------------------------------------------------------------------------------------

    /** Flow matching on the cached tokens: logit-normal t per clip, x0 predicted, a tenth of the captions emptied. */
    static void train(Path objectAutoencoder, Path out, int steps) throws IOException {
        Files.createDirectories(out);
        set_num_threads(2);
        List<Example> examples = read(objectAutoencoder.resolve(DATA));
        int dim = examples.getFirst().tokens().length / TOKENS;
        float[][] stats = statistics(examples, dim);
        Safetensors.write(out.resolve("statistics.safetensors"), Map.of("mean", Tensor.create(stats[0], dim), "std", Tensor.create(stats[1], dim)), Map.of());
        SplittableRandom random = new SplittableRandom(7);
        try (Generator model = new Generator(dim, 3, null); AdamW optimizer = new AdamW(model.parameters, 0.9, 0.99, 0.01)) {
            LearningRateSchedule schedule = new LearningRateSchedule(LEARNING_RATE, 100, steps, 0.1);
            long start = System.nanoTime();
            double smoothed = Double.NaN;
            for (int step = 0; step < steps; step++) {
                List<int[]> captions = new ArrayList<>();
                float[] x0 = new float[BATCH * TOKENS * dim];
                for (int i = 0; i < BATCH; i++) {
                    Example e = examples.get(random.nextInt(examples.size()));
                    captions.add(random.nextDouble() < CAPTION_DROP ? words("") : words(e.captions()[random.nextInt(e.captions().length)]));
                    System.arraycopy(normalise(e.tokens(), stats, dim), 0, x0, i * TOKENS * dim, TOKENS * dim);
                }
                double loss;
                try (PointerScope scope = new PointerScope()) {
                    org.bytedeco.pytorch.Generator g = createCPUGenerator(1000L + step);
                    Tensor clean = Tensor.create(x0, BATCH, TOKENS, dim);                                       // [B, T, dim]
                    Tensor t = org.bytedeco.pytorch.global.torch.sigmoid(randn(new long[]{BATCH}, new GeneratorOptional(g)));  // [B]
                    Tensor noise = randn(clean.shape(), new GeneratorOptional(g));
                    Tensor tt = t.view(BATCH, 1, 1);
                    Tensor noisy = clean.mul(tt.neg().add(new Scalar(1))).add(noise.mul(tt));
                    Tensor l = model.forward(text(captions), noisy, t).sub(clean).square().mean();
                    l.backward();
                    ObjectTokenProbe.update(model.parameters, optimizer, schedule.at(step), 1);
                    loss = l.item_double();
                }
                smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
                if ((step + 1) % 50 == 0 || step + 1 == steps) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "step %d/%d  loss %.4f  %.0f s, %.0f s left%n", step + 1, steps, smoothed, seconds, seconds / (step + 1) * (steps - step - 1));
                }
                if ((step + 1) % 500 == 0 || step + 1 == steps) {
                    Path partial = out.resolve(WEIGHTS + ".partial");
                    model.save(partial);
                    Files.move(partial, out.resolve(WEIGHTS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    // ---- sampling and painting ------------------------------------------------------------------------------------

    /** Euler steps from noise to tokens (normalised) [TOKENS * dim], with classifier-free guidance on the caption. */
    static float[] sample(Generator model, String caption, long seed, double guidance, int steps) {
        try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            Tensor x = randn(new long[]{1, TOKENS, model.dim}, new GeneratorOptional(createCPUGenerator(seed)));  // [1, T, dim]
            Tensor text = text(List.of(words(caption), words("")));
            for (int i = 0; i < steps; i++) {
                double t = 1 - i / (double) steps, next = 1 - (i + 1) / (double) steps;
                Tensor pair = model.forward(text, cat(new TensorVector(x, x), 0), Tensor.create(new float[]{(float) t, (float) t}, 2));  // [2, T, dim]
                Tensor cond = pair.narrow(0, 0, 1), uncond = pair.narrow(0, 1, 1);
                Tensor x0 = uncond.add(cond.sub(uncond).mul(new Scalar(guidance)));
                Tensor eps = x.sub(x0.mul(new Scalar(1 - t))).div(new Scalar(t));
                x = x0.mul(new Scalar(1 - next)).add(eps.mul(new Scalar(next)));
            }
            float[] v = new float[Math.toIntExact(x.numel())];
            x.contiguous().<FloatBuffer>createBuffer().get(v);
            return v;
        }
    }

    static void paint(Path objectAutoencoder, Path generatorDir, Path evalDir, Path out, double guidance, int steps) throws IOException {
        set_num_threads(2);
        Map<String, Tensor> s = Safetensors.read(generatorDir.resolve("statistics.safetensors"));
        float[] mean = ObjectTokenProbe.values(s.get("mean")), std = ObjectTokenProbe.values(s.get("std"));
        try (ObjectTokenProbe.ObjectAutoencoder decoder = ObjectTokenProbe.ObjectAutoencoder.load(objectAutoencoder.resolve(ObjectTokenProbe.WEIGHTS));
             Generator model = Generator.load(generatorDir.resolve(WEIGHTS))) {
            int dim = model.dim, code = decoder.code;
            int painted = ObjectCompositeProbe.repaint(evalDir.resolve("videos"), out, entry -> {
                float[] tokens = sample(model, entry.prompt(), entry.seed(), guidance, steps);
                return (k, picture) -> {
                    for (int slot = 0; slot < SLOTS; slot++) {
                        int at = (Math.min(k, FRAMES - 1) * SLOTS + slot) * dim;
                        if (tokens[at + dim - 1] <= 0) continue;
                        float[] raw = new float[dim - 1];
                        for (int i = 0; i < dim - 1; i++) raw[i] = tokens[at + i] * std[i] + mean[i];
                        PixelBox box = box(raw[code], raw[code + 1], raw[code + 2], raw[code + 3]);
                        ObjectTokenProbe.paste(picture, box, decode(decoder, java.util.Arrays.copyOf(raw, code)), decoder.side);
                    }
                };
            });
            System.out.println(painted + " text-to-video clips painted into " + out);
        }
    }

    private static float[] decode(ObjectTokenProbe.ObjectAutoencoder decoder, float[] code) {
        try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            return ObjectTokenProbe.values(decoder.decode(Tensor.create(code, 1, code.length)));
        }
    }
}
