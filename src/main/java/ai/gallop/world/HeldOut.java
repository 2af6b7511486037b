package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The attribute combinations training never sees, so that the compositional suite measures whether
 * a model composes words it learnt apart rather than recalls pairs it was shown. About a tenth of
 * each kind of pairing is held out, and every held-out list uses each word at most once, so every
 * word still occurs in training in most of its other combinations.
 */
public final class HeldOut {
    private HeldOut() {}

    /** One pairing of two words that no training spec may show on one subject. */
    public sealed interface Combination {
        /** Whether this subject, standing in this shot, shows the pairing. */
        boolean shownBy(SubjectSpec subject, ShotSpec shot);

        /** A short stable name, e.g. "horse+blue", "car@beach", "gallop@snow". */
        String id();
    }

    /** A subject kind painted in a colour. */
    public record KindColour(Subject kind, Colour colour) implements Combination {
        @Override public boolean shownBy(SubjectSpec subject, ShotSpec shot) { return subject.kind() == kind && subject.colour() == colour; }
        @Override public String id() { return kind.id() + "+" + colour.id(); }
    }

    /** A subject kind in a scene. */
    public record KindScene(Subject kind, Scene scene) implements Combination {
        @Override public boolean shownBy(SubjectSpec subject, ShotSpec shot) { return subject.kind() == kind && shot.scene() == scene; }
        @Override public String id() { return kind.id() + "@" + scene.id(); }
    }

    /** An action performed in a scene, by any subject. */
    public record ActionScene(Action action, Scene scene) implements Combination {
        @Override public boolean shownBy(SubjectSpec subject, ShotSpec shot) { return subject.action() == action && shot.scene() == scene; }
        @Override public String id() { return action.id() + "@" + scene.id(); }
    }

    /**
     * 7 of the 70 kind-colour pairs (one per kind, each colour at most once), 5 of the 49 kind-scene
     * pairs (each scene at most once) and 7 of the 70 action-scene pairs (one per scene, each action
     * at most once). Kind-scene pairs name only subjects without an action of their own: holding out
     * "horse on the beach" would silently hold out "gallop on the beach" too, since only horses gallop.
     * Changing this list changes what "never seen in training" means: retrain and rebuild the suites.
     */
    public static final List<Combination> COMBINATIONS = List.of(
            new KindColour(Subject.HORSE, Colour.BLUE),
            new KindColour(Subject.BALL, Colour.PURPLE),
            new KindColour(Subject.BIRD, Colour.ORANGE),
            new KindColour(Subject.CAR, Colour.PINK),
            new KindColour(Subject.FISH, Colour.YELLOW),
            new KindColour(Subject.BOX, Colour.RED),
            new KindColour(Subject.STAR, Colour.GREEN),
            new KindScene(Subject.BALL, Scene.SNOW),
            new KindScene(Subject.CAR, Scene.DESERT),
            new KindScene(Subject.BOX, Scene.NIGHT_SKY),
            new KindScene(Subject.STAR, Scene.MEADOW),
            new KindScene(Subject.CAR, Scene.BEACH),
            new ActionScene(Action.SPIN, Scene.MEADOW),
            new ActionScene(Action.BOUNCE, Scene.BEACH),
            new ActionScene(Action.SWIM, Scene.NIGHT_SKY),
            new ActionScene(Action.GALLOP, Scene.SNOW),
            new ActionScene(Action.JUMP, Scene.DESERT),
            new ActionScene(Action.FLY, Scene.CITY_STREET),
            new ActionScene(Action.GROW, Scene.STUDIO));

    /** Accepts exactly the specs training may use: give it to {@link SpecSampler} for training. */
    public static final Predicate<SceneSpec> TRAINING_FILTER = spec -> !HeldOut.excludes(spec);

    /** Whether the spec shows any held-out combination, in any shot, on any subject. */
    public static boolean excludes(SceneSpec spec) { return !found(spec).isEmpty(); }

    /** The held-out combinations the spec shows, in {@link #COMBINATIONS} order, each once. */
    public static List<Combination> found(SceneSpec spec) {
        List<Combination> out = new ArrayList<>();
        for (Combination c : COMBINATIONS)
            if (spec.shots().stream().anyMatch(shot -> shot.subjects().stream().anyMatch(s -> c.shownBy(s, shot)))) out.add(c);
        return out;
    }
}
