package ai.gallop.media;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test clips that look like the world's renders: flat shapes moving over a textured ground, with clicks and a tone. */
final class SyntheticClips {
    private SyntheticClips() {}

    static Video clip(int width, int height, int fps, int frameCount, int sampleRate, long seed) {
        return new Video(fps, frames(width, height, frameCount, seed), sound(frameCount / (double) fps, sampleRate, eventSeconds(frameCount, fps), seed));
    }

    static List<RgbFrame> frames(int width, int height, int frameCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] texture = new int[width * height];
        for (int i = 0; i < texture.length; i++) texture[i] = random.nextInt(-12, 13); // grain on the ground
        int sky = 0x6FA8DC;
        int ground = 0x7A9A48;
        List<RgbFrame> frames = new ArrayList<>();
        for (int k = 0; k < frameCount; k++) {
            RgbFrame frame = RgbFrame.blank(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) {
                    int base = y < height * 2 / 5 ? sky : ground;
                    int stripe = ((x / 4 + y / 4) % 2 == 0) ? 6 : -6;
                    frame.set(x, y, shade(base, texture[y * width + x] + (y < height * 2 / 5 ? 0 : stripe)));
                }
            double t = k / (double) Math.max(1, frameCount - 1);
            fillCircle(frame, (int) (width * (0.15 + 0.6 * t)), height * 3 / 5, Math.max(4, height / 7), 0xD03030);
            fillRect(frame, (int) (width * (0.8 - 0.5 * t)), height / 2, Math.max(6, width / 8), Math.max(6, height / 6), 0x2040C0);
            fillRect(frame, width / 3, (int) (height * (0.1 + 0.3 * t)), Math.max(4, width / 10), Math.max(4, height / 10), 0xF0E040);
            frames.add(frame);
        }
        return frames;
    }

    static double[] eventSeconds(int frameCount, int fps) {
        double seconds = frameCount / (double) fps;
        return new double[] {seconds * 0.2, seconds * 0.45, seconds * 0.7};
    }

    /** Clicks and thumps at the event times, a quiet noise bed and a steady tone, exactly as long as the video. */
    static Sound sound(double seconds, int sampleRate, double[] events, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
        float[] samples = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < samples.length; i++) {
            double t = i / (double) sampleRate;
            double value = 0.02 * (random.nextDouble() * 2 - 1) + 0.1 * Math.sin(2 * Math.PI * 330 * t);
            for (int e = 0; e < events.length; e++) {
                double dt = t - events[e];
                if (dt < 0) continue;
                value += e % 2 == 0
                        ? 0.6 * Math.exp(-dt * 400) * Math.sin(2 * Math.PI * 2500 * dt)  // click
                        : 0.7 * Math.exp(-dt * 25) * Math.sin(2 * Math.PI * 70 * dt);    // thump
            }
            samples[i] = (float) Math.clamp(value, -1, 1);
        }
        return new Sound(samples, sampleRate);
    }

    private static int shade(int rgb, int delta) {
        int r = Math.clamp(((rgb >> 16) & 255) + delta, 0, 255);
        int g = Math.clamp(((rgb >> 8) & 255) + delta, 0, 255);
        int b = Math.clamp((rgb & 255) + delta, 0, 255);
        return (r << 16) | (g << 8) | b;
    }

    private static void fillCircle(RgbFrame frame, int cx, int cy, int radius, int rgb) {
        for (int y = Math.max(0, cy - radius); y <= Math.min(frame.height() - 1, cy + radius); y++)
            for (int x = Math.max(0, cx - radius); x <= Math.min(frame.width() - 1, cx + radius); x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) frame.set(x, y, rgb);
    }

    private static void fillRect(RgbFrame frame, int x0, int y0, int w, int h, int rgb) {
        for (int y = Math.max(0, y0); y < Math.min(frame.height(), y0 + h); y++)
            for (int x = Math.max(0, x0); x < Math.min(frame.width(), x0 + w); x++) frame.set(x, y, rgb);
    }

    /** PSNR in dB over all RGB bytes. */
    static double psnr(RgbFrame a, RgbFrame b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            int d = (a.rgb()[i] & 255) - (b.rgb()[i] & 255);
            sum += d * d;
        }
        double mse = sum / a.rgb().length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** PSNR in dB of BT.601 luma (0.299 R + 0.587 G + 0.114 B): the channel that 4:2:0 keeps at full resolution. */
    static double lumaPsnr(RgbFrame a, RgbFrame b) {
        double sum = 0;
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        for (int i = 0; i < x.length; i += 3) {
            double d = 0.299 * ((x[i] & 255) - (y[i] & 255)) + 0.587 * ((x[i + 1] & 255) - (y[i + 1] & 255))
                    + 0.114 * ((x[i + 2] & 255) - (y[i + 2] & 255));
            sum += d * d;
        }
        double mse = sum / (x.length / 3);
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Normalized correlation of a against b shifted by lag samples (b[i + lag] against a[i]), over the overlap. */
    static double correlation(float[] a, float[] b, int lag) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            int j = i + lag;
            if (j < 0 || j >= b.length) continue;
            ab += a[i] * b[j];
            aa += a[i] * a[i];
            bb += b[j] * b[j];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** The lag in samples, within +-maxLag, at which b best matches a. */
    static int bestLag(float[] a, float[] b, int maxLag) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double c = correlation(a, b, lag);
            if (c > bestValue) {
                bestValue = c;
                best = lag;
            }
        }
        return best;
    }
}
