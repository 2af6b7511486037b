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
import java.util.function.Predicate;

/**
 * Draws random scene specs from a seed. Only natural pairings are drawn (only horses gallop, birds
 * fly, fish swim) and two subjects of one shot never share both kind and colour, so every caption
 * can name each subject unambiguously. An exclusion predicate keeps held-out combinations (the
 * compositional suite) out of training by construction.
 */
public final class SpecSampler {
    private static final Action[] GENERIC = {Action.STILL, Action.MOVE, Action.BOUNCE, Action.JUMP,
            Action.SPIN, Action.GROW, Action.SHRINK};

    /** How often a sampled spec has two shots (given a clip long enough to cut). */
    public static final double TWO_SHOT_CHANCE = 0.15;

    private final Predicate<SceneSpec> allowed;
    private final double twoShotChance;

    /** Every combination the world can show: for demos and evaluation, never for training. */
    public SpecSampler() { this(spec -> true, TWO_SHOT_CHANCE); }

    /** The sampler training must use: it never draws a {@link HeldOut} combination. */
    public static SpecSampler training() { return new SpecSampler(HeldOut.TRAINING_FILTER, TWO_SHOT_CHANCE); }

    public SpecSampler(Predicate<SceneSpec> allowed, double twoShotChance) {
        this.allowed = allowed;
        this.twoShotChance = twoShotChance;
    }

