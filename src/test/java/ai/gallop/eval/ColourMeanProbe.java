package ai.gallop.eval;

import ai.gallop.Cancellation;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.World;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How much of a colour word's effect does a model reproduce on average? For {@link ColourProbe}'s prompt pairs ("A
 * huge red ball stands still on a beach." against "blue"), the mean picture (all frames, all seeds) of the model's
 * clips for each colour and the mean of the world's own renders of the same prompts. The word's effect in the world
 * is the difference of its two means, w = W(a) - W(b); the model's is m = M(a) - M(b). The gain is the projection
 * (m . w) / (w . w): 0 when the model ignores the word, 1 when its average clip changes as the world's does. With
 * {@code STEPS} 1 and guidance 1 the model's clip is its x0 guess at pure noise, whose best value is exactly the
 * world's mean for the caption, so the gain there says whether the model has learned what the word does to a clip
 * before any sampling happens. Not a test; run by hand (docs/training.md, "A colour word at pure noise"):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.ColourMeanProbe MODEL [STEPS GUIDANCE [SEEDS [RENDERS]]]
 * </pre>
 */
public final class ColourMeanProbe {
    private ColourMeanProbe() {}

    public static void main(String[] args) throws Exception {
        Integer steps = args.length > 1 ? Integer.valueOf(args[1]) : null;
        Double guidance = args.length > 2 ? Double.valueOf(args[2]) : null;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 4, renders = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        World world = new World();
        double sum = 0;
        int n = 0;
        try (Gallop gallop = Gallop.load(Path.of(args[0]))) {
            for (ColourProbe.Pair p : ColourProbe.PAIRS) {
                String a = ColourProbe.prompt(p, p.a()), b = ColourProbe.prompt(p, p.b());
                double[] w = minus(worldMean(world, a, renders), worldMean(world, b, renders));
                double[] m = minus(modelMean(gallop, a, seeds, steps, guidance), modelMean(gallop, b, seeds, steps, guidance));
                double gain = dot(m, w) / dot(w, w);
                System.out.printf(Locale.ROOT, "%-6s %-20s %-7s/%-7s: world difference %5.1f, model %5.1f, gain %+.3f%n",
                        p.kind(), p.scene(), p.a().id(), p.b().id(), Math.sqrt(dot(w, w) / w.length), Math.sqrt(dot(m, m) / m.length), gain);
                sum += gain;
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "mean gain of %d pairs: %+.3f%n", n, sum / n);
    }

    private static double[] worldMean(World world, String prompt, int renders) {
        ParsedPrompt parsed = world.parse(prompt);
        double[] mean = null;
        int frames = 0;
        for (int s = 0; s < renders; s++) {
            Video v = world.render(parsed.toSpec(100 + s, VideoFormat.DEFAULT)).video();
            mean = accumulate(mean, v);
            frames += v.frames().size();
        }
        return scale(mean, frames);
    }

    private static double[] modelMean(Gallop gallop, String prompt, int seeds, Integer steps, Double guidance) {
        double[] mean = null;
        int frames = 0;
        for (int s = 1; s <= seeds; s++) {
            GenerationRequest request = new GenerationRequest(prompt, null, s, VideoFormat.DEFAULT, false, steps, guidance, null, null, List.of(), null, null);
            Video v = gallop.generate(request, (stage, done, total) -> { }, new Cancellation()).video();
            mean = accumulate(mean, v);
            frames += v.frames().size();
        }
        return scale(mean, frames);
    }

    private static double[] accumulate(double[] sum, Video v) {
        for (RgbFrame f : v.frames()) {
            byte[] rgb = f.rgb();
            if (sum == null) sum = new double[rgb.length];
            for (int i = 0; i < rgb.length; i++) sum[i] += rgb[i] & 255;
        }
        return sum;
    }

    private static double[] scale(double[] sum, int count) {
        for (int i = 0; i < sum.length; i++) sum[i] /= count;
        return sum;
    }

    private static double[] minus(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i] - y[i];
        return d;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
