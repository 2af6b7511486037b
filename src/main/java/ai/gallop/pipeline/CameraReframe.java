package ai.gallop.pipeline;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.CameraView;

import java.util.ArrayList;
import java.util.List;

/**
 * Films a generated shot again through the camera its prompt asks for. The model draws the shot as if the camera
 * stood still; this takes each drawn frame as a picture of the whole stretch of world the asked camera sweeps over
 * (the span of all its views, scaled evenly into the frame) and cuts out, by bilinear resampling, what the camera
 * sees in that frame. A pan or zoom is then exactly the world's, whatever the model learned of camera moves, at the
 * price of enlarging the picture by the span's size (1.24x for a 2-second pan at the world's speed, 1.5x at the
 * end of a zoom out; a zoom in keeps the first frame as drawn).
 */
final class CameraReframe {
    private CameraReframe() {}

    /**
     * How much a shot's frames are enlarged to film them through {@code views}: the span of the views over the
     * frame, at least 1; 1 means the first frame stays exactly as drawn when the first view is still.
     */
    static double enlargement(List<CameraView> views, int width, int height) {
        return enlargement(CameraView.span(views, width, height), width, height);
    }

    private static double enlargement(double[] span, int width, int height) {
        return Math.max(1, Math.max((span[2] - span[0]) / width, (span[3] - span[1]) / height));
    }

    /** Whether the views move the camera at all (a still shot's frames are returned as they are). */
    static boolean moves(List<CameraView> views) {
        return views.stream().anyMatch(v -> !v.equals(CameraView.STILL));
    }

    /**
     * The frames seen through the views, one view per frame; a still camera returns the same list.
     *
     * @throws IllegalArgumentException when the counts differ
     */
    static List<RgbFrame> apply(List<RgbFrame> frames, List<CameraView> views) {
        if (frames.size() != views.size())
            throw new IllegalArgumentException(views.size() + " camera views for " + frames.size() + " frames; allowed: one view a frame");
        if (frames.isEmpty() || !moves(views)) return frames;
        int w = frames.getFirst().width(), h = frames.getFirst().height();
        double[] span = CameraView.span(views, w, h);
        double scale = enlargement(span, w, h);
        double centreX = (span[0] + span[2]) / 2, centreY = (span[1] + span[3]) / 2;
        List<RgbFrame> out = new ArrayList<>(frames.size());
        for (int j = 0; j < frames.size(); j++) {
            RgbFrame drawn = frames.get(j);
            CameraView view = views.get(j);
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                // the pixel centre's world place, then its place in the drawn frame (pixel centres at i + 0.5)
                double v = (view.worldY(y + 0.5, h) - centreY) / scale + h / 2.0 - 0.5;
                for (int x = 0; x < w; x++) {
                    double u = (view.worldX(x + 0.5, w) - centreX) / scale + w / 2.0 - 0.5;
                    sample(drawn, u, v, rgb, (y * w + x) * 3);
                }
            }
            out.add(new RgbFrame(w, h, rgb));
        }
        return out;
    }

    /** Bilinear sample at (u, v) in pixel-index coordinates, edges held. */
    private static void sample(RgbFrame frame, double u, double v, byte[] out, int at) {
        int w = frame.width(), h = frame.height();
        u = Math.clamp(u, 0, w - 1);
        v = Math.clamp(v, 0, h - 1);
        int x0 = (int) Math.floor(u), y0 = (int) Math.floor(v), x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double fx = u - x0, fy = v - y0;
        byte[] in = frame.rgb();
        for (int c = 0; c < 3; c++) {
            double top = (in[(y0 * w + x0) * 3 + c] & 255) * (1 - fx) + (in[(y0 * w + x1) * 3 + c] & 255) * fx;
            double bottom = (in[(y1 * w + x0) * 3 + c] & 255) * (1 - fx) + (in[(y1 * w + x1) * 3 + c] & 255) * fx;
            out[at + c] = (byte) Math.round(top * (1 - fy) + bottom * fy);
        }
    }
}
