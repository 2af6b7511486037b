package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Scene;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Names a shot's scene from its background colours: the mean RGB of the background pixels (those
 * outside every subject's box) in the top, middle and bottom thirds of the picture, averaged over
 * the shot, compared with each scene's reference by Euclidean distance. Sky, horizon and ground
 * colours differ enough between the world's seven scenes that three bands suffice.
 */
public final class SceneClassifier {
    static final int BANDS = 3;

    /**
     * Reference band colours {top r, g, b, middle r, g, b, bottom r, g, b} per scene, measured on
     * the world's renders (PictureCalibrationTest.sceneReference prints them: the shots of 150 sampled
     * specs at 64x64 and 96x54, every camera move, background pixels of every frame).
     */
    private static final Map<Scene, double[]> REFERENCE = new EnumMap<>(Scene.class);

    static {
        REFERENCE.put(Scene.MEADOW, new double[]{136.7, 189.4, 235.2, 141.7, 184.7, 176.9, 105.1, 150.1, 65.0});
        REFERENCE.put(Scene.BEACH, new double[]{159.8, 203.8, 239.9, 96.4, 148.0, 169.9, 225.0, 200.0, 150.1});
        REFERENCE.put(Scene.NIGHT_SKY, new double[]{36.8, 44.1, 85.3, 28.6, 37.7, 88.6, 32.0, 41.8, 79.2});
        REFERENCE.put(Scene.SNOW, new double[]{152.2, 156.5, 167.7, 177.5, 192.0, 210.8, 185.0, 210.0, 238.0});
        REFERENCE.put(Scene.DESERT, new double[]{250.0, 210.2, 158.6, 225.0, 188.7, 137.5, 213.9, 173.9, 114.3});
        REFERENCE.put(Scene.CITY_STREET, new double[]{157.7, 168.5, 182.1, 123.6, 124.5, 124.0, 102.8, 102.5, 105.1});
        REFERENCE.put(Scene.STUDIO, new double[]{187.5, 187.5, 193.5, 189.8, 189.8, 195.8, 171.8, 171.8, 177.8});
    }

    /** The nine band means of a shot's background. */
    static double[] bandColours(List<RgbFrame> frames, List<List<Blob>> blobs) {
        double[] sum = new double[3 * BANDS];
        long[] count = new long[BANDS];
        for (int t = 0; t < frames.size(); t++) {
            RgbFrame f = frames.get(t);
            int w = f.width(), h = f.height();
            boolean[] background = CameraEstimator.backgroundMask(w, h, blobs.get(t), List.of());
            byte[] rgb = f.rgb();
            for (int y = 0; y < h; y++) {
                int band = Math.min(BANDS - 1, y * BANDS / h);
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (!background[i]) continue;
                    for (int c = 0; c < 3; c++) sum[3 * band + c] += rgb[3 * i + c] & 255;
                    count[band]++;
                }
            }
        }
        for (int b = 0; b < BANDS; b++)
            for (int c = 0; c < 3; c++) sum[3 * b + c] /= Math.max(1, count[b]);
        return sum;
    }

    public Scene classify(List<RgbFrame> frames, List<List<Blob>> blobs) {
        double[] f = bandColours(frames, blobs);
        Scene best = null;
        double bestDistance = Double.MAX_VALUE;
        for (var e : REFERENCE.entrySet()) {
            double d = 0;
            for (int i = 0; i < f.length; i++) d += (f[i] - e.getValue()[i]) * (f[i] - e.getValue()[i]);
            if (d < bestDistance) { bestDistance = d; best = e.getKey(); }
        }
        return best;
    }
}
