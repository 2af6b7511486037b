package ai.gallop.world;

import ai.gallop.world.Vocabulary.Relation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places a shot's subjects on its first frame so that every relation holds and every subject is
 * inside the frame. Besides the relations it wants each subject on its footing (ground, sky, sea)
 * and in view for the whole shot, a travelling one with its path near the middle of the view. It
 * also wants the relation to read clearly (its axis dominant, a gap between the boxes). It tries the
 * strictest layout first and relaxes step by step when the frame is too small for it (see
 * {@link #ladder}), down to "the subject's centre is on the named side of the reference's centre".
 * Relations always win over footing and view, and a relation whose axis dominates clearly wins over
 * keeping every subject in view for the whole shot: a judge reads "left of" from the two boxes'
 * centres (VBench takes the axis along which they differ most), so a pair laid on the diagonal reads
 * as neither.
 */
final class SubjectLayout {
    private static final int ATTEMPTS = 40, TRIES = 60;
    private static final double[] MAX_IOU = {0.02, 0.1, 0.2, 0.3, 1.0};
    /**
     * How much farther apart the centres must be along the relation's axis than across it, as a
     * fraction of the frame's shorter side, for the axis to dominate: the boxes a judge finds differ
     * from the shapes' boxes by a pixel or two (hidden tips, rounding, the codec), so a bare majority
     * can turn into a tie.
     */
    static final double DOMINANCE_MARGIN = 0.06;

    /**
     * What the layout knows of one subject. {@code start}: its box on the first frame relative to its
     * anchor; {@code reach}: the box it sweeps over its first cycle (bounce, hop, growth). {@code view}:
     * the anchor range {minX, maxX, minY, maxY} that keeps it in view for the whole shot, or for as
     * long as possible from the start when it cannot stay; {@code centred} the part of it that puts a
     * travelling subject's path near the middle of the view; both null when even the first frame is
     * too small for it. {@code footing}: the anchor y range {min, max} on its ground, in its sky or
     * sea, or null where it is free.
     */
    record Piece(double[] start, double[] reach, double[] view, double[] centred, double[] footing) {}

    private enum View { CENTRED, WHOLE_SHOT, FIRST_FRAME }

    private enum Footing { ALL, UNLESS_STACKED, NONE }

    /** One rung of the ladder: {@code dominant} asks the relation's axis to dominate clearly (see {@link #holds}). */
    private record Step(int level, Footing footing, View view, boolean dominant) {}

    private static final List<Step> LADDER = ladder();

    private SubjectLayout() {}

    /**
     * Strictest first, in groups: the relation's axis dominant with every subject in view for the
     * whole shot, then with only the first frame in view; then any axis (in view for the whole shot,
     * then the first frame), then every footing dropped, then the loosest levels. Within a group a
     * clear gap comes before a slight overlap (levels 0 to 2), keeping every footing before lifting a
     * subject placed above or below another, and a centred path before one merely in view.
     */
    private static List<Step> ladder() {
        List<Step> steps = new ArrayList<>();
        for (boolean dominant : new boolean[]{true, false})
            for (View view : List.of(View.WHOLE_SHOT, View.FIRST_FRAME))
                for (int level = 0; level < 3; level++)
                    for (Footing footing : List.of(Footing.ALL, Footing.UNLESS_STACKED)) {
                        if (view == View.WHOLE_SHOT) steps.add(new Step(level, footing, View.CENTRED, dominant));
                        steps.add(new Step(level, footing, view, dominant));
                    }
        for (int level = 0; level < 3; level++)
            for (View view : List.of(View.WHOLE_SHOT, View.FIRST_FRAME)) steps.add(new Step(level, Footing.NONE, view, false));
        for (int level = 3; level < MAX_IOU.length; level++) steps.add(new Step(level, Footing.NONE, View.FIRST_FRAME, false));
        return List.copyOf(steps);
    }

    /** Returns an anchor {x, y} per subject. */
    static double[][] place(List<RelationSpec> relations, List<Piece> pieces, int width, int height, SplittableRandom rng) {
        double gap = 0.03 * Math.min(width, height), margin = DOMINANCE_MARGIN * Math.min(width, height);
        for (Step step : LADDER)
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double[][] anchors = attempt(relations, pieces, width, height, step, gap, margin, rng);
                if (anchors != null) return anchors;
            }
        // only a frame far too small for its subjects gets here: keep them inside it at least
        double[][] anchors = new double[pieces.size()][];
        for (int i = 0; i < anchors.length; i++) {
            double[] range = frameRange(pieces.get(i).start(), width, height);
            anchors[i] = new double[]{pick(range[0], range[1], rng), pick(range[2], range[3], rng)};
        }
        return anchors;
    }

    private static double[][] attempt(List<RelationSpec> relations, List<Piece> pieces, int width, int height,
                                      Step step, double gap, double margin, SplittableRandom rng) {
        int n = pieces.size();
        double[][] anchors = new double[n][];
        double[][] boxes = new double[n][], reaches = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] range = range(pieces.get(i), i == 0 ? null : relations.get(i - 1).relation(), step, width, height);
            if (range == null) return null;
            for (int tries = 0; tries < TRIES && anchors[i] == null; tries++) {
                double[] a = {pick(range[0], range[1], rng), pick(range[2], range[3], rng)};
                double[] box = shift(pieces.get(i).start(), a), reach = shift(pieces.get(i).reach(), a);
                if (i > 0 && !fitsWith(relations.get(i - 1), box, reach, boxes, reaches, i, step, gap, margin)) continue;
                anchors[i] = a;
                boxes[i] = box;
                reaches[i] = reach;
            }
            if (anchors[i] == null) return null;
        }
        return anchors;
    }

    /** The anchor range {minX, maxX, minY, maxY} a step allows a subject, or null when its footing and view exclude each other. */
    private static double[] range(Piece piece, Relation relation, Step step, int width, int height) {
        double[] keepInside = step.level() == 0 && fits(piece.reach(), width, height) ? piece.reach() : piece.start();
        double[] range = switch (step.view()) {
            case CENTRED -> piece.centred();
            case WHOLE_SHOT -> piece.view();
            case FIRST_FRAME -> null;
        };
        range = range == null ? frameRange(keepInside, width, height) : range.clone();
        boolean stacked = relation == Relation.ABOVE || relation == Relation.BELOW;
        boolean footed = piece.footing() != null
                && (step.footing() == Footing.ALL || step.footing() == Footing.UNLESS_STACKED && !stacked);
        if (footed) {
            range[2] = Math.max(range[2], piece.footing()[0]);
            range[3] = Math.min(range[3], piece.footing()[1]);
            if (range[2] > range[3]) return null;
        }
        return range;
    }

    /**
     * Whether a box may join those placed so far. The relation is judged on the first frame; at the
     * two strictest levels overlaps are judged on the boxes swept by bounces, hops and growth too, so
     * that a bouncing ball does not hit the box placed over it.
     */
    private static boolean fitsWith(RelationSpec r, double[] box, double[] reach, double[][] placed, double[][] reached,
                                    int count, Step step, double gap, double margin) {
        int level = step.level();
        if (!holds(r.relation(), box, placed[r.reference()], level, level == 0 ? gap : 0, step.dominant() ? margin : -1)) return false;
        for (int j = 0; j < count; j++) {
            if (iou(box, placed[j]) > MAX_IOU[level]) return false;
            if (level <= 1 && iou(reach, reached[j]) > MAX_IOU[level]) return false;
        }
        return true;
    }

    /**
     * Whether box a stands in relation r to box b, at a strictness level (0 strictest). With a
     * {@code margin} of 0 or more, the named axis must also dominate by it: "above" reads best when the
     * centres are farther apart vertically than sideways, by a margin a pixel or two cannot undo; a
     * negative margin asks nothing of the axes.
     */
    static boolean holds(Relation r, double[] a, double[] b, int level, double gap, double margin) {
        boolean vertical = r == Relation.ABOVE || r == Relation.BELOW;
        double along = vertical ? (b[1] + b[3] - a[1] - a[3]) / 2 : (b[0] + b[2] - a[0] - a[2]) / 2;
        double across = vertical ? (b[0] + b[2] - a[0] - a[2]) / 2 : (b[1] + b[3] - a[1] - a[3]) / 2;
        if (margin >= 0 && Math.abs(along) <= Math.abs(across) + margin) return false;
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

    /** The anchor range that keeps a box (relative to its anchor) inside the frame; its centre line when it cannot. */
    private static double[] frameRange(double[] box, int width, int height) {
        double[] x = interval(-box[0], width - box[2]), y = interval(-box[1], height - box[3]);
        return new double[]{x[0], x[1], y[0], y[1]};
    }

    private static double[] interval(double min, double max) {
        return max >= min ? new double[]{min, max} : new double[]{(min + max) / 2, (min + max) / 2};
    }

    private static double pick(double min, double max, SplittableRandom rng) {
        return max > min ? min + (max - min) * rng.nextDouble() : (min + max) / 2;
    }

    private static double[] shift(double[] box, double[] a) {
        return new double[]{box[0] + a[0], box[1] + a[1], box[2] + a[0], box[3] + a[1]};
    }
}
