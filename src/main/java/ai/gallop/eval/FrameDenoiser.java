package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Colour;

import java.util.Arrays;

/**
 * Protects the colour-keyed detectors from sensor-like noise in generated videos. A frame's noise
 * level is the median, over all pixels and channels, of the absolute difference between
 * horizontally adjacent values: the world paints flat areas, so on a clean render (H.264 included)
 * most neighbours are equal and the level stays at 0 or 1, while Gaussian noise of sigma s gives
 * about 0.954 s (the median of |N(0, 2 s^2)|). Only a frame above {@link #TRIGGER} is cleaned, so
 * clean renders reach the detectors byte for byte unchanged.
 *
 * <p>Cleaning snaps a pixel to a vocabulary colour when it lies within max(28, 3 sigma) of it and at
 * least one 8-neighbour is nearest to the same colour (a lone pixel is noise); every other pixel
 * takes its 3x3 per-channel median. Snapping keeps the one-pixel legs, wings and star tips that a
 * median erodes (on 24 noisy renders a plain 3x3 median left object_class at about 0.6, a 5x5 at
 * about 0.2).
 */
public final class FrameDenoiser {
    /** Noise level (grey levels) above which a frame is cleaned; decoded clean renders stay at 0 or 1. */
    public static final double TRIGGER = 4;
    /** Snap radius in noise standard deviations: 3 sigma holds about 97% of 3-channel Gaussian noise. */
    static final double SNAP_SIGMAS = 3;
    /** Pixels (itself included) of a 3x3 window that must be nearest to a colour for it to snap. */
    static final int SNAP_SUPPORT = 2;

    private static final Colour[] COLOURS = Colour.values();

    private FrameDenoiser() {}

    /** Median absolute difference of horizontally adjacent pixel values, per channel, in grey levels. */
    public static double noiseLevel(RgbFrame frame) {
        int w = frame.width(), h = frame.height();
        if (w < 2) return 0;
        byte[] rgb = frame.rgb();
        long[] histogram = new long[256];
        long total = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x + 1 < w; x++)
                for (int c = 0; c < 3; c++) {
                    int i = 3 * (y * w + x) + c;
                    histogram[Math.abs((rgb[i] & 255) - (rgb[i + 3] & 255))]++;
                    total++;
                }
        long half = (total + 1) / 2, seen = 0;
        for (int d = 0; d < 256; d++) {
            seen += histogram[d];
            if (seen >= half) return d;
        }
        return 255;
    }

    /** The frame itself when its noise level is at most {@link #TRIGGER}, else a cleaned copy. */
    public static RgbFrame denoiseIfNoisy(RgbFrame frame) {
        double level = noiseLevel(frame);
        return level <= TRIGGER ? frame : snap(frame, median3x3(frame), level / 0.954);
    }

    /** Vocabulary colours where the noisy pixels support them, the median elsewhere. */
    static RgbFrame snap(RgbFrame frame, RgbFrame median, double sigma) {
        int w = frame.width(), h = frame.height();
        double radius = Math.max(ColourSegmenter.TOLERANCE, SNAP_SIGMAS * sigma);
        int[] labels = ColourSegmenter.nearestColours(frame, radius); // [h*w] nearest colour within the radius, or -1
        byte[] out = median.rgb().clone(); // [h*w*3]
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int label = labels[y * w + x];
                if (label < 0) continue;
                int support = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int qx = x + dx, qy = y + dy;
                        if (qx >= 0 && qy >= 0 && qx < w && qy < h && labels[qy * w + qx] == label) support++;
                    }
                if (support < SNAP_SUPPORT) continue;
                int i = 3 * (y * w + x);
                out[i] = (byte) COLOURS[label].r;
                out[i + 1] = (byte) COLOURS[label].g;
                out[i + 2] = (byte) COLOURS[label].b;
            }
        return new RgbFrame(w, h, out);
    }

    /** Per-channel 3x3 median; the window is clipped at the frame border. */
    static RgbFrame median3x3(RgbFrame frame) {
        int w = frame.width(), h = frame.height();
        byte[] in = frame.rgb(), out = new byte[in.length]; // [h*w*3]
        int[] window = new int[9];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++) {
                    int k = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++) {
                            int qx = x + dx, qy = y + dy;
                            if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
                            window[k++] = in[3 * (qy * w + qx) + c] & 255;
                        }
                    Arrays.sort(window, 0, k);
                    out[3 * (y * w + x) + c] = (byte) window[k / 2];
                }
        return new RgbFrame(w, h, out);
    }
}
