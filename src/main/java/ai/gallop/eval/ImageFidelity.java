package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

/** Full-reference picture similarity: PSNR over RGB and SSIM over luma (Wang et al. 2004). */
public final class ImageFidelity {
    /** PSNR reported for identical pictures, where the formula gives infinity. */
    public static final double MAX_PSNR = 99;

    private ImageFidelity() {}

    /** 10 log10(255^2 / MSE) over all RGB samples, in dB; {@link #MAX_PSNR} when identical. */
    public static double psnr(RgbFrame a, RgbFrame b) {
        requireSameSize(a, b);
        byte[] x = a.rgb(), y = b.rgb();
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] & 255) - (y[i] & 255);
            se += d * d;
        }
        if (se == 0) return MAX_PSNR;
        return Math.min(MAX_PSNR, 10 * Math.log10(255.0 * 255.0 / (se / x.length)));
    }

    /**
     * Mean SSIM of the luma planes with the reference settings: 11x11 Gaussian window, sigma 1.5,
     * K1 = 0.01, K2 = 0.03, L = 255, over every window that fits inside the picture.
     */
    public static double ssim(RgbFrame a, RgbFrame b) {
        requireSameSize(a, b);
        int w = a.width(), h = a.height();
        int radius = Math.min(5, (Math.min(w, h) - 1) / 2);
        double[] kernel = gaussian(radius, 1.5);
        float[] x = Luma.of(a), y = Luma.of(b);
        float[] xx = new float[x.length], yy = new float[x.length], xy = new float[x.length];
        for (int i = 0; i < x.length; i++) { xx[i] = x[i] * x[i]; yy[i] = y[i] * y[i]; xy[i] = x[i] * y[i]; }
        double[] mx = blur(x, w, h, kernel), my = blur(y, w, h, kernel);
        double[] sxx = blur(xx, w, h, kernel), syy = blur(yy, w, h, kernel), sxy = blur(xy, w, h, kernel);
        double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2), sum = 0;
        for (int i = 0; i < mx.length; i++) {
            double vx = sxx[i] - mx[i] * mx[i], vy = syy[i] - my[i] * my[i], cov = sxy[i] - mx[i] * my[i];
            sum += (2 * mx[i] * my[i] + c1) * (2 * cov + c2) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
        }
        return sum / mx.length;
    }

    private static double[] gaussian(int radius, double sigma) {
        double[] k = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) total += k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= total;
        return k;
    }

    /** Separable Gaussian filter, keeping only the windows that lie fully inside the picture. */
    private static double[] blur(float[] img, int w, int h, double[] k) {
        int r = k.length / 2, ow = w - 2 * r, oh = h - 2 * r;
        double[] rows = new double[h * ow]; // [h*ow]
        for (int y = 0; y < h; y++)
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < k.length; i++) s += k[i] * img[y * w + x + i];
                rows[y * ow + x] = s;
            }
        double[] out = new double[oh * ow]; // [oh*ow]
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < k.length; i++) s += k[i] * rows[(y + i) * ow + x];
                out[y * ow + x] = s;
            }
        return out;
    }

    private static void requireSameSize(RgbFrame a, RgbFrame b) {
        if (a.width() != b.width() || a.height() != b.height())
            throw new IllegalArgumentException("image " + b.width() + "x" + b.height() + " does not match the frame "
                    + a.width() + "x" + a.height() + "; allowed: the same size");
    }
}
