package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Camera;

import java.util.List;

/**
 * Estimates the global background motion between frames (block matching of the whole background,
 * subjects masked out: translation first, then scale, then a joint refinement at finer steps) and
 * names the shot's camera move from the accumulated shift and the first-to-last zoom.
 */
public final class CameraEstimator {
    /** Largest per-frame shift searched, as a fraction of the width. */
    static final double MAX_SHIFT_FRACTION = 0.15;
    /** A shot zooms when its first and last frames differ in scale by this factor; the world zooms by 1.5. */
    static final double ZOOM_LOG_THRESHOLD = Math.log(1.15);
    /** A shot pans when its total horizontal shift exceeds this fraction of the width. */
    static final double PAN_FRACTION = 0.05;
    /**
     * A shot also pans when its first and last frames are this fraction of the width apart (see
     * {@link #panShift}): over a flat studio,
     * desert or snowfield the frame-to-frame steps of a pan (a pixel or less) hide in the codec's
     * noise and the search keeps the identity, but the whole pan shows between the shot's ends
     * (1.6 pixels or more at 64 wide, where static shots measure 0.13 at most).
     */
    static final double ACROSS_PAN_FRACTION = 0.025;
    /**
     * Mean luma difference under which the first-to-last match is clean enough to show a pan on its
     * own (flat scenes' pans match to 0.7 or better; noise leaves several levels and random shifts).
     */
    static final double CLEAN_MATCH = 1.5;
    /** A neighbouring-frame match worse than this (mean luma difference) may be a trapped search. */
    static final double TRAPPED_RESIDUAL = 2;

    /**
     * Motion from frame a to the next frame b, ignoring the pixels covered by the subjects of either
     * frame. A flat background shows no motion, and then the identity wins.
     */
    public CameraMotion estimate(RgbFrame a, RgbFrame b, List<Blob> subjectsA, List<Blob> subjectsB) {
        CameraMotion shiftFirst = search(a, b, subjectsA, subjectsB, MAX_SHIFT_FRACTION, 0.12, false);
        if (shiftFirst.residual() <= TRAPPED_RESIDUAL) return shiftFirst;
        // A fast zoom (a short zooming shot changes scale by up to ~10% a frame) can trap the
        // shift-first search in a wrong shift whose residual looks like a cut; a scale-first start
        // over a wider range gets out of it.
        CameraMotion wide = search(a, b, subjectsA, subjectsB, MAX_SHIFT_FRACTION, 0.25, true);
        return wide.residual() < shiftFirst.residual() - 1e-9 ? wide : shiftFirst;
    }

    /**
     * The residual of a motion found elsewhere, measured on frames a and b: the flicker score reads
     * the frames as given, while the motion may have been found on their denoised copies.
     */
    public double residual(RgbFrame a, RgbFrame b, List<Blob> subjectsA, List<Blob> subjectsB, CameraMotion motion) {
        int w = a.width(), h = a.height();
        return cost(Luma.of(a), Luma.of(b), backgroundMask(w, h, subjectsA, subjectsB), w, h, motion.dx(), motion.dy(), motion.scale());
    }

    /**
     * Motion between two frames far apart in one shot (the first and last): a wider search, so that
     * slow zooms, too small to measure between neighbouring frames of a flat scene, add up to
     * something visible.
     */
    public CameraMotion estimateAcross(RgbFrame a, RgbFrame b, List<Blob> subjectsA, List<Blob> subjectsB) {
        return search(a, b, subjectsA, subjectsB, 0.35, 0.6, true);
    }

