package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Colour;

/**
 * One connected region of pixels painted in (nearly) one vocabulary colour: a candidate subject in
 * one frame. The mask covers the bounding box [x0, x1) x [y0, y1), row-major.
 */
public record Blob(Colour colour, int area, int x0, int y0, int x1, int y1, double cx, double cy, boolean[] mask) {
    public int boxWidth() { return x1 - x0; }

    public int boxHeight() { return y1 - y0; }

    /** Whether the blob's pixel at frame coordinates (x, y) is set. */
    public boolean covers(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1 && mask[(y - y0) * boxWidth() + (x - x0)];
    }

    /** Intersection over union of the two bounding boxes (what VBench's spatial rule uses). */
    public double boxIou(Blob o) {
        int ix = Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0));
        int iy = Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
        double inter = (double) ix * iy;
        double union = (double) boxWidth() * boxHeight() + (double) o.boxWidth() * o.boxHeight() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Size as the square root of the area: a length that scales like the subject does. */
    public double scale() { return Math.sqrt(area); }
}
