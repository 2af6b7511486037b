package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

/**
 * A clip's ground-truth-style feature vector, what {@link FeatureFrechet} (FGD, not FVD) compares
 * between a generated set and real renders: trajectory statistics of the tracked subjects, a coarse
 * colour histogram and motion statistics, all from the picture analysis. Each entry is scaled to
 * about [0, 1] so that no unit dominates the distance.
 */
public final class ClipFeatures {
    /** 2 x 2 x 2 RGB bins: coarse enough for the handful of clips a suite has per dimension of the fit. */
    static final int COLOUR_BINS = 8;
    public static final int LENGTH = 5 + COLOUR_BINS + 3;

    private ClipFeatures() {}

    /**
     * [subjects per shot / 3, mean subject speed (frame widths per second), mean vertical range of a
     * track (shorter sides), mean subject area (fraction of the frame), mean outline change per frame,
     * 8 colour-histogram shares, mean camera shift (frame widths per frame), mean |log scale| per frame
     * x 10, mean absolute frame difference / 255].
     */
    public static double[] of(PictureAnalysis a, int fps) {
        double[] f = new double[LENGTH];
        int w = a.width(), h = a.height();
        double subjects = 0, speed = 0, range = 0, area = 0, outline = 0;
        int tracks = 0;
        for (ShotAnalysis s : a.shots()) {
            subjects += s.subjects().size();
            CameraCompensation camera = CameraCompensation.of(s.motions(), w, h);
            for (SubjectTrack st : s.subjects()) {
                Track t = st.track();
                double path = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                int steps = 0;
                Blob previous = null;
                int previousIndex = -1;
                for (int i = 0; i < t.length(); i++) {
                    Blob b = t.at(i);
                    if (b == null) continue;
                    double y = camera.worldY(i, b.cy());
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                    if (previous != null) {
                        double step = Math.hypot(camera.worldX(i, b.cx()) - camera.worldX(previousIndex, previous.cx()),
                                y - camera.worldY(previousIndex, previous.cy())) / (i - previousIndex);
                        if (step < 0.5 * w) { path += step; steps++; }   // a wrap through the edge is not travel
                    }
                    previous = b;
                    previousIndex = i;
                }
                speed += steps == 0 ? 0 : path / steps * fps / w;
                range += (hi - lo) / Math.min(w, h);
                area += t.medianArea() / (w * (double) h);
                outline += ActionClassifier.outlineChange(t);
                tracks++;
            }
        }
        f[0] = subjects / a.shots().size() / 3;
        if (tracks > 0) {
            f[1] = speed / tracks;
            f[2] = range / tracks;
            f[3] = area / tracks;
            f[4] = outline / tracks;
        }
        long pixels = 0;
        for (RgbFrame frame : a.frames()) {
            byte[] rgb = frame.rgb();
            for (int p = 0; p < rgb.length; p += 3) {
                int bin = ((rgb[p] & 255) >> 7) * 4 + ((rgb[p + 1] & 255) >> 7) * 2 + ((rgb[p + 2] & 255) >> 7);
                f[5 + bin]++;
            }
            pixels += rgb.length / 3;
        }
        for (int b = 0; b < COLOUR_BINS; b++) f[5 + b] /= pixels;
        double shift = 0, zoom = 0;
        int pairs = 0;
        for (ShotAnalysis s : a.shots())
            for (int i = 1; i < s.length(); i++) {
                CameraMotion m = s.motions().get(i);
                shift += Math.hypot(m.dx(), m.dy()) / w;
                zoom += Math.abs(Math.log(m.scale())) * 10;
                pairs++;
            }
        double[] difference = MotionPeaks.motionCurve(a.frames());
        f[5 + COLOUR_BINS] = pairs == 0 ? 0 : shift / pairs;
        f[6 + COLOUR_BINS] = pairs == 0 ? 0 : zoom / pairs;
        double d = 0;
        for (double v : difference) d += v;
        f[7 + COLOUR_BINS] = difference.length == 0 ? 0 : d / difference.length;
        return f;
    }
}
