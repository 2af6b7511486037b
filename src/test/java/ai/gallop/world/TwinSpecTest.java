package ai.gallop.world;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twins training pairs a clip with: recoloured (the same clip in every respect but its subjects' paint, so only
 * the colour words of the caption tell the two apart), in another scene, or with other kinds of subject.
 */
class TwinSpecTest {
    private static final VideoFormat SMALL = new VideoFormat(64, 64, 8, 9);

    /** Each of 500 training specs beside its twin from {@code twin}, after the checks every twin passes. */
    private static void eachTwin(BiFunction<SceneSpec, Long, SceneSpec> twin, BiConsumer<SceneSpec, SceneSpec> check) {
        SpecSampler training = SpecSampler.training();
        for (long seed = 0; seed < 500; seed++) {
            SceneSpec spec = training.sample(seed, VideoFormat.DEFAULT), made = twin.apply(spec, seed * 31);
            assertThat(made).isEqualTo(twin.apply(spec, seed * 31));
            assertThat(HeldOut.found(made)).as("seed " + seed).isEmpty();
            assertThat(List.of(made.seed(), made.cutFrame())).isEqualTo(List.of(spec.seed(), spec.cutFrame()));
            check.accept(spec, made);
        }
    }

    @Test void aTwinChangesEverySubjectsColourAndNothingElseOfTheSpec() {
        SpecSampler training = SpecSampler.training();
        eachTwin(training::recoloured, (spec, twin) -> {
            long seed = spec.seed();
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(List.of(b.scene(), b.camera(), b.relations())).isEqualTo(List.of(a.scene(), a.camera(), a.relations()));
                for (int i = 0; i < a.subjects().size(); i++) {
                    SubjectSpec x = a.subjects().get(i), y = b.subjects().get(i);
                    assertThat(y.colour()).as("seed " + seed).isNotEqualTo(x.colour());
                    assertThat(new SubjectSpec(y.kind(), x.colour(), y.size(), y.action(), y.direction())).isEqualTo(x);
                }
            }
        });
    }

    @Test void aRescenedTwinMovesEveryShotToAnotherSceneAndKeepsItsSubjects() {
        eachTwin(SpecSampler.training()::rescened, (spec, twin) -> {
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(b.scene()).as("seed " + spec.seed()).isNotEqualTo(a.scene());
                assertThat(List.of(b.camera(), b.subjects(), b.relations())).isEqualTo(List.of(a.camera(), a.subjects(), a.relations()));
            }
        });
    }

    @Test void aRekindedTwinChangesTheKindOfEverySubjectWhoseActionAllowsIt() {
        SpecSampler training = SpecSampler.training();
        int[] changedAndKept = new int[2];
        eachTwin(training::rekinded, (spec, twin) -> {
            boolean anyFree = spec.shots().stream().flatMap(shot -> shot.subjects().stream()).anyMatch(x -> x.action().naturalSubject() == null);
            if (!anyFree) {
                assertThat(twin).as("only gallops, flights and swims: recoloured instead").isEqualTo(training.recoloured(spec, spec.seed() * 31));
                return;
            }
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec a = spec.shots().get(s), b = twin.shots().get(s);
                assertThat(List.of(b.scene(), b.camera(), b.relations())).isEqualTo(List.of(a.scene(), a.camera(), a.relations()));
                assertThat(b.subjects().stream().map(x -> List.of(x.kind(), x.colour())).distinct().count()).as("no two alike").isEqualTo(b.subjects().size());
                for (int i = 0; i < a.subjects().size(); i++) {
                    SubjectSpec x = a.subjects().get(i), y = b.subjects().get(i);
                    assertThat(new SubjectSpec(x.kind(), y.colour(), y.size(), y.action(), y.direction())).isEqualTo(x);
                    boolean free = x.action().naturalSubject() == null;
                    assertThat(y.kind() != x.kind()).as("seed " + spec.seed() + ": a subject changes kind where its action allows").isEqualTo(free);
                    changedAndKept[free ? 0 : 1]++;
                }
            }
        });
        assertThat(changedAndKept[0]).isGreaterThan(300);
        assertThat(changedAndKept[1]).as("horses still gallop, birds fly, fish swim").isPositive();
    }

    @Test void aRekindedSpecOfOnlyItsOwnKindsActionsIsRecolouredInstead() {
        SubjectSpec horse = new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.LARGE, Action.GALLOP, Direction.RIGHT);
        SceneSpec spec = SceneSpec.of(4, VideoFormat.DEFAULT, new ShotSpec(Scene.MEADOW, Camera.STATIC, List.of(horse), List.of()));
        SubjectSpec twin = SpecSampler.training().rekinded(spec, 9).shots().getFirst().subjects().getFirst();
        assertThat(twin.kind()).isEqualTo(Subject.HORSE);
        assertThat(twin.colour()).isNotEqualTo(Colour.BROWN);
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
