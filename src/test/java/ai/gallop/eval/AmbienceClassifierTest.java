package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.ShotTruth;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AmbienceClassifierTest {

    @Test
    void namesTheAmbienceOfFreshRendersShotByShot() {
        WorldRenderer renderer = new WorldRenderer();
        SpecSampler sampler = new SpecSampler(spec -> true, 0.3);     // two-shot clips too
        int right = 0, total = 0;
        for (int i = 0; i < 60; i++) {
            VideoFormat format = AmbienceCalibration.format(i);
            RenderedClip clip = renderer.render(sampler.sample(i, format));   // seeds far from the calibration's
            Sound sound = clip.video().sound();
            double[] onsets = new OnsetDetector().detect(sound);
            for (ShotTruth shot : clip.truth().shots()) {
                double from = shot.startFrame() / (double) format.fps() + SoundDimensions.CUT_GUARD_SECONDS;
                double to = (shot.endFrame() == format.frames() ? sound.seconds() : shot.endFrame() / (double) format.fps())
                        - SoundDimensions.CUT_GUARD_SECONDS;
                AmbienceClassifier.Guess g = AmbienceClassifier.classify(sound, from, to, onsets);
                total++;
                if (g.ambience().id().equals(shot.ambience())) right++;
            }
        }
        double accuracy = right / (double) total;
        System.out.printf("ambience accuracy on %d shots of 60 renders: %.4f%n", total, accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void everySceneMapsToTheAmbienceTheWorldRenders() {
        WorldRenderer renderer = new WorldRenderer();
        SpecSampler sampler = new SpecSampler();
        for (Scene scene : Scene.values()) {
            var shot = sampler.shot(new java.util.SplittableRandom(scene.ordinal()));
            var spec = ai.gallop.world.SceneSpec.of(1, VideoFormat.DEFAULT,
                    new ai.gallop.world.ShotSpec(scene, shot.camera(), shot.subjects(), shot.relations()));
            assertThat(Ambience.of(scene).id()).isEqualTo(renderer.render(spec).truth().shots().getFirst().ambience());
        }
    }

    @Test
    void tableHasOneRowPerSceneWithAValuePerFeature() {
        assertThat(AmbienceClassifier.TABLE).extracting(AmbienceClassifier.Reference::scene).containsExactlyInAnyOrder(Scene.values());
        for (AmbienceClassifier.Reference r : AmbienceClassifier.TABLE) {
            assertThat(r.mean()).hasSize(AmbienceFeatures.NAMES.size());
            assertThat(r.sigma()).hasSize(AmbienceFeatures.NAMES.size());
        }
    }

    @Test
    void classifyingSilenceOrAnEmptyStretchDoesNotCrash() {
        assertThat(AmbienceClassifier.classify(Sound.silence(1, 16_000), 0, 1, new double[0]).ambience()).isNotNull();
        assertThat(AmbienceClassifier.classify(Sound.silence(1, 16_000), 0.5, 0.5, new double[0]).ambience()).isNotNull();
    }

    @Test
    void featureNamesMatchTheFeatures() {
        AmbienceFeatures f = AmbienceFeatures.of(OnsetDetectorTest.clicksInNoise(new double[]{0.5}, 0.01, 0, 1), 0, 2, new double[]{0.5});
        assertThat(f.values()).hasSize(AmbienceFeatures.NAMES.size());
        assertThat(List.of(f.values()[0])).allMatch(Double::isFinite);
    }
}