    /** The spec for one seed: the same seed and format always give the same spec. */
    public SceneSpec sample(long seed, VideoFormat format) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            SceneSpec spec = draw(rng, seed, format);
            if (allowed.test(spec)) return spec;
        }
        throw new IllegalStateException("the exclusion rule rejects every spec drawn for seed " + seed);
    }

    /**
     * A simple spec for the same seed: one shot with a static camera and one large subject, its kind, colour and
     * action drawn as {@link #sample} draws them, still within this sampler's allowed combinations. The caption then
     * speaks of that one subject only, and it covers 4.6% of a 64x64 frame on average against 2.5% for a subject of
     * an ordinary spec (which has 1.5 of them), so its words decide more of the picture.
     */
    public SceneSpec simple(long seed, VideoFormat format) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            SubjectSpec drawn = subject(rng);
            SubjectSpec large = new SubjectSpec(drawn.kind(), drawn.colour(), Size.LARGE, drawn.action(), drawn.direction());
            SceneSpec spec = SceneSpec.of(seed, format, new ShotSpec(pick(rng, Scene.values()), Camera.STATIC, List.of(large), List.of()));
            if (allowed.test(spec)) return spec;
        }
        throw new IllegalStateException("the exclusion rule rejects every simple spec drawn for seed " + seed);
    }

    /**
     * The same spec with every subject in another colour, drawn from {@code seed}: the same scene, camera, kinds,
     * sizes, actions and seed, so the renderer draws the same clip with only the subjects' paint changed (and the
     * same sound, which no colour changes). Two subjects that shared a colour share their new one, and the twin
     * stays within this sampler's allowed combinations. Training uses it as the clip its caption does not describe.
     */
    public SceneSpec recoloured(SceneSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Colour[] colours = Colour.values();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Colour[] repaint = new Colour[colours.length];  // indexed by the old colour, so a subject seen in both shots keeps one new colour
            for (Colour old : colours) repaint[old.ordinal()] = other(rng, colours, old);
            List<ShotSpec> shots = spec.shots().stream().map(shot -> new ShotSpec(shot.scene(), shot.camera(),
                    shot.subjects().stream().map(s -> new SubjectSpec(s.kind(), repaint[s.colour().ordinal()], s.size(), s.action(), s.direction())).toList(),
                    shot.relations())).toList();
            SceneSpec twin = new SceneSpec(spec.seed(), spec.format(), shots, spec.cutFrame());
            if (allowed.test(twin)) return twin;
        }
        throw new IllegalStateException("the exclusion rule rejects every recolouring of spec " + spec.seed());
    }

    /**
     * The same spec with every shot in another scene, drawn from {@code seed}: the same subjects, camera, cut and
     * seed. Places may move a little where the new ground lies higher or lower. A scene seen in both shots gets one
     * new scene, and the twin stays within this sampler's allowed combinations.
     */
    public SceneSpec rescened(SceneSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Scene[] scenes = Scene.values();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Scene[] moved = new Scene[scenes.length];  // indexed by the old scene
            for (Scene old : scenes) moved[old.ordinal()] = other(rng, scenes, old);
            List<ShotSpec> shots = spec.shots().stream().map(shot -> new ShotSpec(moved[shot.scene().ordinal()], shot.camera(),
                    shot.subjects(), shot.relations())).toList();
            SceneSpec twin = new SceneSpec(spec.seed(), spec.format(), shots, spec.cutFrame());
            if (allowed.test(twin)) return twin;
        }
        throw new IllegalStateException("the exclusion rule rejects every change of scene of spec " + spec.seed());
    }

    /**
     * The same spec with its subjects of other kinds, drawn from {@code seed}: the same colours, sizes, actions,
     * scenes, camera and seed. A subject whose action only its own kind shows (gallop, fly, swim) keeps its kind,
     * and a spec of only such subjects is {@link #recoloured} instead, so the twin always differs. A kind seen twice
     * gets one new kind, two subjects of a shot never end up sharing kind and colour, and the twin stays within this
     * sampler's allowed combinations.
     */
    public SceneSpec rekinded(SceneSpec spec, long seed) {
        boolean anyFree = spec.shots().stream().flatMap(shot -> shot.subjects().stream()).anyMatch(s -> s.action().naturalSubject() == null);
        if (!anyFree) return recoloured(spec, seed);
        SplittableRandom rng = new SplittableRandom(seed);
        Subject[] kinds = Subject.values();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Subject[] swapped = new Subject[kinds.length];  // indexed by the old kind
            for (Subject old : kinds) swapped[old.ordinal()] = other(rng, kinds, old);
            List<ShotSpec> shots = spec.shots().stream().map(shot -> new ShotSpec(shot.scene(), shot.camera(),
                    shot.subjects().stream().map(s -> s.action().naturalSubject() != null ? s
                            : new SubjectSpec(swapped[s.kind().ordinal()], s.colour(), s.size(), s.action(), s.direction())).toList(),
                    shot.relations())).toList();
            boolean clash = shots.stream().anyMatch(shot -> shot.subjects().stream().map(s -> List.of(s.kind(), s.colour()))
                    .distinct().count() < shot.subjects().size());
            SceneSpec twin = new SceneSpec(spec.seed(), spec.format(), shots, spec.cutFrame());
            if (!clash && allowed.test(twin)) return twin;
        }
        throw new IllegalStateException("the exclusion rule rejects every change of kind of spec " + spec.seed());
    }

    /** A value of {@code values} other than {@code old}, evenly. */
    private static <T extends Enum<T>> T other(SplittableRandom rng, T[] values, T old) {
        T fresh = values[rng.nextInt(values.length - 1)];
        return fresh.ordinal() >= old.ordinal() ? values[fresh.ordinal() + 1] : fresh;
    }

    private SceneSpec draw(SplittableRandom rng, long seed, VideoFormat format) {
        boolean twoShots = format.frames() >= 9 && rng.nextDouble() < twoShotChance;
        if (!twoShots) return SceneSpec.of(seed, format, shot(rng));
        int lo = Math.max(2, format.frames() / 3), hi = Math.min(format.frames() - 2, 2 * format.frames() / 3);
        int cut = lo + rng.nextInt(hi - lo + 1);
        return new SceneSpec(seed, format, List.of(shot(rng), shot(rng)), cut);
    }

    public ShotSpec shot(SplittableRandom rng) {
        double u = rng.nextDouble();
        int count = u < 0.6 ? 1 : u < 0.88 ? 2 : 3;
        List<SubjectSpec> subjects = new ArrayList<>();
        while (subjects.size() < count) {
            SubjectSpec s = subject(rng);
            boolean clash = subjects.stream().anyMatch(o -> o.kind() == s.kind() && o.colour() == s.colour());
            if (!clash) subjects.add(s);
        }
        List<RelationSpec> relations = new ArrayList<>();
        for (int i = 1; i < count; i++)
            relations.add(new RelationSpec(i, pick(rng, Relation.values()), rng.nextInt(i)));
        return new ShotSpec(pick(rng, Scene.values()), pick(rng, Camera.values()), subjects, relations);
    }

    public SubjectSpec subject(SplittableRandom rng) {
        Subject kind = pick(rng, Subject.values());
        List<Action> actions = new ArrayList<>(List.of(GENERIC));
        for (Action a : Action.values()) if (a.naturalSubject() == kind) { actions.add(a); actions.add(a); }
        Action action = actions.get(rng.nextInt(actions.size()));
        Direction direction = Direction.NONE;
        if (action == Action.MOVE) direction = pick(rng, new Direction[]{Direction.LEFT, Direction.RIGHT, Direction.UP, Direction.DOWN});
        else if (action.travels()) direction = rng.nextBoolean() ? Direction.LEFT : Direction.RIGHT;
        return new SubjectSpec(kind, pick(rng, Colour.values()), pick(rng, Size.values()), action, direction);
    }

    private static <T> T pick(SplittableRandom rng, T[] values) { return values[rng.nextInt(values.length)]; }
}
