package ai.gallop.eval;

import ai.gallop.Cancellation;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Colour;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Does a model follow a colour word? For prompts that differ only in one subject's colour ("A huge red ball stands
 * still on a beach." against "blue"), generated from the same seed (1 and 2 unless given), it measures how much
 * the clips differ (mean absolute difference in 0-255 steps, and the share of pixels that differ by more than 30
 * in a channel) and, on those pixels, how often each clip lies nearer its own colour's RGB than the other's
 * ("toward": 0.5 is no preference, 1 follows every time). It also asks whether each clip has more pixels of its
 * own colour than the other clip has, within the evaluator's distance of 28 ("own": 0.5 is chance, 1 every time;
 * a tie counts half). A model that ignores the word scores 0 difference and 0.5 on both. Not a test; run by hand
 * (docs/training.md, "A recoloured twin"):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.ColourProbe MODEL [STEPS GUIDANCE [FIRST_SEED LAST_SEED]]
 * </pre>
 */
public final class ColourProbe {
    private ColourProbe() {}

    record Pair(String kind, String scene, Colour a, Colour b) {}

    // no held-out kind-colour or kind-scene pairing (world.HeldOut)
    static final List<Pair> PAIRS = List.of(
            new Pair("ball", "on a beach", Colour.RED, Colour.BLUE), new Pair("ball", "in a meadow", Colour.GREEN, Colour.YELLOW),
            new Pair("box", "in a studio", Colour.BLUE, Colour.YELLOW), new Pair("box", "on a beach", Colour.GREEN, Colour.WHITE),
            new Pair("car", "on a city street", Colour.RED, Colour.GREEN), new Pair("car", "in the snow", Colour.BLUE, Colour.YELLOW),
            new Pair("horse", "in a meadow", Colour.WHITE, Colour.BLACK), new Pair("horse", "on a beach", Colour.BROWN, Colour.RED),
            new Pair("bird", "against a night sky", Colour.YELLOW, Colour.RED), new Pair("bird", "in a studio", Colour.BLUE, Colour.GREEN));

    public static void main(String[] args) throws Exception {
        Integer steps = args.length > 1 ? Integer.valueOf(args[1]) : null;
        Double guidance = args.length > 2 ? Double.valueOf(args[2]) : null;
        long firstSeed = args.length > 3 ? Long.parseLong(args[3]) : 1, lastSeed = args.length > 4 ? Long.parseLong(args[4]) : 2;
        double sumDiff = 0, sumShare = 0, sumToward = 0, sumOwn = 0;
        int n = 0;
        try (Gallop gallop = Gallop.load(Path.of(args[0]))) {
            for (long seed = firstSeed; seed <= lastSeed; seed++)
                for (Pair p : PAIRS) {
                    Video a = clip(gallop, p, p.a(), seed, steps, guidance), b = clip(gallop, p, p.b(), seed, steps, guidance);
                    double[] m = compare(a, b, p.a(), p.b());
                    double own = (owns(a, b, p.a()) + owns(b, a, p.b())) / 2;
                    System.out.printf(Locale.ROOT, "%-6s %-20s %-7s/%-7s seed %d: difference %5.1f, pixels %4.2f, toward %4.2f, own %4.2f%n",
                            p.kind(), p.scene(), p.a().id(), p.b().id(), seed, m[0], m[1], m[2], own);
                    sumOwn += own;
                    sumDiff += m[0];
                    sumShare += m[1];
                    sumToward += m[2];
                    n++;
                }
        }
        System.out.printf(Locale.ROOT, "mean of %d pairs: difference %.2f, pixels %.3f, toward %.3f, own %.3f%n",
                n, sumDiff / n, sumShare / n, sumToward / n, sumOwn / n);
    }

    static Video clip(Gallop gallop, Pair p, Colour colour, long seed, Integer steps, Double guidance) {
        GenerationRequest request = new GenerationRequest(prompt(p, colour), null, seed, VideoFormat.DEFAULT, false, steps, guidance, null, null, List.of(), null, null);
        return gallop.generate(request, (stage, done, total) -> { }, new Cancellation()).video();
    }

    static String prompt(Pair p, Colour colour) {
        return prompt(colour, p.kind(), p.scene());
    }

    /** The probes' one phrasing, also the fixed caption of {@link ai.gallop.train.CurriculumFootage}'s clips. */
    public static String prompt(Colour colour, String kind, String place) {
        return "A huge " + colour.id() + " " + kind + " stands still " + place + ".";
    }

    /** Mean absolute difference, share of differing pixels, and how often a differing pixel is nearer its own colour. */
    static double[] compare(Video a, Video b, Colour ca, Colour cb) {
        double diff = 0, toward = 0;
        long pixels = 0, differing = 0;
        for (int f = 0; f < a.frames().size(); f++) {
            byte[] x = a.frames().get(f).rgb(), y = b.frames().get(f).rgb();
            for (int i = 0; i < x.length; i += 3) {
                int maxChannel = 0;
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs((x[i + c] & 255) - (y[i + c] & 255));
                    diff += d;
                    maxChannel = Math.max(maxChannel, d);
                }
                pixels++;
                if (maxChannel > 30) {
                    differing++;
                    toward += (nearer(x, i, ca, cb) ? 0.5 : 0) + (nearer(y, i, cb, ca) ? 0.5 : 0);
                }
            }
        }
        return new double[]{diff / (3.0 * pixels), differing / (double) pixels, differing == 0 ? 0.5 : toward / differing};
    }

    /** 1 when clip x has more pixels of colour c than clip y, 0.5 on a tie, else 0. */
    static double owns(Video x, Video y, Colour c) {
        return Math.signum(pixelsOf(x, c) - pixelsOf(y, c)) / 2 + 0.5;
    }

    private static long pixelsOf(Video v, Colour c) {
        long count = 0;
        for (RgbFrame f : v.frames())
            for (int i = 0; i < f.rgb().length; i += 3) if (distance(f.rgb(), i, c) <= 28 * 28) count++;
        return count;
    }

    private static boolean nearer(byte[] rgb, int i, Colour own, Colour other) {
        return distance(rgb, i, own) < distance(rgb, i, other);
    }

    private static double distance(byte[] rgb, int i, Colour c) {
        double dr = (rgb[i] & 255) - c.r, dg = (rgb[i + 1] & 255) - c.g, db = (rgb[i + 2] & 255) - c.b;
        return dr * dr + dg * dg + db * db;
    }
}
