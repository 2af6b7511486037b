package ai.gallop.world;

import ai.gallop.world.HeldOut.ActionScene;
import ai.gallop.world.HeldOut.Combination;
import ai.gallop.world.HeldOut.KindColour;
import ai.gallop.world.HeldOut.KindScene;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The held-out rule: the training sampler never draws a held-out combination, yet every word of the
 * vocabulary, and every pairing that is not held out, still reaches training.
 */
class HeldOutTest {
    private static final int SPECS = 20_000;

    @Test void theTrainingSamplerNeverDrawsAHeldOutCombinationButKeepsEveryWordAndEveryOtherPair() {
        SpecSampler training = SpecSampler.training();
        Set<String> seen = new TreeSet<>();
        int twoShots = 0, threeSubjects = 0;
        for (long seed = 0; seed < SPECS; seed++) {
            SceneSpec spec = training.sample(seed, VideoFormat.DEFAULT);
            assertThat(HeldOut.found(spec)).as("seed " + seed).isEmpty();
            assertThat(HeldOut.TRAINING_FILTER.test(spec)).isTrue();
            if (spec.shots().size() == 2) twoShots++;
            for (ShotSpec shot : spec.shots()) {
                if (shot.subjects().size() == 3) threeSubjects++;
                seen.add("scene " + shot.scene().id());
                seen.add("camera " + shot.camera().id());
                seen.add("subjects " + shot.subjects().size());
                for (RelationSpec r : shot.relations()) seen.add("relation " + r.relation().id());
                for (SubjectSpec s : shot.subjects()) {
                    seen.add("kind " + s.kind().id());
                    seen.add("colour " + s.colour().id());
                    seen.add("size " + s.size().id());
                    seen.add("action " + s.action().id() + " " + s.direction().id());
                    seen.add(new KindColour(s.kind(), s.colour()).id());
                    seen.add(new KindScene(s.kind(), shot.scene()).id());
                    seen.add(new ActionScene(s.action(), shot.scene()).id());
                }
            }
        }
        Set<String> missing = new TreeSet<>(expectedInTraining());
        missing.removeAll(seen);
        assertThat(missing).as("words and pairings training never shows").isEmpty();
        for (Combination c : HeldOut.COMBINATIONS) assertThat(seen).doesNotContain(c.id());
        // Rejection thins out long specs but must leave enough of them to learn from.
        assertThat(twoShots).isGreaterThan(SPECS / 20);
        assertThat(threeSubjects).isGreaterThan(SPECS / 40);
    }

    /** Every word, and every pairing the world can show that is not held out. */
    private static Set<String> expectedInTraining() {
        Set<String> out = new TreeSet<>();
        for (Subject k : Subject.values()) out.add("kind " + k.id());
        for (Colour c : Colour.values()) out.add("colour " + c.id());
        for (Size z : Size.values()) out.add("size " + z.id());
        for (Scene s : Scene.values()) out.add("scene " + s.id());
        for (Camera c : Camera.values()) out.add("camera " + c.id());
        for (Relation r : Relation.values()) out.add("relation " + r.id());
        for (int n = 1; n <= ShotSpec.MAX_SUBJECTS; n++) out.add("subjects " + n);
        for (Action a : Action.values())
            for (Direction d : Direction.values()) if (a.allows(d)) out.add("action " + a.id() + " " + d.id());
        Set<String> heldOut = new TreeSet<>(HeldOut.COMBINATIONS.stream().map(Combination::id).toList());
        for (Subject k : Subject.values()) {
            for (Colour c : Colour.values()) out.add(new KindColour(k, c).id());
            for (Scene s : Scene.values()) out.add(new KindScene(k, s).id());
        }
        for (Action a : Action.values()) for (Scene s : Scene.values()) out.add(new ActionScene(a, s).id());
        out.removeAll(heldOut);
        return out;
    }

    @Test void aboutATenthOfEachKindOfPairingIsHeldOutAndNoWordTwiceInOneList() {
        List<KindColour> kindColour = only(KindColour.class);
        List<KindScene> kindScene = only(KindScene.class);
        List<ActionScene> actionScene = only(ActionScene.class);
        assertThat(kindColour).hasSize(7);     // of 70
        assertThat(kindScene).hasSize(5);      // of 49
        assertThat(actionScene).hasSize(7);    // of 70
        assertDistinct(kindColour, KindColour::kind);
        assertDistinct(kindColour, KindColour::colour);
        assertDistinct(kindScene, KindScene::scene);
        // A kind with its own action would take that action out of the scene as well.
        assertThat(kindScene).allSatisfy(p -> assertThat(Arrays.stream(Action.values()).map(Action::naturalSubject)).doesNotContain(p.kind()));
        assertDistinct(actionScene, ActionScene::action);
        assertDistinct(actionScene, ActionScene::scene);
        assertThat(HeldOut.COMBINATIONS.stream().map(Combination::id).distinct()).hasSize(HeldOut.COMBINATIONS.size());
    }

