package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills what a prompt left open, from a seed, under {@link SpecSampler}'s rules. What the prompt said
 * is never changed: a combination the world cannot show is an error, not a silent repair.
 */
final class SpecCompletion {
    private static final Action[] GENERIC = {Action.STILL, Action.MOVE, Action.BOUNCE, Action.JUMP,
            Action.SPIN, Action.GROW, Action.SHRINK};
    private static final Direction[] ANY_WAY = {Direction.LEFT, Direction.RIGHT, Direction.UP, Direction.DOWN};
    private static final Direction[] SIDEWAYS = {Direction.LEFT, Direction.RIGHT};

    private SpecCompletion() {}

    static SceneSpec complete(ParsedPrompt prompt, long seed, VideoFormat format) {
        if (prompt.shots().size() > SceneSpec.MAX_SHOTS)
            throw new IllegalArgumentException(prompt.shots().size() + " shots in the prompt; allowed: 1 or " + SceneSpec.MAX_SHOTS);
        SplittableRandom rng = new SplittableRandom(seed);
        List<ParsedShot> planned = prompt.shots().isEmpty()
                ? List.of(new ParsedShot(null, null, List.of(), List.of())) : prompt.shots();
        List<ShotSpec> shots = new ArrayList<>();
        for (ParsedShot shot : planned) shots.add(shot(shot, rng));
        return new SceneSpec(seed, format, shots, shots.size() == 2 ? format.frames() / 2 : 0);
    }

    private static ShotSpec shot(ParsedShot shot, SplittableRandom rng) {
        int n = shot.subjects().size();
        if (n > ShotSpec.MAX_SUBJECTS)
            throw new IllegalArgumentException(n + " subjects in one shot of the prompt; allowed: 1 to " + ShotSpec.MAX_SUBJECTS);
        Scene scene = shot.scene() != null ? shot.scene() : pick(rng, Scene.values());
        Camera camera = shot.camera() != null ? shot.camera() : pick(rng, Camera.values());
        List<SubjectSpec> subjects = n == 0 ? List.of(new SpecSampler().subject(rng)) : subjects(shot.subjects(), rng);
        List<RelationSpec> relations = new ArrayList<>();
        for (int i = 1; i < subjects.size(); i++) {
            int subject = i;
            relations.add(shot.relations().stream().filter(r -> r.subject() == subject && r.reference() < subject).findFirst()
                    .orElseGet(() -> new RelationSpec(subject, pick(rng, Relation.values()), rng.nextInt(subject))));
        }
        return new ShotSpec(scene, camera, subjects, relations);
    }

    private static List<SubjectSpec> subjects(List<ParsedSubject> parsed, SplittableRandom rng) {
        int n = parsed.size();
        Subject[] kinds = new Subject[n];
        for (int i = 0; i < n; i++) kinds[i] = kind(parsed.get(i), rng);
        Colour[] colours = new Colour[n];
        for (int i = 0; i < n; i++) {
            colours[i] = parsed.get(i).colour();
            for (int j = 0; j < i; j++)
                if (colours[i] != null && colours[i] == colours[j] && kinds[i] == kinds[j])
                    throw new IllegalArgumentException("two " + colours[i].id() + " " + kinds[i].id()
                            + " subjects in one shot; allowed: subjects that differ in kind or colour");
        }
        for (int i = 0; i < n; i++) {
            if (colours[i] != null) continue;
            List<Colour> free = new ArrayList<>();
            for (Colour c : Colour.values()) {
                boolean clash = false;
                for (int j = 0; j < n; j++) clash |= j != i && kinds[j] == kinds[i] && colours[j] == c;
                if (!clash) free.add(c);
            }
            colours[i] = free.get(rng.nextInt(free.size()));
        }
        List<SubjectSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ParsedSubject p = parsed.get(i);
            Size size = p.size() != null ? p.size() : pick(rng, Size.values());
            Action action = p.action() != null ? p.action() : action(kinds[i], p.direction(), rng);
            Direction direction = p.direction() != null ? p.direction() : direction(action, rng);
            out.add(new SubjectSpec(kinds[i], colours[i], size, action, direction));
        }
        return out;
    }

    /** The kind the prompt named, else the one whose body shows the action (a gallop is a horse's), else any. */
    private static Subject kind(ParsedSubject p, SplittableRandom rng) {
        if (p.kind() != null) return p.kind();
        if (p.action() != null && p.action().naturalSubject() != null) return p.action().naturalSubject();
        return pick(rng, Subject.values());
    }

    /** The sampler's action odds for the kind (its natural action twice), kept to those that can go the asked way. */
    private static Action action(Subject kind, Direction direction, SplittableRandom rng) {
        List<Action> actions = new ArrayList<>(List.of(GENERIC));
        for (Action a : Action.values()) if (a.naturalSubject() == kind) { actions.add(a); actions.add(a); }
        if (direction != null) actions.removeIf(a -> !a.allows(direction));
        return actions.get(rng.nextInt(actions.size()));
    }

    private static Direction direction(Action action, SplittableRandom rng) {
        if (!action.travels()) return Direction.NONE;
        return action == Action.MOVE ? pick(rng, ANY_WAY) : pick(rng, SIDEWAYS);
    }

    private static <T> T pick(SplittableRandom rng, T[] values) { return values[rng.nextInt(values.length)]; }
}
