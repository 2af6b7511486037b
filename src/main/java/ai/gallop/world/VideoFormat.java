package ai.gallop.world;

/**
 * Picture size, frame rate and length of a clip. A clip of {@code s} seconds has {@code fps * s + 1}
 * frames: the first frame plus one per frame period, so its duration is exactly s seconds when the
 * frames are read as instants (the convention Wan and LTX use for 4k+1 frame counts).
 */
public record VideoFormat(int width, int height, int fps, int frames) {
    public static final int MIN_SIDE = 32, MAX_SIDE = 256, MIN_FPS = 8, MAX_FPS = 24;
    public static final int MIN_SECONDS = 1, MAX_SECONDS = 15;
    /** The aspect ratios the world renders, as width:height. */
    public static final int[][] RATIOS = {{1, 1}, {16, 9}, {9, 16}, {4, 3}, {3, 4}};
    // after RATIOS: the constructor reads RATIOS, and static fields initialise in declaration order
    public static final VideoFormat DEFAULT = new VideoFormat(64, 64, 8, 17);

    public VideoFormat {
        if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE)
            throw new IllegalArgumentException("size " + width + "x" + height + " is out of range; allowed: "
                    + MIN_SIDE + " to " + MAX_SIDE + " pixels per side");
        if (width % 2 != 0 || height % 2 != 0)
            throw new IllegalArgumentException("size " + width + "x" + height + " has an odd side; allowed: even sides (H.264 4:2:0)");
        if (ratioName(width, height) == null)
            throw new IllegalArgumentException("size " + width + "x" + height + " is not a supported aspect ratio; allowed: 1:1, 16:9, 9:16, 4:3, 3:4");
        if (fps < MIN_FPS || fps > MAX_FPS)
            throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: " + MIN_FPS + " to " + MAX_FPS);
        int min = fps * MIN_SECONDS + 1, max = fps * MAX_SECONDS + 1;
        if (frames < min || frames > max)
            throw new IllegalArgumentException("frame count " + frames + " is out of range at " + fps + " fps; allowed: "
                    + min + " to " + max + " (" + MIN_SECONDS + " to " + MAX_SECONDS + " seconds)");
    }

    /** Builds a format from a length in seconds (fractional seconds allowed, rounded to whole frames). */
    public static VideoFormat ofSeconds(int width, int height, int fps, double seconds) {
        if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS))
            throw new IllegalArgumentException("duration " + seconds + " s is out of range; allowed: "
                    + MIN_SECONDS + " to " + MAX_SECONDS + " seconds");
        return new VideoFormat(width, height, fps, (int) Math.round(seconds * fps) + 1);
    }

    /** Parses "WxH" (e.g. "64x64", "112x64"). */
    public static int[] parseSize(String text) {
        String[] parts = text.trim().toLowerCase().split("x");
        try {
            if (parts.length == 2) return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("size '" + text + "' is not WxH; example: 64x64, 112x64");
    }

    /** Nominal duration in seconds: from the first frame to the last. */
    public double seconds() { return (frames - 1) / (double) fps; }

    /** Playing time of the file: every frame, the last one included, is shown for one period; the sound lasts as long. */
    public double playSeconds() { return frames / (double) fps; }

    /** Time of frame k in seconds. */
    public double timeOf(int frame) { return frame / (double) fps; }

    public String ratio() { return ratioName(width, height); }

    static String ratioName(int w, int h) {
        for (int[] r : RATIOS) {
            double want = r[0] / (double) r[1], got = w / (double) h;
            if (Math.abs(got / want - 1) <= 0.03) return r[0] + ":" + r[1];
        }
        return null;
    }
}
