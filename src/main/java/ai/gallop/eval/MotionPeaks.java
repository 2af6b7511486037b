package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.Arrays;
import java.util.List;

/**
 * The video side of AV-Align: a motion curve over time and its local maxima. AV-Align uses
 * {@link #subjectCurve}, built from the picture side's tracked subjects with the camera's motion
 * undone (the paper uses the whole frame's optical-flow magnitude, which camera moves and spins
 * fill with peaks that make no sound). {@link #motionCurve}, the mean absolute difference of
 * consecutive frames, is the whole-frame classical stand-in, kept as a motion statistic
 * ({@link ClipFeatures}) and for comparison; a difference between frames k - 1 and k is placed at
 * their midpoint, (k - 0.5) / fps seconds.
 */
public final class MotionPeaks {
    /** A peak must rise this fraction of the curve's range above its lower neighbourhood minimum. */
    public static final double MIN_PROMINENCE_FRACTION = 0.1;
    /** Below this (0.5 / 255 per channel) a change is compression noise, not motion. */
    public static final double MIN_PROMINENCE_ABSOLUTE = 0.5 / 255;

    private MotionPeaks() {}

    /** curve[k - 1] = mean |frame k - frame k-1| / 255 for k = 1 .. n - 1; empty for a single frame. */
    public static double[] motionCurve(List<RgbFrame> frames) {
        if (frames == null || frames.isEmpty()) throw new IllegalArgumentException("motion needs at least one frame; got none");
        double[] curve = new double[frames.size() - 1];
        for (int k = 1; k < frames.size(); k++) {
            byte[] a = frames.get(k - 1).rgb(), b = frames.get(k).rgb();
            if (a.length != b.length)
                throw new IllegalArgumentException("frames " + (k - 1) + " and " + k + " differ in size; allowed: one size per video");
            long sum = 0;
            for (int i = 0; i < a.length; i++) sum += Math.abs((a[i] & 255) - (b[i] & 255));
            curve[k - 1] = sum / (255.0 * a.length);
        }
        return curve;
    }

    /** Below this (a twentieth of the subject's size per frame squared) a change of motion is tracking noise. */
    public static final double MIN_SUBJECT_PROMINENCE = 0.1;

    /**
     * The subjects' motion curve, one value per frame: the sum over the tracked subjects seen on
     * frames k - 1, k and k + 1 (none cut by the picture edge) of the magnitude of their
     * camera-compensated acceleration |c(k+1) - 2 c(k) + c(k-1)|, in units of the subject's size
     * (square root of its median area). Impacts are sudden changes of motion: a ball reverses at
     * its contact, a jumper stops at its landing; steady travel and camera moves give nothing.
     */
    public static double[] subjectCurve(PictureAnalysis analysis) {
        double[] curve = new double[analysis.frames().size()];
        for (ShotAnalysis shot : analysis.shots()) {
            CameraCompensation camera = CameraCompensation.of(shot.motions(), analysis.width(), analysis.height());
            for (SubjectTrack subject : shot.subjects()) {
                Track t = subject.track();
                double size = Math.sqrt(t.medianArea());
                for (int i = 1; i + 1 < t.length(); i++) {
                    Blob p = t.at(i - 1), q = t.at(i), r = t.at(i + 1);
                    if (p == null || q == null || r == null) continue;
                    if (ActionClassifier.touchesEdge(p, analysis.width(), analysis.height()) || ActionClassifier.touchesEdge(q, analysis.width(), analysis.height())
                            || ActionClassifier.touchesEdge(r, analysis.width(), analysis.height())) continue;
                    double inX = camera.worldX(i, q.cx()) - camera.worldX(i - 1, p.cx()), inY = camera.worldY(i, q.cy()) - camera.worldY(i - 1, p.cy());
                    double outX = camera.worldX(i + 1, r.cx()) - camera.worldX(i, q.cx()), outY = camera.worldY(i + 1, r.cy()) - camera.worldY(i, q.cy());
                    double inSpeed = Math.hypot(inX, inY);
                    if (inSpeed == 0) continue;
                    // the part of the incoming velocity that the change of velocity cancels
                    double lost = -((outX - inX) * inX + (outY - inY) * inY) / inSpeed;
                    curve[shot.start() + i] += Math.clamp(lost, 0, inSpeed) / size;
                }
            }
        }
        return curve;
    }

    /** Times in seconds (frame k at k / fps) of the peaks of {@link #subjectCurve}: AV-Align's video peaks. */
    public static double[] subjectPeakTimes(PictureAnalysis analysis, int fps) {
        if (fps <= 0) throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: a positive frame rate");
        int[] peaks = peakIndices(subjectCurve(analysis), MIN_SUBJECT_PROMINENCE);
        double[] times = new double[peaks.length];
        for (int i = 0; i < peaks.length; i++) times[i] = peaks[i] / (double) fps;
        return times;
    }

    /** Times in seconds of the motion peaks of a video at {@code fps}. */
    public static double[] peakTimes(List<RgbFrame> frames, int fps) {
        if (fps <= 0) throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: a positive frame rate");
        int[] peaks = peakIndices(motionCurve(frames), MIN_PROMINENCE_ABSOLUTE);
        double[] times = new double[peaks.length];
        for (int i = 0; i < peaks.length; i++) times[i] = (peaks[i] + 0.5) / fps;   // curve index i sits between frames i and i + 1
        return times;
    }

    /**
     * Interior local maxima (a flat top counts once, at its first sample) whose prominence, the height
     * above the higher of the two minima reached before the curve climbs above the peak on each side,
     * is at least max(10% of the curve's range, {@code floor}). Endpoints are never peaks, as in scipy's
     * find_peaks, which AV-Align's reference code calls.
     */
    static int[] peakIndices(double[] curve, double floor) {
        int n = curve.length;
        if (n < 3) return new int[0];
        double lo = Arrays.stream(curve).min().orElse(0), hi = Arrays.stream(curve).max().orElse(0);
        double need = Math.max(MIN_PROMINENCE_FRACTION * (hi - lo), floor);
        int[] out = new int[n];
        int count = 0;
        for (int i = 1; i < n - 1; i++) {
            if (!(curve[i] > curve[i - 1])) continue;
            int end = i;
            while (end + 1 < n && curve[end + 1] == curve[i]) end++;
            if (end == n - 1 || !(curve[end + 1] < curve[i])) continue;
            double leftMin = curve[i], rightMin = curve[i];
            for (int j = i - 1; j >= 0 && curve[j] <= curve[i]; j--) leftMin = Math.min(leftMin, curve[j]);
            for (int j = end + 1; j < n && curve[j] <= curve[i]; j++) rightMin = Math.min(rightMin, curve[j]);
            if (curve[i] - Math.max(leftMin, rightMin) >= need) out[count++] = i;
        }
        return Arrays.copyOf(out, count);
    }
}
