package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.Arrays;
import java.util.List;

/**
 * The video side of AV-Align: a motion curve over time and its local maxima. The curve is the mean
 * absolute difference of consecutive frames over all pixels and channels, in [0, 1]; AV-Align's
 * paper uses optical-flow magnitude instead, this is the classical analogue (no network). A
 * difference between frames k - 1 and k is placed at their midpoint, (k - 0.5) / fps seconds, so that
 * a motion peak on either side of a contact at frame k lies within half a frame period of it.
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

    /** Times in seconds of the motion peaks of a video at {@code fps}. */
    public static double[] peakTimes(List<RgbFrame> frames, int fps) {
        if (fps <= 0) throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: a positive frame rate");
        int[] peaks = peakIndices(motionCurve(frames));
        double[] times = new double[peaks.length];
        for (int i = 0; i < peaks.length; i++) times[i] = (peaks[i] + 0.5) / fps;   // curve index i sits between frames i and i + 1
        return times;
    }

    /**
     * Interior local maxima (a flat top counts once, at its first sample) whose prominence, the height
     * above the higher of the two minima reached before the curve climbs above the peak on each side,
     * is at least max(10% of the curve's range, 0.5/255). Endpoints are never peaks, as in scipy's
     * find_peaks, which AV-Align's reference code calls.
     */
    static int[] peakIndices(double[] curve) {
        int n = curve.length;
        if (n < 3) return new int[0];
        double lo = Arrays.stream(curve).min().orElse(0), hi = Arrays.stream(curve).max().orElse(0);
        double need = Math.max(MIN_PROMINENCE_FRACTION * (hi - lo), MIN_PROMINENCE_ABSOLUTE);
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
