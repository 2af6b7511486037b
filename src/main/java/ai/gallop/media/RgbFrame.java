package ai.gallop.media;

import java.util.Arrays;

/** One picture as packed 8-bit RGB, row-major, 3 bytes per pixel, no padding. */
public record RgbFrame(int width, int height, byte[] rgb) {
    public RgbFrame {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("frame size " + width + "x" + height + " must be positive");
        if (rgb.length != width * height * 3)
            throw new IllegalArgumentException("frame holds " + rgb.length + " bytes; expected " + (width * height * 3));
    }

    public static RgbFrame blank(int width, int height) { return new RgbFrame(width, height, new byte[width * height * 3]); }

    /** Packed 0xRRGGBB of pixel (x, y). */
    public int get(int x, int y) {
        int i = (y * width + x) * 3;
        return ((rgb[i] & 255) << 16) | ((rgb[i + 1] & 255) << 8) | (rgb[i + 2] & 255);
    }

    public void set(int x, int y, int packed) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) (packed >> 16);
        rgb[i + 1] = (byte) (packed >> 8);
        rgb[i + 2] = (byte) packed;
    }

    public RgbFrame copy() { return new RgbFrame(width, height, rgb.clone()); }

    @Override public boolean equals(Object o) {
        return o instanceof RgbFrame f && f.width == width && f.height == height && Arrays.equals(f.rgb, rgb);
    }

    @Override public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(rgb); }

    @Override public String toString() { return "RgbFrame[" + width + "x" + height + "]"; }
}
