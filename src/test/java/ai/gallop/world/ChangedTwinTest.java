package ai.gallop.world;

import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The twins {@code --twin-changes} pairs a clip with besides the recoloured one: another scene, or other kinds of subject. */
class ChangedTwinTest {
    @Test void aRescenedTwinMovesEveryShotToAnotherSceneAndKeepsItsSubjects() {
        SpecSampler training = SpecSampler.training();
        for (long seed = 0; seed < 500; seed++) {
            SceneSpec spec = training.sample(seed, VideoFormat.DEFAULT), twin = training.rescened(spec, seed * 31);
            assertThat(twin).isEqualTo(training.rescened(spec, seed * 31));
            assertThat(HeldOut.found(twin)).as("seed " + seed).isEmpty();
            assertThat(List.of(twin.seed(), twin.cutFrame())).isEqualTo(List.of(spec.seed(), spec.cutFrame()));
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(b.scene()).as("seed " + seed).isNotEqualTo(a.scene());
                assertThat(List.of(b.camera(), b.subjects(), b.relations())).isEqualTo(List.of(a.camera(), a.subjects(), a.relations()));
            }
        }
    }

    @Test void aRekindedTwinChangesTheKindOfEverySubjectWhoseActionAllowsIt() {
        SpecSampler training = SpecSampler.training();
        int changed = 0, kept = 0;
        for (long seed = 0; seed < 500; seed++) {
            SceneSpec spec = training.sample(seed, VideoFormat.DEFAULT), twin = training.rekinded(spec, seed * 31);
            assertThat(twin).isEqualTo(training.rekinded(spec, seed * 31));
            assertThat(HeldOut.found(twin)).as("seed " + seed).isEmpty();
            boolean anyFree = spec.shots().stream().flatMap(shot -> shot.subjects().stream()).anyMatch(x -> x.action().naturalSubject() == null);
            if (!anyFree) {
                assertThat(twin).as("only gallops, flights and swims: recoloured instead").isEqualTo(training.recoloured(spec, seed * 31));
                continue;
            }
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(List.of(b.scene(), b.camera(), b.relations())).isEqualTo(List.of(a.scene(), a.camera(), a.relations()));
                assertThat(b.subjects().stream().map(x -> List.of(x.kind(), x.colour())).distinct().count()).as("no two alike").isEqualTo(b.subjects().size());
                for (int i = 0; i < a.subjects().size(); i++) {
                    SubjectSpec x = a.subjects().get(i), y = b.subjects().get(i);
                    assertThat(new SubjectSpec(x.kind(), y.colour(), y.size(), y.action(), y.direction())).isEqualTo(x);
                    if (x.action().naturalSubject() == null) {
                        assertThat(y.kind()).as("seed " + seed).isNotEqualTo(x.kind());
                        changed++;
                    } else {
                        assertThat(y.kind()).isEqualTo(x.kind());
                        kept++;
                    }
                }
            }
        }
        assertThat(changed).isGreaterThan(300);
        assertThat(kept).as("horses still gallop, birds fly, fish swim").isPositive();
    }

    @Test void aRekindedSpecOfOnlyItsOwnKindsActionsIsRecolouredInstead() {
        SpecSampler training = SpecSampler.training();
        SubjectSpec horse = new SubjectSpec(Subject.HORSE, Vocabulary.Colour.BROWN, Vocabulary.Size.LARGE, Vocabulary.Action.GALLOP, Vocabulary.Direction.RIGHT);
        SceneSpec spec = SceneSpec.of(4, VideoFormat.DEFAULT, new ShotSpec(Vocabulary.Scene.MEADOW, Vocabulary.Camera.STATIC, List.of(horse), List.of()));
        SceneSpec twin = training.rekinded(spec, 9);
        assertThat(twin.shots().getFirst().subjects().getFirst().kind()).isEqualTo(Subject.HORSE);
        assertThat(twin.shots().getFirst().subjects().getFirst().colour()).isNotEqualTo(Vocabulary.Colour.BROWN);
    }
}
