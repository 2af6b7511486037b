package ai.gallop.world;

import ai.gallop.world.Vocabulary.Relation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Places a shot's subjects on its first frame so that every relation holds and every subject is
 * inside the frame. It tries strict layouts first (clear gaps, no overlap, room for the whole
 * bounce or growth) and relaxes step by step when the frame is too small for them, down to "the
 * subject's centre is on the named side of the reference's centre".
 */
final class SubjectLayout {
    private static final int LEVELS = 5, ATTEMPTS = 40, TRIES = 60;
    private static final double[] MAX_IOU = {0.02, 0.1, 0.2, 0.3, 1.0};

    private SubjectLayout() {}

    /**
     * Returns an anchor {x, y} per subject. {@code start.get(i)} is subject i's box on the first
     * frame relative to its anchor, {@code reach.get(i)} the box it sweeps over its first cycle.
     */
    static double[][] place(List<RelationSpec> relations, List<double[]> start, List<double[]> reach,
                            int width, int height, SplittableRandom rng) {
        double gap = 0.03 * Math.min(width, height);
        for (int level = 0; level < LEVELS; level++)
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double[][] anchors = attempt(relations, start, reach, width, height, level, gap, rng);
                if (anchors != null) return anchors;
            }
        // only a frame far too small for its subjects gets here: keep them inside it at least
        double[][] anchors = new double[start.size()][];
        for (int i = 0; i < anchors.length; i++) anchors[i] = randomAnchor(start.get(i), width, height, rng);
        return anchors;
    }

    private static double[][] attempt(List<RelationSpec> relations, List<double[]> start, List<double[]> reach,
                                      int width, int height, int level, double gap, SplittableRandom rng) {
        int n = start.size();
        double[][] anchors = new double[n][];
        double[][] boxes = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] keepInside = level == 0 && fits(reach.get(i), width, height) ? reach.get(i) : start.get(i);
            for (int tries = 0; tries < TRIES && anchors[i] == null; tries++) {
                double[] a = randomAnchor(keepInside, width, height, rng);
                double[] box = shift(start.get(i), a);
                if (i > 0 && !fitsWith(relations.get(i - 1), box, boxes, i, level, gap)) continue;
                anchors[i] = a;
                boxes[i] = box;
            }
            if (anchors[i] == null) return null;
        }
        return anchors;
    }

    private static boolean fitsWith(RelationSpec r, double[] box, double[][] placed, int count, int level, double gap) {
        if (!holds(r.relation(), box, placed[r.reference()], level, level == 0 ? gap : 0)) return false;
        for (int j = 0; j < count; j++) if (iou(box, placed[j]) > MAX_IOU[level]) return false;
        return true;
    }

    /** Whether box a stands in relation r to box b, at a strictness level (0 strictest). */
    static boolean holds(Relation r, double[] a, double[] b, int level, double gap) {
        return switch (r) {
            case LEFT_OF -> before(a[0], a[2], b[0], b[2], level, gap);
            case RIGHT_OF -> before(b[0], b[2], a[0], a[2], level, gap);
            case ABOVE -> before(a[1], a[3], b[1], b[3], level, gap);
            case BELOW -> before(b[1], b[3], a[1], a[3], level, gap);
        };
    }

    /** Whether interval [p0, p1] comes before [q0, q1] along an axis. */
    private static boolean before(double p0, double p1, double q0, double q1, int level, double gap) {
        double shorter = Math.min(p1 - p0, q1 - q0), centreGap = (q0 + q1) / 2 - (p0 + p1) / 2;
        return switch (level) {
            case 0, 1 -> p1 + gap <= q0;
            case 2 -> centreGap > 0 && p1 - q0 <= shorter / 3;
            case 3 -> centreGap >= 0.15 * shorter;
            default -> centreGap > 0;
        };
    }

    static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) return 0;
        double inter = w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static boolean fits(double[] box, int width, int height) {
        return box[2] - box[0] <= width && box[3] - box[1] <= height;
    }

    /** A uniform anchor that keeps the box (relative to its anchor) inside the frame; centred when it cannot. */
    private static double[] randomAnchor(double[] box, int width, int height, SplittableRandom rng) {
        return new double[]{along(box[0], box[2], width, rng), along(box[1], box[3], height, rng)};
    }

    private static double along(double lo, double hi, int extent, SplittableRandom rng) {
        double min = -lo, max = extent - hi;
        return max > min ? min + (max - min) * rng.nextDouble() : (min + max) / 2;
    }

    private static double[] shift(double[] box, double[] a) {
        return new double[]{box[0] + a[0], box[1] + a[1], box[2] + a[0], box[3] + a[1]};
    }
}
