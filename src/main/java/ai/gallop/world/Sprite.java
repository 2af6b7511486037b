package ai.gallop.world;

import java.util.List;

/**
 * A subject's shape in local units (1 = the subject's nominal size, x toward where it faces, y down)
 * as an ordered list of filled parts; a later part covers an earlier one. Each part carries a tint:
 * the body colour or one of the small details (eye, spot, wheels).
 */
final class Sprite {
    static final int BODY = 0, DETAIL = 1, WHEEL = 2;

    sealed interface Part permits Ellipse, Capsule, Polygon {
        boolean contains(double x, double y);

        /** Grows box {minX, minY, maxX, maxY} to hold the part. */
        void extend(double[] box);

        int tint();
    }

    /** An ellipse turned by an angle whose cosine and sine are kept, so a pixel test needs no trigonometry. */
    record Ellipse(double cx, double cy, double rx, double ry, double cos, double sin, int tint) implements Part {
        static Ellipse of(double cx, double cy, double rx, double ry, double angle, int tint) {
            return new Ellipse(cx, cy, rx, ry, StrictMath.cos(angle), StrictMath.sin(angle), tint);
        }

        static Ellipse disc(double cx, double cy, double r, int tint) { return new Ellipse(cx, cy, r, r, 1, 0, tint); }

        public boolean contains(double x, double y) {
            double dx = x - cx, dy = y - cy;
            double u = (dx * cos + dy * sin) / rx, v = (-dx * sin + dy * cos) / ry;
            return u * u + v * v <= 1;
        }

        public void extend(double[] box) {
            double hx = Math.sqrt(rx * rx * cos * cos + ry * ry * sin * sin), hy = Math.sqrt(rx * rx * sin * sin + ry * ry * cos * cos);
            grow(box, cx - hx, cy - hy);
            grow(box, cx + hx, cy + hy);
        }
    }

    /** A segment from a to b thickened by radius r: legs, necks, tails. */
    record Capsule(double ax, double ay, double bx, double by, double r, int tint) implements Part {
        public boolean contains(double x, double y) {
            double vx = bx - ax, vy = by - ay, wx = x - ax, wy = y - ay;
            double t = Math.clamp((wx * vx + wy * vy) / (vx * vx + vy * vy), 0.0, 1.0);
            double dx = wx - t * vx, dy = wy - t * vy;
            return dx * dx + dy * dy <= r * r;
        }

        public void extend(double[] box) {
            grow(box, Math.min(ax, bx) - r, Math.min(ay, by) - r);
            grow(box, Math.max(ax, bx) + r, Math.max(ay, by) + r);
        }
    }

    /** A simple polygon, filled by the even-odd rule; xy holds x0, y0, x1, y1, ... */
    record Polygon(double[] xy, int tint) implements Part {
        public boolean contains(double x, double y) {
            boolean inside = false;
            int n = xy.length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
            }
            return inside;
        }

        public void extend(double[] box) {
            for (int i = 0; i < xy.length; i += 2) grow(box, xy[i], xy[i + 1]);
        }
    }

    private final Part[] parts;

    Sprite(List<Part> parts) { this.parts = parts.toArray(Part[]::new); }

    /** The tint of the top-most part at local point (x, y), or -1 where the shape is empty. */
    int tintAt(double x, double y) {
        for (int p = parts.length - 1; p >= 0; p--) if (parts[p].contains(x, y)) return parts[p].tint();
        return -1;
    }

    /** Local bounds {minX, minY, maxX, maxY} holding every part. */
    double[] bounds() {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Part p : parts) p.extend(box);
        return box;
    }

    private static void grow(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
    }
}
