package ai.gallop.eval;

/** Comparisons of two blob masks with their centroids laid on top of each other. */
final class MaskGeometry {
    private MaskGeometry() {}

    /** IoU of two masks aligned at their centroids: 1 for the same shape, lower as the outline changes. */
    static double alignedIou(Blob a, Blob b) {
        return overlap(a, b, 0, 1) / (a.area() + b.area() - overlap(a, b, 0, 1));
    }

    /**
     * IoU of the two masks with centroids aligned and a scaled to b's area, so that a subject seen
     * through a zoom keeps its outline and only a change of shape counts.
     */
    static double scaledIou(Blob a, Blob b) {
        double o = overlap(a, b, 0, Math.sqrt((double) b.area() / a.area()));
        return o / (2.0 * b.area() - o);
    }

    /**
     * The clockwise turn (degrees, within +-45) that best maps a's mask onto b's, searched in 2.5
     * degree steps; 0 wins ties, so shapes that look the same at every angle read as not turning.
     */
    static double bestTurn(Blob a, Blob b) {
        double best = overlap(a, b, 0, 1), bestAngle = 0;
        for (int k = 1; k <= 18; k++)
            for (int sign : new int[]{1, -1}) {
                double angle = sign * 2.5 * k;
                double o = overlap(a, b, Math.toRadians(angle), 1);
                if (o > best + 1e-9) { best = o; bestAngle = angle; }
            }
        return bestAngle;
    }

    /**
     * Pixels of b whose centre, turned back by {@code angle} about b's centroid and shrunk by
     * {@code scale} (b's size over a's), lands in a's mask.
     */
    private static double overlap(Blob a, Blob b, double angle, double scale) {
        double c = Math.cos(angle), s = Math.sin(angle);
        int bw = b.boxWidth(), count = 0;
        for (int y = b.y0(); y < b.y1(); y++)
            for (int x = b.x0(); x < b.x1(); x++) {
                if (!b.mask()[(y - b.y0()) * bw + (x - b.x0())]) continue;
                double dx = (x + 0.5 - b.cx()) / scale, dy = (y + 0.5 - b.cy()) / scale;
                double ax = a.cx() + dx * c + dy * s, ay = a.cy() - dx * s + dy * c;
                if (a.covers((int) Math.floor(ax), (int) Math.floor(ay))) count++;
            }
        return count;
    }

    /**
     * The change of shape between two sightings of one subject: pixels of either mask whose centre,
     * with the two masks laid on each other, lies more than one pixel (chessboard) from the other
     * mask, divided by the size (square root of the larger area). Along each axis the masks are laid
     * by their centroids when neither is cut by the frame edge there, else by the side neither has cut
     * (NaN when each side is cut in one of them); the scale is b's size over a's when both are whole,
     * else {@code cameraScale}. A pixel that lands outside the picture of the other frame is not counted.
     */
    static double farChange(Blob a, Blob b, double cameraScale, int width, int height) {
        double[] x = anchors(a.x0(), a.x1(), a.cx(), b.x0(), b.x1(), b.cx(), width);
        double[] y = anchors(a.y0(), a.y1(), a.cy(), b.y0(), b.y1(), b.cy(), height);
        if (x == null || y == null) return Double.NaN;
        boolean whole = x[2] == 1 && y[2] == 1;
        double s = whole ? Math.sqrt((double) b.area() / a.area()) : cameraScale;
        int far = far(a, x[0], y[0], b, x[1], y[1], s, width, height) + far(b, x[1], y[1], a, x[0], y[0], 1 / s, width, height);
        return far / Math.sqrt(Math.max(a.area(), b.area()));
    }

    /** {anchor in a, anchor in b, 1 when both are centroids} along one axis, or null when both sides are cut. */
    private static double[] anchors(int a0, int a1, double ac, int b0, int b1, double bc, int extent) {
        boolean aLow = a0 == 0, aHigh = a1 == extent, bLow = b0 == 0, bHigh = b1 == extent;
        if (!aLow && !aHigh && !bLow && !bHigh) return new double[]{ac, bc, 1};
        if (!aHigh && !bHigh) return new double[]{a1, b1, 0};
        if (!aLow && !bLow) return new double[]{a0, b0, 0};
        return null;
    }

    /**
     * Pixels of b whose centre, mapped into a's frame (a's anchor + (p - b's anchor) / s), lies inside
     * the picture with no pixel of a within one pixel.
     */
    private static int far(Blob a, double ax, double ay, Blob b, double bx, double by, double s, int width, int height) {
        int count = 0;
        for (int y = b.y0(); y < b.y1(); y++)
            for (int x = b.x0(); x < b.x1(); x++) {
                if (!b.covers(x, y)) continue;
                double px = ax + (x + 0.5 - bx) / s, py = ay + (y + 0.5 - by) / s;
                if (px < 0 || py < 0 || px >= width || py >= height) continue;
                int ix = (int) Math.floor(px), iy = (int) Math.floor(py);
                boolean near = false;
                for (int dy = -1; dy <= 1 && !near; dy++)
                    for (int dx = -1; dx <= 1 && !near; dx++) near = a.covers(ix + dx, iy + dy);
                if (!near) count++;
            }
        return count;
    }

    /**
     * Where the blob's outline falls short of its convex hull: the centroid of the pixels inside the
     * hull that are not in the mask (holes, notches, the spot painted on a ball), relative to the blob's
     * centroid, as {dx, dy} in pixels; null when the mask is convex. A ball's disc turns into itself,
     * but its off-centre spot does not, so this offset turns with the subject when it spins.
     */
    static double[] defectOffset(Blob b) {
        int w = b.boxWidth(), h = b.boxHeight();
        long[][] hull = ShapeDescriptor.hull(b.mask(), w, h);
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (b.mask()[y * w + x] || !inside(hull, x + 0.5, y + 0.5)) continue;
                sx += x + 0.5;
                sy += y + 0.5;
                n++;
            }
        if (n == 0) return null;
        return new double[]{sx / n - (b.cx() - b.x0()), sy / n - (b.cy() - b.y0())};
    }

    /** Whether a point lies inside a convex polygon (either winding), its border included. */
    private static boolean inside(long[][] polygon, double x, double y) {
        int sign = 0;
        for (int i = 0; i < polygon.length; i++) {
            long[] p = polygon[i], q = polygon[(i + 1) % polygon.length];
            double c = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
            if (c == 0) continue;
            int s = c > 0 ? 1 : -1;
            if (sign == 0) sign = s;
            else if (s != sign) return false;
        }
        return true;
    }
}
