package ai.gallop.eval;

import ai.gallop.media.DecodedMedia;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Is flicker what hides the subjects from the tracker? Rewrites an eval's MP4s (their sound and tags kept) through a
 * temporal bilateral filter: each pixel becomes the mean of itself in the frames up to RADIUS away, weighed by a
 * Gaussian in time (sigma RADIUS / 2) and by how alike the two frames are there (a Gaussian of sigma SIGMA levels
 * on the 3x3 mean of their absolute RGB difference), so grain that comes and goes is averaged away while a subject
 * that moves in stays. RADIUS 0 rewrites them unchanged, the second MP4 pass the filtered clips also get. Score the
 * folders with {@code gallop eval --videos}. Not a test; run by hand (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.DeflickerProbe EVAL/videos OUT RADIUS SIGMA
 * </pre>
 */
public final class DeflickerProbe {
    private DeflickerProbe() {}

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]), out = Path.of(args[1]);
        int radius = Integer.parseInt(args[2]);
        double sigma = Double.parseDouble(args[3]);
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) { files = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList(); }
        for (Path f : files) {
            DecodedMedia m = Mp4Reader.read(f);
            Video v = m.video();
            Video filtered = new Video(v.fps(), radius == 0 ? v.frames() : filter(v.frames(), radius, sigma), v.sound());
            Mp4Writer.write(out.resolve(f.getFileName()), filtered, m.info().tags());
        }
    }

    static List<RgbFrame> filter(List<RgbFrame> frames, int radius, double sigma) {
        int n = frames.size(), w = frames.getFirst().width(), h = frames.getFirst().height();
        double timeSigma = Math.max(0.5, radius / 2.0);
        List<RgbFrame> result = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            byte[] a = frames.get(f).rgb();
            double[] sum = new double[w * h * 3], weights = new double[w * h];
            for (int g = Math.max(0, f - radius); g <= Math.min(n - 1, f + radius); g++) {
                byte[] b = frames.get(g).rgb();
                double timeWeight = Math.exp(-(g - f) * (g - f) / (2 * timeSigma * timeSigma));
                double[] diff = new double[w * h];
                for (int p = 0; p < w * h; p++)
                    diff[p] = (Math.abs((a[3 * p] & 255) - (b[3 * p] & 255)) + Math.abs((a[3 * p + 1] & 255) - (b[3 * p + 1] & 255))
                            + Math.abs((a[3 * p + 2] & 255) - (b[3 * p + 2] & 255))) / 3.0;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        double d = 0;
                        int c = 0;
                        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
                            for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) { d += diff[yy * w + xx]; c++; }
                        d /= c;
                        double wgt = timeWeight * Math.exp(-d * d / (2 * sigma * sigma));
                        int p = y * w + x;
                        weights[p] += wgt;
                        for (int ch = 0; ch < 3; ch++) sum[3 * p + ch] += wgt * (b[3 * p + ch] & 255);
                    }
            }
            byte[] o = new byte[w * h * 3];
            for (int p = 0; p < w * h; p++)
                for (int ch = 0; ch < 3; ch++) o[3 * p + ch] = (byte) Math.round(sum[3 * p + ch] / weights[p]);
            result.add(new RgbFrame(w, h, o));
        }
        return result;
    }
}
