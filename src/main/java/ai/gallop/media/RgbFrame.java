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

    /** A frame from packed 0xRRGGBB pixels, row-major (a drawing canvas, a Java2D picture); the top byte is ignored. */
    public static RgbFrame ofPacked(int width, int height, int[] packed) {
        if (packed.length != width * height)
            throw new IllegalArgumentException(packed.length + " packed pixels for a " + width + "x" + height + " frame; expected " + width * height);
        byte[] rgb = new byte[packed.length * 3];   // the world renders every training frame through here: no per-pixel set
        for (int p = 0; p < packed.length; p++) {
            rgb[3 * p] = (byte) (packed[p] >> 16);
            rgb[3 * p + 1] = (byte) (packed[p] >> 8);
            rgb[3 * p + 2] = (byte) packed[p];
        }
        return new RgbFrame(width, height, rgb);
    }

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
