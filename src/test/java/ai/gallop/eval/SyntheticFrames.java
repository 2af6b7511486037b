package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Colour;

import java.util.SplittableRandom;

/** Hand-drawn test pictures: a smooth textured background that no vocabulary colour matches, and simple shapes. */
final class SyntheticFrames {
    private SyntheticFrames() {}

    /** A continuous texture seen through a window: f(x, y) is defined for any real coordinates. */
    static int texture(double x, double y) {
        double v = 0.5 + 0.25 * Math.sin(x * 0.45 + 1.3 * Math.sin(y * 0.21)) + 0.25 * Math.cos(y * 0.37 - 0.8 * Math.sin(x * 0.17));
        int g = (int) Math.round(70 + 80 * v), b = (int) Math.round(110 + 60 * v);
        return (40 << 16) | (g << 8) | b;
    }

    /** The texture seen by a camera looking at world point (ox, oy) from the frame centre, magnified by zoom. */
    static RgbFrame background(int w, int h, double ox, double oy, double zoom) {
        RgbFrame f = RgbFrame.blank(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                f.set(x, y, texture(ox + (x + 0.5 - w / 2.0) / zoom, oy + (y + 0.5 - h / 2.0) / zoom));
        return f;
    }

    static void disc(RgbFrame f, double cx, double cy, double r, Colour c) {
        for (int y = 0; y < f.height(); y++)
            for (int x = 0; x < f.width(); x++)
                if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r) f.set(x, y, c.rgb());
    }

    static void rect(RgbFrame f, int x0, int y0, int x1, int y1, Colour c) {
        for (int y = Math.max(0, y0); y < Math.min(f.height(), y1); y++)
            for (int x = Math.max(0, x0); x < Math.min(f.width(), x1); x++) f.set(x, y, c.rgb());
    }

    /** A five-pointed star of outer radius r, rotated by angle (radians). */
    static void star(RgbFrame f, double cx, double cy, double r, double angle, Colour c) {
        for (int y = 0; y < f.height(); y++)
            for (int x = 0; x < f.width(); x++) {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy, rho = Math.hypot(dx, dy);
                double phi = Math.atan2(dy, dx) - angle;
                double sector = Math.PI * 2 / 5, t = Math.abs(((phi % sector) + sector) % sector - sector / 2) / (sector / 2);
                double limit = r * (0.45 + 0.55 * t);
                if (rho <= limit) f.set(x, y, c.rgb());
            }
    }

    static RgbFrame noisy(RgbFrame f, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] out = f.rgb().clone();
        for (int i = 0; i < out.length; i++) {
            double u1 = rng.nextDouble(), u2 = rng.nextDouble();
            double n = sigma * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            out[i] = (byte) Math.max(0, Math.min(255, (int) Math.round((out[i] & 255) + n)));
        }
        return new RgbFrame(f.width(), f.height(), out);
    }
}