    /**
     * Coordinate search, translation first, refined at finer steps. Between distant frames a second
     * start, scale first, is tried as well (a large zoom seen as a shift would otherwise trap it) and
     * the lower residual wins; between neighbouring frames the motion is too small for that trap.
     */
    private CameraMotion search(RgbFrame a, RgbFrame b, List<Blob> subjectsA, List<Blob> subjectsB,
                                double maxShiftFraction, double maxLogScale, boolean bothStarts) {
        int w = a.width(), h = a.height();
        Problem p = new Problem(Luma.of(a), Luma.of(b), backgroundMask(w, h, subjectsA, subjectsB), w, h,
                Math.max(2, (int) Math.round(maxShiftFraction * w)), (int) Math.round(maxLogScale / 0.01));
        CameraMotion shiftFirst = p.refine(p.scaleSearch(p.shiftSearch(new double[]{0, 0, 1})));
        if (!bothStarts) return shiftFirst;
        CameraMotion scaleFirst = p.refine(p.shiftSearch(p.scaleSearch(new double[]{0, 0, 1})));
        return scaleFirst.residual() < shiftFirst.residual() - 1e-9 ? scaleFirst : shiftFirst;
    }

    /** One matching problem: two luma planes, the background mask and the search ranges. */
    private record Problem(float[] la, float[] lb, boolean[] valid, int w, int h, int maxShift, int scaleSteps) {
        double cost(double[] m) { return CameraEstimator.cost(la, lb, valid, w, h, m[0], m[1], m[2]); }

        double[] shiftSearch(double[] start) {
            double[] best = start.clone();
            double bestCost = cost(best);
            for (int dy = -2; dy <= 2; dy++)
                for (int dx = -maxShift; dx <= maxShift; dx++) {
                    double[] m = {dx, dy, start[2]};
                    double c = cost(m);
                    if (better(c, bestCost, m, best)) { bestCost = c; best = m; }
                }
            return best;
        }

        double[] scaleSearch(double[] start) {
            double[] best = start.clone();
            double bestCost = cost(best);
            for (int k = -scaleSteps; k <= scaleSteps; k++) {
                double[] m = {start[0], start[1], Math.exp(0.01 * k)};
                double c = cost(m);
                if (better(c, bestCost, m, best)) { bestCost = c; best = m; }
            }
            return best;
        }

        CameraMotion refine(double[] start) {
            double[] best = start.clone();
            double bestCost = cost(best);
            for (double step : new double[]{0.5, 0.25, 0.125}) {
                boolean moved = true;
                for (int round = 0; moved && round < 8; round++) {
                    moved = false;
                    double[][] deltas = {{step, 0, 0}, {-step, 0, 0}, {0, step, 0}, {0, -step, 0},
                            {0, 0, step * 0.01}, {0, 0, -step * 0.01}};
                    for (double[] d : deltas) {
                        double[] m = {best[0] + d[0], best[1] + d[1], best[2] + d[2]};
                        double c = cost(m);
                        if (c < bestCost - 1e-9) { bestCost = c; best = m; moved = true; }
                    }
                }
            }
            return new CameraMotion(best[0], best[1], best[2], bestCost);
        }
    }

    /** Ties (flat backgrounds) go to the smaller motion, so a featureless shot reads as static. */
    private static boolean better(double c, double best, double[] m, double[] bestM) {
        if (c < best - 1e-6) return true;
        if (c > best + 1e-6) return false;
        return size(m) < size(bestM);
    }

    private static double size(double[] m) { return Math.abs(m[0]) + Math.abs(m[1]) + 100 * Math.abs(m[2] - 1); }

    /**
     * The camera move of a shot: a zoom when the shot's first and last frames differ in scale by more
     * than {@link #ZOOM_LOG_THRESHOLD} (see {@link #zoomScale}), otherwise a pan when the frame-to-frame
     * shifts add up to more than {@link #PAN_FRACTION} of the width (pans are chained because a long
     * pan leaves the first frame behind) or the first and last frames are
     * {@link #ACROSS_PAN_FRACTION} of the width apart, otherwise static.
     *
     * @param steps  frame-to-frame motions of the shot (its first frame excluded)
     * @param across {@link #estimateAcross} of the shot's first and last frames
     */
    public Camera classify(List<CameraMotion> steps, CameraMotion across, int width) {
        double logScale = Math.log(zoomScale(steps, across));
        if (Math.abs(logScale) >= ZOOM_LOG_THRESHOLD) return logScale > 0 ? Camera.ZOOM_IN : Camera.ZOOM_OUT;
        double shift = panShift(steps, across, width);
        // The camera turning left sweeps the scene to the right across the picture.
        if (shift != 0) return shift > 0 ? Camera.PAN_LEFT : Camera.PAN_RIGHT;
        return Camera.STATIC;
    }

