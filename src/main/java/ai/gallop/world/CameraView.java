package ai.gallop.world;

import java.util.List;

/**
 * Where the camera looks in one frame. World coordinates are the pixels of the shot's first frame
 * (x right, y down): the view's centre sits at world (width / 2 + offsetX, height / 2 + offsetY)
 * and the picture is the world scaled by {@code zoom} about that centre.
 */
public record CameraView(double offsetX, double offsetY, double zoom) {
    /** A still camera's view: the first frame's, which every shot starts from. */
    public static final CameraView STILL = new CameraView(0, 0, 1);

    public CameraView {
        if (!(zoom > 0)) throw new IllegalArgumentException("zoom " + zoom + " must be positive");
    }

    public double screenX(double worldX, int width) { return (worldX - width / 2.0 - offsetX) * zoom + width / 2.0; }

    public double screenY(double worldY, int height) { return (worldY - height / 2.0 - offsetY) * zoom + height / 2.0; }

    public double worldX(double screenX, int width) { return (screenX - width / 2.0) / zoom + width / 2.0 + offsetX; }

    public double worldY(double screenY, int height) { return (screenY - height / 2.0) / zoom + height / 2.0 + offsetY; }

    /** The world rectangle {minX, minY, maxX, maxY} that a width x height picture seen through the views covers. */
    public static double[] span(List<CameraView> views, int width, int height) {
        double[] span = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (CameraView v : views) {
            span[0] = Math.min(span[0], v.worldX(0, width));
            span[1] = Math.min(span[1], v.worldY(0, height));
            span[2] = Math.max(span[2], v.worldX(width, width));
            span[3] = Math.max(span[3], v.worldY(height, height));
        }
        return span;
    }

    /** The same view with its numbers rounded for the ground-truth file. */
    CameraView rounded() { return new CameraView(Round.px(offsetX), Round.px(offsetY), Round.ratio(zoom)); }
}
