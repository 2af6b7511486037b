package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Can the model learn given clips by heart, and how many views does that take? {@code footage} writes the world's
 * renders of every {@code STRIDE}-th dev prompt as a {@code gallop train --data} folder, each clip captioned with its
 * prompt, so a model trained on it is then evaluated on exactly the clips it was shown. {@code psnr} scores an eval
 * folder's clips against those renders: the PSNR over all pixels and over the subjects' pixels (the world's label
 * maps), frames 1 on (image-to-video is given frame 0). A different clip of the right prompt scores about 9 dB on the
 * subjects; a clip drawn from memory near 30. Not a test; run by hand (docs/training.md, "Clips learned by heart"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.MemorisationProbe footage DIR STRIDE
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.MemorisationProbe psnr EVAL_DIR [FOOTAGE_DIR]
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.MemorisationProbe sheet OUT.png ID EVAL_DIR...
 * </pre>
 * {@code FOOTAGE_DIR} keeps the score to the clips that folder holds; {@code sheet} draws frames 0, 4, 8, 12 and 16 of
 * the world's render of dev prompt {@code ID}, then of each eval folder's clip of it, a row each.
 */
public final class MemorisationProbe {
    private static final World WORLD = new World();

    private MemorisationProbe() {}

    public static void main(String[] args) throws IOException {
        List<PromptSuite.Entry> dev = PromptSuite.load("dev").entries();
        switch (args.length > 1 ? args[0] : "") {
            case "footage" -> footage(dev, Path.of(args[1]), Integer.parseInt(args[2]));
            case "psnr" -> score(dev, Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : null);
            case "sheet" -> sheet(dev, Path.of(args[1]), args[2], Arrays.asList(args).subList(3, args.length));
            default -> {
                System.err.println("usage: MemorisationProbe footage DIR STRIDE | psnr EVAL_DIR [FOOTAGE_DIR] | sheet OUT.png ID EVAL_DIR...");
                System.exit(2);
            }
        }
    }

    private static void footage(List<PromptSuite.Entry> dev, Path dir, int stride) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < dev.size(); i += stride) {
            PromptSuite.Entry e = dev.get(i);
            Mp4Writer.write(dir.resolve(e.id() + ".mp4"), WORLD.render(e.spec()).video(), Map.of());
            Files.writeString(dir.resolve(e.id() + ".txt"), e.prompt());
        }
    }

    private static void score(List<PromptSuite.Entry> dev, Path evalDir, Path only) throws IOException {
        double all = 0, subjects = 0;
        int n = 0;
        for (PromptSuite.Entry e : dev) {
            Path made = evalDir.resolve("videos").resolve(e.id() + ".mp4");
            if (!Files.exists(made) || (only != null && !Files.exists(only.resolve(e.id() + ".mp4")))) continue;
            double[] psnr = psnr(Mp4Reader.read(made).video().frames(), WORLD.render(e.spec()));
            all += psnr[0];
            subjects += psnr[1];
            n++;
        }
        System.out.printf(Locale.ROOT, "%s: %d clips, PSNR %.2f dB, on the subjects %.2f dB%n", evalDir, n, all / n, subjects / n);
    }

    private static void sheet(List<PromptSuite.Entry> dev, Path out, String id, List<String> evalDirs) throws IOException {
        PromptSuite.Entry entry = dev.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        List<List<RgbFrame>> clips = new ArrayList<>();
        clips.add(WORLD.render(entry.spec()).video().frames());
        for (String dir : evalDirs) clips.add(Mp4Reader.read(Path.of(dir, "videos", id + ".mp4")).video().frames());
        List<List<RgbFrame>> rows = clips.stream().map(frames -> IntStream.of(0, 4, 8, 12, 16).mapToObj(frames::get).toList()).toList();
        Png.write(out, Png.scaleUp(FrameGrid.of(rows), 2));
    }

    /** PSNR of {@code made} against {@code truth} over frames 1 on: all pixels, then the pixels the world labels as a subject. */
    static double[] psnr(List<RgbFrame> made, RenderedClip truth) {
        double errorAll = 0, errorSubjects = 0;
        long countAll = 0, countSubjects = 0;
        for (int f = 1; f < made.size(); f++) {
            byte[] a = made.get(f).rgb(), b = truth.video().frames().get(f).rgb(), labels = truth.labels().get(f);
            for (int i = 0; i < a.length; i++) {
                double d = (a[i] & 255) - (b[i] & 255);
                errorAll += d * d;
                countAll++;
                if (labels[i / 3] != 0) {
                    errorSubjects += d * d;
                    countSubjects++;
                }
            }
        }
        return new double[] {decibels(errorAll / countAll), decibels(errorSubjects / Math.max(1, countSubjects))};
    }

    /** As {@link ImageFidelity#psnr}: capped at its maximum where the pictures agree exactly. */
    private static double decibels(double meanSquaredError) {
        return meanSquaredError == 0 ? ImageFidelity.MAX_PSNR : Math.min(ImageFidelity.MAX_PSNR, 10 * Math.log10(255.0 * 255.0 / meanSquaredError));
    }
}
