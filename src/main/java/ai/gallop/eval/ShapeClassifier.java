package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Subject;

import ai.gallop.media.RgbFrame;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Names a subject's kind from the outline of its blob with a nearest-reference rule in a space of
 * rotation- and mirror-invariant shape features (a spinning box or a fish facing left keeps its
 * numbers). A track's kind is the most frequent per-frame answer over the frames where the subject
 * is whole (not cut by the frame edge), weighted by its area so that hidden, partial sightings count less.
 */
public final class ShapeClassifier {
    /** Features: solidity, log elongation, has a hole, star lobes (capped at 5), disc fill, radial spread, tyre pixels. */
    static final int FEATURES = 7;
    /** The grey (0x262626) the world paints car wheels in. */
    static final int TYRE = 38;

    /**
     * Per kind: mean and standard deviation of each feature, measured on the world's renders
     * (PictureCalibrationTest.shapeReference prints them: 150 sampled specs at 64x64 8 fps, 96x54
     * 8 fps and 64x64 12 fps, every frame, about 3600 whole sightings (not cut by the frame edge,
     * not hidden); standard deviations are floored at 0.1 for the hole flag and 0.01 for tyre pixels, which
     * never vary for most kinds).
     */
    private static final Map<Subject, double[][]> REFERENCE = new EnumMap<>(Subject.class);

    static {
        REFERENCE.put(Subject.HORSE, new double[][]{{0.544, 0.557, 0.162, 4.141, 0.286, 0.422, 0}, {0.038, 0.100, 0.368, 0.689, 0.021, 0.047, 0.01}});
        REFERENCE.put(Subject.BALL, new double[][]{{0.889, 0.037, 0.965, 1.853, 0.804, 0.074, 0}, {0.018, 0.020, 0.184, 1.977, 0.034, 0.056, 0.01}});
        REFERENCE.put(Subject.BIRD, new double[][]{{0.778, 0.994, 0.001, 3.318, 0.279, 0.442, 0}, {0.045, 0.188, 0.1, 0.985, 0.040, 0.052, 0.01}});
        REFERENCE.put(Subject.CAR, new double[][]{{0.829, 0.814, 0, 4.076, 0.341, 0.393, 0.084}, {0.037, 0.080, 0.1, 0.820, 0.035, 0.038, 0.056}});
        REFERENCE.put(Subject.FISH, new double[][]{{0.729, 0.879, 0.028, 3.807, 0.310, 0.410, 0}, {0.041, 0.080, 0.165, 0.820, 0.043, 0.036, 0.01}});
        REFERENCE.put(Subject.BOX, new double[][]{{0.976, 0.030, 0, 4.183, 0.663, 0.133, 0}, {0.052, 0.045, 0.1, 0.386, 0.025, 0.036, 0.01}});
        REFERENCE.put(Subject.STAR, new double[][]{{0.589, 0.076, 0, 4.987, 0.419, 0.304, 0}, {0.050, 0.063, 0.1, 0.114, 0.046, 0.035, 0.01}});
    }

    /** The feature vector of one blob seen in a frame. */
    static double[] features(Blob blob, RgbFrame frame) {
        ShapeDescriptor d = ShapeDescriptor.of(blob);
        double spread = 0;
        for (double r : d.radial()) spread += (r - 1) * (r - 1);
        spread = Math.sqrt(spread / d.radial().length);
        return new double[]{d.solidity(), Math.log(d.elongation()), d.holes() > 0 ? 1 : 0, Math.min(5, d.lobes()), d.discFill(), spread,
                wheels(blob, frame)};
    }

    /**
     * Pixels of tyre grey just outside the body, per body pixel: a car's wheels are painted in their
     * own dark grey, which the segmenter keeps out of the body, so they show up here instead.
     */
    static double wheels(Blob blob, RgbFrame frame) {
        int count = 0;
        for (int y = Math.max(0, blob.y0() - 2); y < Math.min(frame.height(), blob.y1() + 2); y++)
            for (int x = Math.max(0, blob.x0() - 2); x < Math.min(frame.width(), blob.x1() + 2); x++) {
                if (blob.covers(x, y)) continue;
                int p = frame.get(x, y);
                double dr = (p >> 16 & 255) - TYRE, dg = (p >> 8 & 255) - TYRE, db = (p & 255) - TYRE;
                if (dr * dr + dg * dg + db * db <= 16 * 16) count++;
            }
        return Math.min(0.3, count / (double) blob.area());
    }

    /** The kind whose reference is nearest to one blob (negative log-likelihood of a diagonal Gaussian). */
    public Subject classify(Blob blob, RgbFrame frame) {
        double[] f = features(blob, frame);
        Subject best = null;
        double bestCost = Double.MAX_VALUE;
        for (var e : REFERENCE.entrySet()) {
            double[] mean = e.getValue()[0], sd = e.getValue()[1];
            double cost = 0;
            for (int i = 0; i < FEATURES; i++) {
                double z = (f[i] - mean[i]) / sd[i];
                cost += 0.5 * z * z + Math.log(sd[i]);
            }
            if (cost < bestCost) { bestCost = cost; best = e.getKey(); }
        }
        return best;
    }

    /** The kind of a whole track: an area-weighted vote over its whole (not edge-cut) sightings. */
    public Subject classify(Track track, List<RgbFrame> shotFrames) {
        int width = shotFrames.getFirst().width(), height = shotFrames.getFirst().height();
        Map<Subject, Double> votes = new EnumMap<>(Subject.class);
        boolean anyWhole = false;
        for (Blob b : track.blobs()) if (b != null && !ActionClassifier.touchesEdge(b, width, height)) anyWhole = true;
        for (int i = 0; i < track.length(); i++) {
            Blob b = track.at(i);
            if (b == null || (anyWhole && ActionClassifier.touchesEdge(b, width, height))) continue;
            votes.merge(classify(b, shotFrames.get(i)), (double) b.area(), Double::sum);
        }
        Subject best = null;
        double bestVotes = -1;
        for (var e : votes.entrySet()) if (e.getValue() > bestVotes) { bestVotes = e.getValue(); best = e.getKey(); }
        return best;
    }
}
