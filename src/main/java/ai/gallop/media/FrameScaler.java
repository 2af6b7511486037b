package ai.gallop.media;

/**
 * Fits a frame to another size the way a video player fills a screen: the largest centred crop with the target's
 * aspect ratio, then scaled. Shrinking averages every source pixel whose centre falls in a target pixel (no
 * aliasing on the large reductions footage needs, e.g. 1280x720 to 64x64); enlarging repeats the nearest pixel.
 */
public final class FrameScaler {
    private FrameScaler() {}

    public static RgbFrame fit(RgbFrame frame, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("target size " + width + "x" + height + " is out of range; allowed: at least 1x1");
        if (frame.width() == width && frame.height() == height) return frame;
        int[] crop = crop(frame.width(), frame.height(), width, height);
        int cropW = crop[0], cropH = crop[1];
        int left = (frame.width() - cropW) / 2, top = (frame.height() - cropH) / 2;
        byte[] in = frame.rgb(), out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int y0 = top + (int) ((long) y * cropH / height), y1 = Math.max(y0 + 1, top + (int) ((long) (y + 1) * cropH / height));
            for (int x = 0; x < width; x++) {
                int x0 = left + (int) ((long) x * cropW / width), x1 = Math.max(x0 + 1, left + (int) ((long) (x + 1) * cropW / width));
                int area = (y1 - y0) * (x1 - x0);
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int sy = y0; sy < y1; sy++)
                        for (int sx = x0; sx < x1; sx++) sum += in[(sy * frame.width() + sx) * 3 + c] & 255;
                    out[(y * width + x) * 3 + c] = (byte) ((sum + area / 2) / area);
                }
            }
        }
        return new RgbFrame(width, height, out);
    }

    /** How much {@link #fit} enlarges a source of this size (below 1: shrinks), the same along both axes up to rounding. */
    public static double scale(int sourceWidth, int sourceHeight, int width, int height) {
        return (double) width / crop(sourceWidth, sourceHeight, width, height)[0];
    }

    /** The centred crop {width, height}: as wide as the source allows at the target's aspect ratio. */
    private static int[] crop(int sourceWidth, int sourceHeight, int width, int height) {
        int cropW = sourceWidth, cropH = (int) Math.round((double) cropW * height / width);
        if (cropH > sourceHeight) {
            cropH = sourceHeight;
            cropW = Math.max(1, (int) Math.round((double) cropH * width / height));
        }
        return new int[]{cropW, cropH};
    }
}
