package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds hard cuts: frames whose background differs from the previous frame by much more than any
 * camera move explains. Two signals, either of which marks a cut: the coarse colour histogram of
 * the whole frame jumps (a new scene), or the background left after undoing the best camera motion
 * still differs a lot (the same scene from a new viewpoint).
 */
public final class ShotCutDetector {
    /** Histogram jump (half L1) that no continuous shot of the world produces. */
    static final double HISTOGRAM_CUT = 0.35;
    /** Mean absolute luma residual (0-255) after camera compensation below which a frame is never a cut. */
    static final double RESIDUAL_FLOOR = 6;
    /** A cut's residual stands this many times above the clip's median residual. */
    static final double RESIDUAL_RATIO = 5;

    /**
     * @param motions motions.get(t) is the camera motion from frame t - 1 to frame t (index 0 unused)
     * @return the first frame of every shot after the first, ascending
     */
    public List<Integer> cuts(List<RgbFrame> frames, List<CameraMotion> motions) {
        List<Integer> cuts = new ArrayList<>();
        double[] residuals = motions.stream().skip(1).mapToDouble(CameraMotion::residual).sorted().toArray();
        double median = residuals.length == 0 ? 0 : residuals[residuals.length / 2];
        double residualCut = Math.max(RESIDUAL_FLOOR, RESIDUAL_RATIO * median);
        double[] previous = ColourHistogram.of(frames.getFirst(), null);
        for (int t = 1; t < frames.size(); t++) {
            double[] current = ColourHistogram.of(frames.get(t), null);
            boolean cut = ColourHistogram.distance(previous, current) > HISTOGRAM_CUT
                    || motions.get(t).residual() > residualCut;
            if (cut) cuts.add(t);
            previous = current;
        }
        return cuts;
    }
}
