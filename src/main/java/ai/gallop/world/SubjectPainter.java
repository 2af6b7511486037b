package ai.gallop.world;

/**
 * Rasterises a sprite at pixel centres (no anti-aliasing, so every covered pixel holds the exact
 * tint colour and the label map is exact). A placement puts the sprite's origin at screen point
 * (cx, cy), scales one local unit to {@code unit} pixels, mirrors it when it faces left and turns
 * it clockwise by {@code rotation} radians.
 */
final class SubjectPainter {
    private SubjectPainter() {}

    record Placement(double cx, double cy, double unit, double rotation, int facing) {
        static Placement of(SubjectState s, double sizePx, CameraView camera, int width, int height) {
            return new Placement(camera.screenX(s.x(), width), camera.screenY(s.y(), height),
                    sizePx * s.scale() * camera.zoom(), s.rotation(), s.facing());
        }
    }

    /** What painting covered: the whole shape's pixel count and extent, frame edge and other subjects ignored. */
    record Coverage(int area, PixelBox shapeBox) {}

    /** Screen bounds {minX, minY, maxX, maxY} that hold the whole placed sprite. */
    static double[] screenBounds(Sprite sprite, Placement p) {
        double[] b = sprite.bounds();
        double c = StrictMath.cos(p.rotation()), s = StrictMath.sin(p.rotation());
        double[] out = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 4; corner++) {
            double lx = (corner & 1) == 0 ? b[0] : b[2], ly = (corner & 2) == 0 ? b[1] : b[3];
            double mx = lx * p.facing();
            double sx = p.cx() + (mx * c - ly * s) * p.unit(), sy = p.cy() + (mx * s + ly * c) * p.unit();
            out[0] = Math.min(out[0], sx);
            out[1] = Math.min(out[1], sy);
            out[2] = Math.max(out[2], sx);
            out[3] = Math.max(out[3], sy);
        }
        return out;
    }

    /**
     * Paints the sprite into canvas (packed RGB, width * height) and writes {@code label} into the
     * label map wherever it covers, over whatever was there before.
     */
    static Coverage paint(Sprite sprite, Placement p, int[] tintColours, int[] canvas, byte[] labels, byte label, int width, int height) {
        double[] b = screenBounds(sprite, p);
        int px0 = (int) Math.ceil(b[0] - 0.5), px1 = (int) Math.floor(b[2] - 0.5);
        int py0 = (int) Math.ceil(b[1] - 0.5), py1 = (int) Math.floor(b[3] - 0.5);
        double c = StrictMath.cos(p.rotation()), s = StrictMath.sin(p.rotation()), inv = 1 / p.unit();
        int area = 0, minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
        for (int py = py0; py <= py1; py++) {
            double dy = (py + 0.5 - p.cy()) * inv;
            for (int px = px0; px <= px1; px++) {
                double dx = (px + 0.5 - p.cx()) * inv;
                double lx = (dx * c + dy * s) * p.facing(), ly = -dx * s + dy * c;
                int tint = sprite.tintAt(lx, ly);
                if (tint < 0) continue;
                area++;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                if (px >= 0 && px < width && py >= 0 && py < height) {
                    canvas[py * width + px] = tintColours[tint];
                    labels[py * width + px] = label;
                }
            }
        }
        return new Coverage(area, area == 0 ? null : new PixelBox(minX, minY, maxX + 1, maxY + 1));
    }
}
