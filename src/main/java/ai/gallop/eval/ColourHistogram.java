package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

/** Normalised 4x4x4 RGB histograms: coarse enough to ignore texture and compression, fine enough to tell scenes apart. */
final class ColourHistogram {
    static final int BINS = 64;

    private ColourHistogram() {}

    /** Histogram of the pixels where {@code include} is true (all pixels when it is null). */
    static double[] of(RgbFrame f, boolean[] include) {
        byte[] rgb = f.rgb();
        double[] hist = new double[BINS];
        int count = 0;
        for (int i = 0; i < f.width() * f.height(); i++) {
            if (include != null && !include[i]) continue;
            int bin = ((rgb[3 * i] & 255) >> 6) * 16 + ((rgb[3 * i + 1] & 255) >> 6) * 4 + ((rgb[3 * i + 2] & 255) >> 6);
            hist[bin]++;
            count++;
        }
        if (count > 0) for (int b = 0; b < BINS; b++) hist[b] /= count;
        return hist;
    }

    /** Half the L1 distance: 0 for equal histograms, 1 for disjoint ones. */
    static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
        return d / 2;
    }
}
