package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Colour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds candidate subjects in a frame: pixels within {@link #TOLERANCE} (RGB distance) of one of the
 * ten vocabulary colours, grouped into 8-connected components per colour. Components that are too
 * small to be a subject (texture specks, anti-aliased edges) or so large that they must be
 * background (a green meadow, a white snowfield) are dropped.
 */
public final class ColourSegmenter {
    /**
     * RGB distance under which a pixel counts as a vocabulary colour. The closest two colours
     * (orange and yellow) are 85 apart, so no pixel is ambiguous; the world's non-body paints come
     * closest from outside (car wheels 31 from black, a brown subject's details 35 from black), so 28
     * keeps those out while still accepting the colour drift of H.264 4:2:0 in flat areas.
     */
    public static final double TOLERANCE = 28;
    /** Smallest subject, as a fraction of the frame area (a small subject covers about 1.5%). */
    static final double MIN_AREA_FRACTION = 0.0025;
    /** Anything larger than this fraction of the frame is background, whatever its colour. */
    static final double MAX_AREA_FRACTION = 0.4;

    private static final Colour[] COLOURS = Colour.values();

    /** Per-pixel vocabulary colour index, or -1 where the pixel is no vocabulary colour. */
    public static int[] labels(RgbFrame frame) {
        return nearestColours(frame, TOLERANCE);
    }

    /** Per-pixel index of the nearest vocabulary colour within {@code radius} (RGB distance), or -1. */
    static int[] nearestColours(RgbFrame frame, double radius) {
        byte[] rgb = frame.rgb();
        int n = frame.width() * frame.height();
        int[] labels = new int[n]; // [h*w]
        double limit = radius * radius;
        for (int i = 0; i < n; i++) {
            int r = rgb[3 * i] & 255, g = rgb[3 * i + 1] & 255, b = rgb[3 * i + 2] & 255;
            int best = -1;
            double bestD = limit;
            for (int c = 0; c < COLOURS.length; c++) {
                double dr = r - COLOURS[c].r, dg = g - COLOURS[c].g, db = b - COLOURS[c].b;
                double d = dr * dr + dg * dg + db * db;
                if (d <= bestD) { bestD = d; best = c; }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** The subject-sized colour components of a clean frame, largest first, specks joined (see below). */
    public List<Blob> segment(RgbFrame frame) {
        return segment(frame, true);
    }

    /**
     * The subject-sized colour components of a frame, largest first. With {@code joinSpecks}, a speck
     * too small to be a subject that lies within one pixel's gap of a subject-sized component of its
     * colour joins it: the pixel grid breaks thin parts off a small body (a small fish's forked tail,
     * a leg tip), and without them the outline reads as another kind. On a noisy frame specks are
     * noise, and joining them would only fatten the noise's own blobs.
     */
    public List<Blob> segment(RgbFrame frame, boolean joinSpecks) {
        int w = frame.width(), h = frame.height(), n = w * h;
        int[] labels = labels(frame);
        int minArea = Math.max(4, (int) Math.ceil(MIN_AREA_FRACTION * n));
        int maxArea = (int) (MAX_AREA_FRACTION * n);
        int[] component = new int[n]; // [h*w]: index into pixels, -1 for no colour
        Arrays.fill(component, -1);
        List<int[]> pixels = new ArrayList<>(); // per component: its pixel indices
        int[] queue = new int[n];
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0 || labels[start] < 0) continue;
            int label = labels[start], head = 0, tail = 0, id = pixels.size();
            queue[tail++] = start;
            component[start] = id;
            while (head < tail) {
                int p = queue[head++], px = p % w, py = p / w;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int qx = px + dx, qy = py + dy;
                        if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
                        int q = qy * w + qx;
                        if (component[q] < 0 && labels[q] == label) { component[q] = id; queue[tail++] = q; }
                    }
            }
            pixels.add(Arrays.copyOf(queue, tail));
        }
        List<List<int[]>> parts = new ArrayList<>();
        for (int[] c : pixels) parts.add(c.length >= minArea && c.length <= maxArea ? new ArrayList<>(List.of(c)) : null);
        for (int id = 0; id < pixels.size(); id++) {
            int[] speck = pixels.get(id);
            if (!joinSpecks || speck.length >= minArea) continue;
            int host = -1, hostDistance = 3;
            for (int p : speck)
                for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++) {
                        int qx = p % w + dx, qy = p / w + dy;
                        if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
                        int other = component[qy * w + qx], d = Math.max(Math.abs(dx), Math.abs(dy));
                        if (other < 0 || parts.get(other) == null || labels[qy * w + qx] != labels[p]) continue;
                        if (d < hostDistance || d == hostDistance && other < host) { host = other; hostDistance = d; }
                    }
            if (host >= 0) parts.get(host).add(speck);
        }
        List<Blob> blobs = new ArrayList<>();
        for (int id = 0; id < pixels.size(); id++)
            if (parts.get(id) != null) blobs.add(blob(parts.get(id), labels[pixels.get(id)[0]], w));
        blobs.sort(Comparator.comparingInt(Blob::area).reversed().thenComparingInt(Blob::y0).thenComparingInt(Blob::x0));
        return blobs;
    }

    private static Blob blob(List<int[]> parts, int label, int w) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = 0, y1 = 0, area = 0;
        long sx = 0, sy = 0;
        for (int[] part : parts)
            for (int p : part) {
                int px = p % w, py = p / w;
                x0 = Math.min(x0, px); x1 = Math.max(x1, px + 1);
                y0 = Math.min(y0, py); y1 = Math.max(y1, py + 1);
                sx += px; sy += py;
                area++;
            }
        int bw = x1 - x0;
        boolean[] mask = new boolean[bw * (y1 - y0)]; // [boxH*boxW]
        for (int[] part : parts) for (int p : part) mask[(p / w - y0) * bw + (p % w - x0)] = true;
        return new Blob(COLOURS[label], area, x0, y0, x1, y1, sx / (double) area + 0.5, sy / (double) area + 0.5, mask);
    }
}
