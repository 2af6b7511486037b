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
}
