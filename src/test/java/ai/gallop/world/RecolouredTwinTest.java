package ai.gallop.world;

import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recoloured twin that training contrasts a clip with: the same clip in every respect but its subjects'
 * paint, so the only thing that tells the two apart is the colour word of the caption.
 */
class RecolouredTwinTest {
    private static final VideoFormat SMALL = new VideoFormat(64, 64, 8, 9);

    @Test void aTwinChangesEverySubjectsColourAndNothingElseOfTheSpec() {
        SpecSampler training = SpecSampler.training();
        for (long seed = 0; seed < 500; seed++) {
            SceneSpec spec = training.sample(seed, VideoFormat.DEFAULT), twin = training.recoloured(spec, seed * 31);
            assertThat(twin).isEqualTo(training.recoloured(spec, seed * 31));
            assertThat(HeldOut.found(twin)).as("seed " + seed).isEmpty();
            assertThat(twin.seed()).isEqualTo(spec.seed());
            assertThat(twin.cutFrame()).isEqualTo(spec.cutFrame());
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(List.of(b.scene(), b.camera(), b.relations())).isEqualTo(List.of(a.scene(), a.camera(), a.relations()));
                for (int i = 0; i < a.subjects().size(); i++) {
                    SubjectSpec x = a.subjects().get(i), y = b.subjects().get(i);
                    assertThat(y.colour()).as("seed " + seed).isNotEqualTo(x.colour());
                    assertThat(new SubjectSpec(y.kind(), x.colour(), y.size(), y.action(), y.direction())).isEqualTo(x);
                }
            }
        }
    }

    @Test void aRenderedTwinDiffersFromItsClipOnlyWhereASubjectIsAndSoundsTheSame() {
        SpecSampler training = SpecSampler.training();
        WorldRenderer renderer = new WorldRenderer();
        long changedInside = 0;
        for (long seed = 0; seed < 12; seed++) {
            SceneSpec spec = training.sample(seed, SMALL);
            RenderedClip clip = renderer.render(spec), twin = renderer.render(training.recoloured(spec, seed));
            assertThat(twin.video().sound().samples()).isEqualTo(clip.video().sound().samples());
            assertThat(twin.labels()).usingRecursiveComparison().isEqualTo(clip.labels());
            for (int f = 0; f < clip.video().frames().size(); f++) {
                RgbFrame a = clip.video().frames().get(f), b = twin.video().frames().get(f);
                byte[] label = clip.labels().get(f);
                for (int p = 0; p < label.length; p++) {
                    boolean same = a.rgb()[3 * p] == b.rgb()[3 * p] && a.rgb()[3 * p + 1] == b.rgb()[3 * p + 1] && a.rgb()[3 * p + 2] == b.rgb()[3 * p + 2];
                    if (label[p] == 0) assertThat(same).as("seed " + seed + " frame " + f + " background pixel " + p).isTrue();
                    else if (!same) changedInside++;
                }
            }
        }
        assertThat(changedInside).as("subject pixels repainted").isGreaterThan(1000);
    }
}
