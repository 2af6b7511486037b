package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.pipeline.Gallop;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.World;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongFunction;

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
                double[] w = minus(worldMean(world, p, p.a(), renders), worldMean(world, p, p.b(), renders));
                double[] m = minus(modelMean(gallop, p, p.a(), seeds, steps, guidance), modelMean(gallop, p, p.b(), seeds, steps, guidance));
                double gain = dot(m, w) / dot(w, w);
                System.out.printf(Locale.ROOT, "%-6s %-20s %-7s/%-7s: world difference %5.1f, model %5.1f, gain %+.3f%n",
                        p.kind(), p.scene(), p.a().id(), p.b().id(), Math.sqrt(dot(w, w) / w.length), Math.sqrt(dot(m, m) / m.length), gain);
                sum += gain;
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "mean gain of %d pairs: %+.3f%n", n, sum / n);
    }

    private static double[] worldMean(World world, ColourProbe.Pair p, Colour colour, int renders) {
        ParsedPrompt parsed = world.parse(ColourProbe.prompt(p, colour));
        return mean(s -> world.render(parsed.toSpec(100 + s, VideoFormat.DEFAULT)).video(), 0, renders);
    }

    private static double[] modelMean(Gallop gallop, ColourProbe.Pair p, Colour colour, int seeds, Integer steps, Double guidance) {
        return mean(s -> ColourProbe.clip(gallop, p, colour, s, steps, guidance), 1, seeds);
    }

    /** The mean RGB picture over every frame of the clips for seeds first .. first + count - 1. */
    private static double[] mean(LongFunction<Video> clip, long first, int count) {
        double[] sum = null;
        int frames = 0;
        for (long s = first; s < first + count; s++)
            for (RgbFrame f : clip.apply(s).frames()) {
                byte[] rgb = f.rgb();
                if (sum == null) sum = new double[rgb.length];
                for (int i = 0; i < rgb.length; i++) sum[i] += rgb[i] & 255;
                frames++;
            }
        for (int i = 0; i < sum.length; i++) sum[i] /= frames;
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
