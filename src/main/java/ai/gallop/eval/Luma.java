package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

/** Grey-level helpers shared by the camera estimator and the quality dimensions. */
final class Luma {
    private Luma() {}

    /** BT.601 luma in [0, 255], row-major. */
    static float[] of(RgbFrame f) {
        byte[] rgb = f.rgb();
        float[] y = new float[f.width() * f.height()]; // [h*w]
        for (int i = 0; i < y.length; i++)
            y[i] = 0.299f * (rgb[3 * i] & 255) + 0.587f * (rgb[3 * i + 1] & 255) + 0.114f * (rgb[3 * i + 2] & 255);
        return y;
    }

    /** Bilinear sample at (x, y) in pixel-centre coordinates; NaN outside the picture. */
    static float sample(float[] img, int w, int h, double x, double y) {
        double fx = x - 0.5, fy = y - 0.5;
        if (fx < 0 || fy < 0 || fx > w - 1 || fy > h - 1) return Float.NaN;
        int x0 = Math.min((int) fx, w - 2 < 0 ? 0 : w - 2), y0 = Math.min((int) fy, h - 2 < 0 ? 0 : h - 2);
        double ax = fx - x0, ay = fy - y0;
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double top = img[y0 * w + x0] * (1 - ax) + img[y0 * w + x1] * ax;
        double bottom = img[y1 * w + x0] * (1 - ax) + img[y1 * w + x1] * ax;
        return (float) (top * (1 - ay) + bottom * ay);
    }
}
