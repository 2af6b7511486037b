package ai.gallop.eval;

import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.WorldRenderer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regenerates {@link AmbienceClassifier#TABLE} from world renders (run its main from the test class
 * path and paste the output): 700 single-shot clips from seed 1000000, at 8, 12 and 24 fps and 1 to
 * 3 seconds. Kept in the tests because the judge itself must never call the renderer.
 */
final class AmbienceCalibration {
    static final long FIRST_SEED = 1_000_000;
    static final int CLIPS = 700;
    private static final int[] FPS = {8, 12, 24};

    private AmbienceCalibration() {}

    /** The format of calibration (and test) clip i: rotating through the frame rates and lengths. */
    static VideoFormat format(int i) {
        int fps = FPS[i % 3];
        return new VideoFormat(64, 64, fps, fps * (1 + i % 3) + 1);
    }

    public static void main(String[] args) {
        WorldRenderer renderer = new WorldRenderer();
        SpecSampler sampler = new SpecSampler(spec -> true, 0.0);
        Map<Scene, List<double[]>> byScene = new EnumMap<>(Scene.class);
        for (int i = 0; i < CLIPS; i++) {
            RenderedClip clip = renderer.render(sampler.sample(FIRST_SEED + i, format(i)));
            double[] onsets = new OnsetDetector().detect(clip.video().sound());
            AmbienceFeatures f = AmbienceFeatures.of(clip.video().sound(), 0, clip.video().sound().seconds(), onsets);
            byScene.computeIfAbsent(clip.spec().shots().getFirst().scene(), k -> new ArrayList<>()).add(f.values());
        }
        byScene.forEach((scene, rows) -> System.out.println(row(scene, rows)));
    }

    private static String row(Scene scene, List<double[]> rows) {
        int d = rows.getFirst().length, n = rows.size();
        double[] mean = new double[d], sd = new double[d];
        for (double[] v : rows) for (int k = 0; k < d; k++) mean[k] += v[k] / n;
        for (double[] v : rows) for (int k = 0; k < d; k++) sd[k] += (v[k] - mean[k]) * (v[k] - mean[k]) / (n - 1);
        StringBuilder sb = new StringBuilder("            row(Scene." + scene.name() + ", " + n + ",\n                new double[]{");
        for (int k = 0; k < d; k++) sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", mean[k]));
        sb.append("},\n                new double[]{");
        for (int k = 0; k < d; k++) sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", Math.sqrt(sd[k])));
        return sb.append("}),").toString();
    }
}
