package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How good the picture is regardless of the prompt: VBench's quality dimensions, each computed
 * exactly on what the detectors found rather than through learned features. All are in [0, 1],
 * higher is better, and are averaged over the shots (frame pairs never straddle a cut).
 */
public final class QualityDimensions {
    public static final String TEMPORAL_FLICKERING = "temporal_flickering", MOTION_SMOOTHNESS = "motion_smoothness",
            DYNAMIC_DEGREE = "dynamic_degree", SUBJECT_CONSISTENCY = "subject_consistency",
            BACKGROUND_CONSISTENCY = "background_consistency";
    public static final List<String> NAMES = List.of(TEMPORAL_FLICKERING, MOTION_SMOOTHNESS, DYNAMIC_DEGREE,
            SUBJECT_CONSISTENCY, BACKGROUND_CONSISTENCY);
    /** Per-frame displacement (pixels, camera or subject) above which a clip counts as dynamic, as VBench's flow threshold. */
    static final double DYNAMIC_PIXELS = 0.5;

    private QualityDimensions() {}

    /** Dimension name to score, in the order of {@link #NAMES}; a video of one frame scores none. */
    public static Map<String, Double> score(PictureAnalysis a) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (a.frames().size() < 2) return Collections.unmodifiableMap(out);
        out.put(TEMPORAL_FLICKERING, temporalFlickering(a));
        out.put(MOTION_SMOOTHNESS, motionSmoothness(a));
        out.put(DYNAMIC_DEGREE, dynamicDegree(a));
        out.put(SUBJECT_CONSISTENCY, subjectConsistency(a));
        out.put(BACKGROUND_CONSISTENCY, backgroundConsistency(a));
        return Collections.unmodifiableMap(out);
    }

    /**
     * VBench: (255 - mean absolute difference of consecutive frames) / 255 on static parts. Here the
     * static part is the background with the camera motion undone and the subjects' boxes masked,
     * and the difference is that of luma, which is exactly the camera estimator's residual.
     */
    static double temporalFlickering(PictureAnalysis a) {
        double sum = 0;
        int n = 0;
        for (ShotAnalysis s : a.shots())
            for (int i = 1; i < s.length(); i++) { sum += s.motions().get(i).residual(); n++; }
        return n == 0 ? 1 : clamp(1 - sum / n / 255);
    }

    /**
     * VBench drops frames and measures how well a frame interpolator restores them. The exact
     * analogue on trajectories: each tracked centre is predicted as the midpoint of its neighbours,
     * and the mean error, in units of the subject's size (square root of its area), is subtracted
     * from 1. Smooth travel and steady arcs err by a small fraction of the size; shuffled or
     * stuttering frames by a large one.
     */
    static double motionSmoothness(PictureAnalysis a) {
        double sum = 0;
        int n = 0;
        for (ShotAnalysis s : a.shots())
            for (SubjectTrack st : s.subjects()) {
                Track t = st.track();
                double size = Math.sqrt(t.medianArea());
                for (int i = 1; i + 1 < t.length(); i++) {
                    Blob p = t.at(i - 1), q = t.at(i), r = t.at(i + 1);
                    if (p == null || q == null || r == null) continue;
                    double err = Math.hypot(q.cx() - (p.cx() + r.cx()) / 2, q.cy() - (p.cy() + r.cy()) / 2);
                    if (err > 0.5 * Math.max(a.width(), a.height())) continue; // a wrap through the frame edge
                    sum += Math.min(1, err / size);
                    n++;
                }
            }
        return n == 0 ? 1 : clamp(1 - sum / n);
    }

    /**
     * VBench: a video is dynamic (1) when its optical flow is large enough, else 0. Here: 1 when the
     * largest per-frame displacement, camera shift or any subject's centre or size change, exceeds
     * {@link #DYNAMIC_PIXELS} on at least a quarter of the frame pairs, else 0.
     */
    static double dynamicDegree(PictureAnalysis a) {
        int moving = 0, pairs = 0;
        for (ShotAnalysis s : a.shots())
            for (int i = 1; i < s.length(); i++) {
                CameraMotion m = s.motions().get(i);
                double largest = Math.hypot(m.dx(), m.dy()) + Math.abs(m.scale() - 1) * a.width() / 2;
                for (SubjectTrack st : s.subjects()) {
                    Blob p = st.track().at(i - 1), q = st.track().at(i);
                    if (p == null || q == null) continue;
                    double shift = Math.hypot(q.cx() - p.cx(), q.cy() - p.cy()) + Math.abs(q.scale() - p.scale())
                            + (1 - MaskGeometry.alignedIou(p, q)) * p.scale();
                    largest = Math.max(largest, shift);
                }
                if (largest > DYNAMIC_PIXELS) moving++;
                pairs++;
            }
        return pairs > 0 && moving >= 0.25 * pairs ? 1 : 0;
    }

    /**
     * VBench: DINO similarity of the subject to the first and to the previous frame. Here each
     * tracked subject's look is its colour (fixed by the track), its rotation-invariant outline
     * numbers (solidity, elongation, holes) and, frame to frame, its size; similarity is 1 minus
     * their differences, averaged over the first-frame and previous-frame comparisons. A subject
     * lost for a frame in the middle of its track scores 0 there.
     */
    static double subjectConsistency(PictureAnalysis a) {
        double sum = 0;
        int n = 0;
        for (ShotAnalysis s : a.shots())
            for (SubjectTrack st : s.subjects()) {
                Track t = st.track();
                int firstSeen = -1, lastSeen = -1;
                for (int i = 0; i < t.length(); i++) if (t.at(i) != null) { if (firstSeen < 0) firstSeen = i; lastSeen = i; }
                ShapeDescriptor first = ShapeDescriptor.of(t.at(firstSeen));
                Blob previous = t.at(firstSeen);
                for (int i = firstSeen + 1; i <= lastSeen; i++) {
                    Blob b = t.at(i);
                    n++;
                    if (b == null) continue;
                    ShapeDescriptor d = ShapeDescriptor.of(b), pd = ShapeDescriptor.of(previous);
                    double toFirst = similarity(first, d);
                    double toPrevious = similarity(pd, d) * Math.min(b.area(), previous.area()) / Math.max(b.area(), previous.area());
                    sum += (toFirst + toPrevious) / 2;
                    previous = b;
                }
            }
        return n == 0 ? 1 : clamp(sum / n);
    }

    private static double similarity(ShapeDescriptor x, ShapeDescriptor y) {
        double d = Math.abs(x.solidity() - y.solidity()) + 0.5 * Math.abs(Math.log(x.elongation() / y.elongation()))
                + (x.holes() > 0 == y.holes() > 0 ? 0 : 0.25);
        return clamp(1 - d);
    }

    /**
     * VBench: CLIP similarity of each frame's background to the first and the previous frame. Here
     * the background's coarse colour histogram (subjects' boxes masked), compared by 1 - half the L1
     * distance, which catches a background that drifts, changes identity or breaks up, but not a
     * camera move over the same scene.
     */
    static double backgroundConsistency(PictureAnalysis a) {
        double sum = 0;
        int n = 0;
        for (ShotAnalysis s : a.shots()) {
            double[] first = null, previous = null;
            for (int f = s.start(); f < s.end(); f++) {
                RgbFrame frame = a.frames().get(f);
                boolean[] mask = CameraEstimator.backgroundMask(a.width(), a.height(), a.blobs().get(f), List.of());
                double[] h = ColourHistogram.of(frame, mask);
                if (first == null) first = h;
                else {
                    sum += 1 - (ColourHistogram.distance(first, h) + ColourHistogram.distance(previous, h)) / 2;
                    n++;
                }
                previous = h;
            }
        }
        return n == 0 ? 1 : clamp(sum / n);
    }

    static double clamp(double v) { return Math.clamp(v, 0.0, 1.0); }
}