    @Test void aHeldOutCombinationAnywhereInTheSpecExcludesIt() {
        SubjectSpec blueHorse = new SubjectSpec(Subject.HORSE, Colour.BLUE, Size.LARGE, Action.STILL, Direction.NONE);
        SubjectSpec brownHorse = new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.LARGE, Action.GALLOP, Direction.LEFT);
        SubjectSpec redBall = new SubjectSpec(Subject.BALL, Colour.RED, Size.SMALL, Action.BOUNCE, Direction.NONE);
        ShotSpec plain = new ShotSpec(Scene.DESERT, Camera.STATIC, List.of(redBall), List.of());
        assertThat(HeldOut.excludes(SceneSpec.of(1, VideoFormat.DEFAULT, plain))).isFalse();

        ShotSpec blue = new ShotSpec(Scene.DESERT, Camera.STATIC, List.of(redBall, blueHorse), List.of(new RelationSpec(1, Relation.ABOVE, 0)));
        assertThat(HeldOut.found(SceneSpec.of(1, VideoFormat.DEFAULT, blue))).containsExactly(new KindColour(Subject.HORSE, Colour.BLUE));

        // A brown horse galloping in the snow: allowed kind and colour, held-out action and scene.
        ShotSpec snow = new ShotSpec(Scene.SNOW, Camera.PAN_LEFT, List.of(brownHorse), List.of());
        assertThat(HeldOut.found(SceneSpec.of(1, VideoFormat.DEFAULT, snow))).containsExactly(new ActionScene(Action.GALLOP, Scene.SNOW));

        // In the second shot only: a ball bouncing on the beach.
        ShotSpec beach = new ShotSpec(Scene.BEACH, Camera.STATIC, List.of(redBall), List.of());
        SceneSpec twoShots = new SceneSpec(1, VideoFormat.DEFAULT, List.of(plain, beach), 8);
        assertThat(HeldOut.found(twoShots)).containsExactly(new ActionScene(Action.BOUNCE, Scene.BEACH));
        assertThat(HeldOut.TRAINING_FILTER.test(twoShots)).isFalse();
    }

    @Test void theTrainingSamplerIsDeterministicAndOnlyRedrawsWhatItMust() {
        SpecSampler training = SpecSampler.training(), all = new SpecSampler();
        int same = 0;
        for (long seed = 0; seed < 500; seed++) {
            assertThat(training.sample(seed, VideoFormat.DEFAULT)).isEqualTo(training.sample(seed, VideoFormat.DEFAULT));
            SceneSpec free = all.sample(seed, VideoFormat.DEFAULT);
            if (!HeldOut.excludes(free)) {
                assertThat(training.sample(seed, VideoFormat.DEFAULT)).isEqualTo(free);
                same++;
            }
        }
        assertThat(same).isBetween(250, 450);
    }

    @Test void simpleSpecsHaveOneStaticShotAndOneLargeSubjectNeverHeldOutAndEveryKindColourAndScene() {
        SpecSampler training = SpecSampler.training();
        Set<String> seen = new TreeSet<>();
        for (long seed = 0; seed < 3_000; seed++) {
            SceneSpec spec = training.simple(seed, VideoFormat.DEFAULT);
            assertThat(spec).isEqualTo(training.simple(seed, VideoFormat.DEFAULT));
            assertThat(HeldOut.found(spec)).as("seed " + seed).isEmpty();
            assertThat(spec.shots()).hasSize(1);
            ShotSpec shot = spec.shots().getFirst();
            assertThat(shot.camera()).isEqualTo(Camera.STATIC);
            assertThat(shot.subjects()).hasSize(1);
            SubjectSpec subject = shot.subjects().getFirst();
            assertThat(subject.size()).isEqualTo(Size.LARGE);
            seen.add(subject.kind().id());
            seen.add(subject.colour().id());
            seen.add(shot.scene().id());
            seen.add(subject.action().id());
        }
        for (Subject k : Subject.values()) assertThat(seen).contains(k.id());
        for (Colour c : Colour.values()) assertThat(seen).contains(c.id());
        for (Scene sc : Scene.values()) assertThat(seen).contains(sc.id());
        assertThat(seen).contains(Action.GROW.id(), Action.BOUNCE.id(), Action.MOVE.id());
    }

    private static <T extends Combination> List<T> only(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Combination c : HeldOut.COMBINATIONS) if (type.isInstance(c)) out.add(type.cast(c));
        return out;
    }

    private static <T> void assertDistinct(List<T> list, Function<T, Object> word) {
        assertThat(list.stream().map(word).distinct().count()).isEqualTo(list.size());
    }
}
