package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.FrameTruth;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a CI test (its name escapes surefire's patterns): regenerates {@link ShapeClassifier}'s
 * reference table. Renders sampled specs (seeds 5000-5299 at 64x64 8 fps and 7000-7149 at 96x54
 * 12 fps, apart from the dev suite and PictureCalibrationTest's seeds 0-95), writes each to MP4 and
 * reads it back, and keeps every blob that is whole (not cut by the frame edge) and shows exactly one
 * unhidden subject (90% of its pixels carry that subject's label, the subject is 98% visible and the
 * boxes agree to IoU 0.9). The renderer's labels name the kind here, in the tests only; the judge
 * itself never sees them. Prints the Java lines to paste between the GENERATED markers.
 * Run with -Dtest=ShapeReferenceCalibration.
 */
class ShapeReferenceCalibration {
    private static final double[] FLOORS = {0.02, 0.03, 0.1, 0.2, 0.02, 0.02, 0.01};
    private static final double GRID_FLOOR = 0.05;

    @Test void printReferenceTable(@TempDir Path scratch) throws Exception {
        Map<Subject, List<double[]>> samples = new EnumMap<>(Subject.class);
        collect(new VideoFormat(64, 64, 8, 17), 5000, 300, samples, scratch);
        collect(new VideoFormat(96, 54, 12, 17), 7000, 150, samples, scratch);
        StringBuilder out = new StringBuilder();
        for (var e : samples.entrySet()) {
            double[][] ref = fit(e.getValue());
            out.append(String.format(Locale.ROOT, "        REFERENCE.put(Subject.%s, new double[][]{%s, %s}); // %d sightings%n",
                    e.getKey(), row(ref[0], 3), row(ref[1], 3), e.getValue().size()));
        }
        System.out.print(out);
    }

    private static void collect(VideoFormat format, long first, int count, Map<Subject, List<double[]>> samples, Path scratch) throws Exception {
        World world = new World();
        ColourSegmenter segmenter = new ColourSegmenter();
        SpecSampler sampler = new SpecSampler();
        for (long seed = first; seed < first + count; seed++) {
            SceneSpec spec = sampler.sample(seed, format);
            RenderedClip clip = world.render(spec);
            Path file = scratch.resolve("clip.mp4");
            Mp4Writer.write(file, clip.video(), Map.of());
            Video video = Mp4Reader.read(file).video();
            int w = video.width(), h = video.height();
            for (int k = 0; k < video.frames().size(); k++) {
                RgbFrame frame = video.frames().get(k);
                FrameTruth truth = clip.truth().frames().get(k);
                for (Blob b : segmenter.segment(frame)) {
                    if (ActionClassifier.touchesEdge(b, w, h)) continue;
                    int[] votes = new int[256];
                    for (int y = b.y0(); y < b.y1(); y++)
                        for (int x = b.x0(); x < b.x1(); x++) if (b.covers(x, y)) votes[clip.label(k, x, y) & 255]++;
                    int label = 1;
                    for (int l = 1; l < votes.length; l++) if (votes[l] > votes[label]) label = l;
                    if (votes[label] < 0.9 * b.area()) continue;
                    SubjectTruth subject = null;
                    for (SubjectTruth s : truth.subjects()) if (s.index() == label - 1) subject = s;
                    if (subject == null || subject.box() == null || subject.visibleFraction() < 0.98) continue;
                    if (boxIou(b, subject) < 0.9) continue;
                    samples.computeIfAbsent(subject.kind(), x -> new ArrayList<>()).add(ShapeClassifier.features(b, frame));
                }
            }
        }
    }

    /** Means and floored standard deviations; each grid is read the way (of four) nearest the kind's running mean. */
    static double[][] fit(List<double[]> rows) {
        int n = ShapeClassifier.FEATURES;
        double[] mean = mean(rows, n);
        List<double[]> aligned = rows;
        for (int iteration = 0; iteration < 5; iteration++) {
            double[] m = mean;
            aligned = rows.stream().map(r -> nearestWay(r, m)).toList();
            mean = mean(aligned, n);
        }
        double[] sd = new double[n];
        for (double[] r : aligned) for (int i = 0; i < n; i++) sd[i] += (r[i] - mean[i]) * (r[i] - mean[i]);
        for (int i = 0; i < n; i++)
            sd[i] = Math.max(Math.sqrt(sd[i] / aligned.size()), i < ShapeClassifier.SCALARS ? FLOORS[i] : GRID_FLOOR);
        return new double[][]{mean, sd};
    }

    private static double[] nearestWay(double[] f, double[] mean) {
        double[] best = f;
        double bestD = Double.MAX_VALUE;
        for (int way = 0; way < 4; way++) {
            double[] g = ShapeClassifier.flipped(f, (way & 1) != 0, (way & 2) != 0);
            double d = 0;
            for (int i = ShapeClassifier.SCALARS; i < g.length; i++) d += (g[i] - mean[i]) * (g[i] - mean[i]);
            if (d < bestD) { bestD = d; best = g; }
        }
        return best;
    }

    private static double[] mean(List<double[]> rows, int n) {
        double[] m = new double[n];
        for (double[] r : rows) for (int i = 0; i < n; i++) m[i] += r[i] / rows.size();
        return m;
    }

    private static double boxIou(Blob b, SubjectTruth s) {
        int ix = Math.max(0, Math.min(b.x1(), s.box().x1()) - Math.max(b.x0(), s.box().x0()));
        int iy = Math.max(0, Math.min(b.y1(), s.box().y1()) - Math.max(b.y0(), s.box().y0()));
        double inter = (double) ix * iy;
        return inter / ((double) b.boxWidth() * b.boxHeight() + (double) s.box().width() * s.box().height() - inter);
    }

    private static String row(double[] v, int decimals) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%." + decimals + "f", v[i]));
        return sb.append('}').toString();
    }
}
