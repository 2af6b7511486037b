package ai.gallop.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scale-invariant numbers that tell the subject kinds apart from a blob's mask alone.
 *
 * @param fill       area / bounding-box area (a box fills ~1, a ball ~0.79, a star ~0.4)
 * @param aspect     bounding-box width / height
 * @param elongation sqrt of the ratio of the principal second moments (1 for a disc or a square)
 * @param solidity   area / convex-hull area (concave outlines such as legs, fins and star points fall below 1)
 * @param holes      enclosed background regions (windows, an eye painted in another colour)
 * @param radial     the farthest mask pixel from the centroid in each of {@link #BINS} angular bins,
 *                   divided by the mean of the bins; bin 0 points along +x, angles grow clockwise on screen
 * @param lobes      local maxima of the smoothed radial profile that stand out (a star has five)
 * @param angle      orientation of the principal axis in radians, in (-pi/2, pi/2]
 * @param discFill   area / (pi * r^2), r the farthest pixel centre's distance from the centroid plus half a
 *                   pixel (a disc ~1, a square ~0.64, a star or a long car much less)
 */
public record ShapeDescriptor(double fill, double aspect, double elongation, double solidity, int holes,
                              double[] radial, int lobes, double angle, double discFill) {
    public static final int BINS = 36;

    public static ShapeDescriptor of(Blob blob) {
        int w = blob.boxWidth(), h = blob.boxHeight();
        boolean[] m = blob.mask();
        double cx = blob.cx() - blob.x0(), cy = blob.cy() - blob.y0();
        double sxx = 0, syy = 0, sxy = 0;
        double[] radial = new double[BINS];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (!m[y * w + x]) continue;
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
                double r = Math.hypot(dx, dy) + 0.5;
                int bin = Math.floorMod((int) Math.floor(Math.atan2(dy, dx) / (2 * Math.PI) * BINS), BINS);
                radial[bin] = Math.max(radial[bin], r);
            }
        double a = blob.area();
        sxx /= a; syy /= a; sxy /= a;
        double tr = sxx + syy, det = sxx * syy - sxy * sxy;
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        double l1 = tr / 2 + disc, l2 = Math.max(1e-9, tr / 2 - disc);
        double rMax = Arrays.stream(radial).max().orElse(1);
        fillEmptyBins(radial);
        double mean = Arrays.stream(radial).average().orElse(1);
        for (int i = 0; i < BINS; i++) radial[i] /= mean;
        return new ShapeDescriptor(a / ((double) w * h), w / (double) h, Math.sqrt(l1 / l2),
                a / hullArea(m, w, h), holes(m, w, h), radial, lobes(radial), 0.5 * Math.atan2(2 * sxy, sxx - syy),
                a / (Math.PI * rMax * rMax));
    }

    /** Small blobs leave some angular bins without pixels; borrow the nearest neighbour's radius. */
    private static void fillEmptyBins(double[] radial) {
        for (int pass = 0; pass < BINS; pass++) {
            boolean changed = false;
            for (int i = 0; i < BINS; i++)
                if (radial[i] == 0) {
                    double l = radial[(i + BINS - 1) % BINS], r = radial[(i + 1) % BINS];
                    double v = Math.max(l, r);
                    if (v > 0) { radial[i] = v; changed = true; }
                }
            if (!changed) break;
        }
    }

    /** Peaks of the circularly smoothed profile that rise at least 8% above the lowest point between them. */
    private static int lobes(double[] radial) {
        double[] s = new double[BINS];
        for (int i = 0; i < BINS; i++)
            s[i] = (radial[(i + BINS - 1) % BINS] + 2 * radial[i] + radial[(i + 1) % BINS]) / 4;
        List<Integer> peaks = new ArrayList<>();
        for (int i = 0; i < BINS; i++)
            if (s[i] > s[(i + BINS - 1) % BINS] && s[i] >= s[(i + 1) % BINS]) peaks.add(i);
        if (peaks.size() < 2) return peaks.size();
        int count = 0;
        for (int k = 0; k < peaks.size(); k++) {
            int p = peaks.get(k), next = peaks.get((k + 1) % peaks.size());
            double valley = Double.MAX_VALUE;
            for (int i = p; i != next; i = (i + 1) % BINS) valley = Math.min(valley, s[i]);
            valley = Math.min(valley, s[next]);
            if (s[p] - valley >= 0.08) count++;
        }
        return count;
    }

    /** Area of the convex hull of the pixel squares' corners. */
    private static double hullArea(boolean[] m, int w, int h) {
        long[][] hull = hull(m, w, h);
        double area = 0;
        for (int i = 0; i < hull.length; i++) {
            long[] p = hull[i], q = hull[(i + 1) % hull.length];
            area += p[0] * q[1] - q[0] * p[1];
        }
        return Math.max(1, Math.abs(area) / 2);
    }

    /**
     * The convex hull of the mask's pixel squares (their corners, in box coordinates), counter-clockwise
     * in x-right, y-down coordinates as Andrew's monotone chain returns it, without repeating the first point.
     */
    static long[][] hull(boolean[] m, int w, int h) {
        List<long[]> pts = new ArrayList<>();
        for (int y = 0; y <= h; y++) {
            int lo = -1, hi = -1;
            for (int x = 0; x < w; x++) {
                boolean on = (y < h && m[y * w + x]) || (y > 0 && m[(y - 1) * w + x]);
                if (on) { if (lo < 0) lo = x; hi = x; }
            }
            if (lo >= 0) { pts.add(new long[]{lo, y}); pts.add(new long[]{hi + 1, y}); }
        }
        pts.sort((p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
        long[][] hull = new long[2 * pts.size()][];
        int k = 0;
        for (long[] p : pts) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
            hull[k++] = p;
        }
        for (int i = pts.size() - 2, lower = k + 1; i >= 0; i--) {
            long[] p = pts.get(i);
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
            hull[k++] = p;
        }
        return Arrays.copyOf(hull, Math.max(0, k - 1));
    }

    private static long cross(long[] o, long[] a, long[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /** Background regions of the box (4-connected) that do not reach the box edge. */
    private static int holes(boolean[] m, int w, int h) {
        boolean[] seen = new boolean[w * h];
        int[] queue = new int[w * h];
        int holes = 0;
        for (int s = 0; s < w * h; s++) {
            if (m[s] || seen[s]) continue;
            int head = 0, tail = 0;
            queue[tail++] = s;
            seen[s] = true;
            boolean edge = false;
            while (head < tail) {
                int p = queue[head++], x = p % w, y = p / w;
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) edge = true;
                int[] nb = {p - 1, p + 1, p - w, p + w};
                boolean[] ok = {x > 0, x < w - 1, y > 0, y < h - 1};
                for (int i = 0; i < 4; i++)
                    if (ok[i] && !m[nb[i]] && !seen[nb[i]]) { seen[nb[i]] = true; queue[tail++] = nb[i]; }
            }
            if (!edge) holes++;
        }
        return holes;
    }
}
