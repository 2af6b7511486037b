package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.world.Vocabulary.Scene;

import java.util.List;

/**
 * Names the ambience of a stretch of sound: a Gaussian naive-Bayes choice among the seven scenes'
 * reference statistics of {@link AmbienceFeatures}, reported as the scene's {@link Ambience} (meadow,
 * snow and desert are three kinds of wind, one class). Each scene keeps its own prototype because
 * the three winds differ in spectrum: one averaged "wind" prototype would fit none of them.
 *
 * <p>The table below was measured once on world renders (700 single-shot clips, seeds 1000000 to
 * 1000699, 8, 12 and 24 fps, 1 to 3 s, every subject, camera and size the sampler draws; the
 * regenerating program is {@code AmbienceCalibration} in the tests) and is fixed here, so the judge
 * never calls the renderer. The standard deviations carry the spread that subjects add (an engine
 * hum fills the low bands, hence their large spread and small weight) and are floored at
 * {@link #MIN_SIGMA_DB} so no single feature can decide alone.
 */
public final class AmbienceClassifier {
    static final double MIN_SIGMA_DB = 0.25;

    /** One scene's reference: the mean and standard deviation of each feature, in {@link AmbienceFeatures#NAMES} order. */
    record Reference(Scene scene, int clips, double[] mean, double[] sigma) {}

    /** The decision and how clear it was: the log-likelihood gap to the best scene of another ambience. */
    public record Guess(Ambience ambience, Scene closestScene, double margin) {}

    static final List<Reference> TABLE = List.of(
            row(Scene.MEADOW, 101,
                new double[]{-5.27, 3.60, 1.95, 2.66, 1.86, -2.11, -4.40, 3.43, -0.89, 0.90},
                new double[]{0.91, 4.41, 1.97, 0.68, 0.30, 0.20, 0.20, 0.56, 1.72, 0.35}),
            row(Scene.BEACH, 99,
                new double[]{-3.63, 0.34, -0.86, 0.51, 0.90, -1.75, -3.92, 3.39, -0.80, 2.06},
                new double[]{2.33, 4.52, 2.84, 0.98, 0.23, 0.17, 0.17, 0.50, 1.57, 1.00}),
            row(Scene.NIGHT_SKY, 102,
                new double[]{-16.10, 8.23, 5.53, 4.38, 2.46, -1.83, -4.67, 5.41, -1.92, 0.83},
                new double[]{0.35, 6.05, 3.32, 0.88, 0.41, 0.47, 0.17, 2.02, 3.16, 1.15}),
            row(Scene.SNOW, 89,
                new double[]{-3.13, -16.80, -11.49, -6.00, -1.73, -0.40, -2.15, 3.04, -2.52, 1.86},
                new double[]{3.94, 11.45, 5.21, 0.92, 0.26, 0.18, 0.18, 0.49, 2.63, 0.98}),
            row(Scene.DESERT, 107,
                new double[]{-6.73, 6.08, 3.90, 3.94, 2.27, -2.26, -4.58, 3.45, -0.98, 0.92},
                new double[]{1.11, 3.58, 1.28, 0.45, 0.26, 0.17, 0.15, 0.46, 1.22, 0.32}),
            row(Scene.CITY_STREET, 104,
                new double[]{-17.67, 23.52, 19.49, 15.18, 8.05, -7.88, -14.17, 6.10, -3.16, 1.22},
                new double[]{0.46, 1.54, 1.01, 0.49, 0.32, 0.22, 0.21, 0.47, 0.70, 1.37}),
            row(Scene.STUDIO, 98,
                new double[]{-22.89, 0.33, -2.17, -3.12, -1.36, 0.07, -1.40, 2.78, -3.82, 1.03},
                new double[]{0.40, 13.82, 8.65, 2.80, 0.42, 0.18, 0.18, 0.41, 7.43, 2.18}));

    private AmbienceClassifier() {}

    /** Classifies the sound between two times (seconds), leaving out what follows each onset. */
    public static Guess classify(Sound sound, double fromSeconds, double toSeconds, double[] onsets) {
        return classify(AmbienceFeatures.of(sound, fromSeconds, toSeconds, onsets));
    }

    public static Guess classify(AmbienceFeatures features) {
        double[] x = features.values();
        double[] score = new double[TABLE.size()];
        int best = 0;
        for (int s = 0; s < TABLE.size(); s++) {
            Reference r = TABLE.get(s);
            double ll = 0;
            for (int k = 0; k < x.length; k++) {
                double sigma = Math.max(MIN_SIGMA_DB, r.sigma()[k]), z = (x[k] - r.mean()[k]) / sigma;
                ll -= 0.5 * z * z + Math.log(sigma);
            }
            score[s] = ll;
            if (ll > score[best]) best = s;
        }
        Scene scene = TABLE.get(best).scene();
        double other = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < TABLE.size(); s++)
            if (Ambience.of(TABLE.get(s).scene()) != Ambience.of(scene)) other = Math.max(other, score[s]);
        return new Guess(Ambience.of(scene), scene, score[best] - other);
    }

    private static Reference row(Scene scene, int clips, double[] mean, double[] sigma) {
        return new Reference(scene, clips, mean, sigma);
    }
}