    /**
     * The horizontal shift a shot is judged by (content moving right is positive): the first-to-last
     * shift when it is a clean match, {@link #ACROSS_PAN_FRACTION} of the width or more, larger than
     * the chained frame-to-frame shifts (those lose part of a slow pan over a flat scene) and the same
     * way as they go (over a long pan a flat studio matches its ends anywhere, the wrong way too);
     * else the chained shifts when they add up to {@link #PAN_FRACTION} of the width; else 0.
     */
    static double panShift(List<CameraMotion> steps, CameraMotion across, int width) {
        double chained = 0;
        for (CameraMotion m : steps) chained += m.dx();
        boolean direct = Math.abs(across.dx()) >= ACROSS_PAN_FRACTION * width && across.residual() <= CLEAN_MATCH
                && Math.abs(across.dx()) > Math.abs(chained) && (Math.abs(chained) < 1 || Math.signum(chained) == Math.signum(across.dx()));
        if (direct) return across.dx();
        return Math.abs(chained) >= PAN_FRACTION * width ? chained : 0;
    }

    /**
     * The first-to-last scale a shot is judged by: the direct comparison of its first and last frames,
     * unless that falls short of {@link #ZOOM_LOG_THRESHOLD} but goes the same way by half of it at
     * least while the product of the frame-to-frame scales clears it: a large subject crossing the
     * picture, or a flat studio, can trap the direct search short of the zoom (static and panning
     * shots chain to 1.04 at most, and their direct scales stay at 1).
     */
    static double zoomScale(List<CameraMotion> steps, CameraMotion across) {
        double chained = 0;
        for (CameraMotion m : steps) chained += Math.log(m.scale());
        double direct = Math.log(across.scale());
        boolean shortOfIt = Math.abs(direct) < ZOOM_LOG_THRESHOLD && Math.abs(direct) >= ZOOM_LOG_THRESHOLD / 2
                && Math.signum(direct) == Math.signum(chained) && Math.abs(chained) >= ZOOM_LOG_THRESHOLD;
        return shortOfIt ? Math.exp(chained) : across.scale();
    }

    /** Pixels of the later frame that belong to no subject in either frame, with a one-pixel margin. */
    static boolean[] backgroundMask(int w, int h, List<Blob> subjectsA, List<Blob> subjectsB) {
        boolean[] valid = new boolean[w * h]; // [h*w]
        java.util.Arrays.fill(valid, true);
        for (List<Blob> list : List.of(subjectsA, subjectsB))
            for (Blob s : list)
                for (int y = Math.max(0, s.y0() - 2); y < Math.min(h, s.y1() + 2); y++)
                    for (int x = Math.max(0, s.x0() - 2); x < Math.min(w, s.x1() + 2); x++)
                        valid[y * w + x] = false;
        return valid;
    }

    /** Mean absolute luma difference between b and a warped by the motion, over valid pixels of b. */
    static double cost(float[] la, float[] lb, boolean[] valid, int w, int h, double dx, double dy, double s) {
        double cx = w / 2.0, cy = h / 2.0, sum = 0;
        int count = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!valid[i]) continue;
                double px = cx + (x + 0.5 - cx - dx) / s, py = cy + (y + 0.5 - cy - dy) / s;
                float v = Luma.sample(la, w, h, px, py);
                if (Float.isNaN(v)) continue;
                sum += Math.abs(v - lb[i]);
                count++;
            }
        return count < w * h / 8 ? Double.MAX_VALUE / 4 : sum / count;
    }
}
