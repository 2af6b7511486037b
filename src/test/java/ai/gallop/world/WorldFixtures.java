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

/** Specs and formats shared by the world renderer's tests. */
final class WorldFixtures {
    private WorldFixtures() {}

    /** Every aspect ratio, the smallest and largest sides, 8 to 24 fps. */
    static final List<VideoFormat> FORMATS = List.of(
            VideoFormat.DEFAULT,
            VideoFormat.ofSeconds(128, 72, 24, 1.5),
            VideoFormat.ofSeconds(72, 128, 24, 1.5),
            VideoFormat.ofSeconds(64, 48, 12, 2),
            VideoFormat.ofSeconds(48, 64, 10, 2),
            VideoFormat.ofSeconds(32, 32, 8, 1),
            VideoFormat.ofSeconds(256, 144, 24, 1));

    /** Random two-shot specs from the sampler, cycling through {@link #FORMATS}. */
    static List<SceneSpec> sampled(int count, long firstSeed) {
        SpecSampler sampler = new SpecSampler(spec -> true, 1.0);
        List<SceneSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) specs.add(sampler.sample(firstSeed + i, FORMATS.get(i % FORMATS.size())));
        return specs;
    }

    /** Specs whose subjects all make sounds (gallop, bounce, jump, fly, swim), with cars humming beside them. */
    static List<SceneSpec> noisy(int count, long firstSeed) {
        List<SceneSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = new SplittableRandom(firstSeed + i);
            VideoFormat format = FORMATS.get(i % FORMATS.size());
            List<ShotSpec> shots = List.of(noisyShot(rng), noisyShot(rng));
            specs.add(new SceneSpec(firstSeed + i, format, shots, format.frames() / 2));
        }
        return specs;
    }

    private static ShotSpec noisyShot(SplittableRandom rng) {
        int count = 1 + rng.nextInt(3);
        List<SubjectSpec> subjects = new ArrayList<>();
        List<RelationSpec> relations = new ArrayList<>();
        Colour[] colours = Colour.values();
        for (int i = 0; i < count; i++) {
            Direction side = rng.nextBoolean() ? Direction.LEFT : Direction.RIGHT;
            SubjectSpec s = switch (rng.nextInt(6)) {
                case 0 -> new SubjectSpec(Subject.HORSE, colours[i], pick(rng, Size.values()), Action.GALLOP, side);
                case 1 -> new SubjectSpec(Subject.BALL, colours[i], pick(rng, Size.values()), Action.BOUNCE, Direction.NONE);
                case 2 -> new SubjectSpec(Subject.BOX, colours[i], pick(rng, Size.values()), Action.JUMP, Direction.NONE);
                case 3 -> new SubjectSpec(Subject.BIRD, colours[i], pick(rng, Size.values()), Action.FLY, side);
                case 4 -> new SubjectSpec(Subject.FISH, colours[i], pick(rng, Size.values()), Action.SWIM, side);
                default -> rng.nextBoolean()
                        ? new SubjectSpec(Subject.CAR, colours[i], pick(rng, Size.values()), Action.STILL, Direction.NONE)
                        : new SubjectSpec(Subject.CAR, colours[i], pick(rng, Size.values()), Action.MOVE, side);
            };
            subjects.add(s);
            if (i > 0) relations.add(new RelationSpec(i, pick(rng, Relation.values()), rng.nextInt(i)));
        }
        return new ShotSpec(pick(rng, Scene.values()), pick(rng, Camera.values()), subjects, relations);
    }

    /** A one-shot spec with the given subjects laid out left to right. */
    static SceneSpec single(long seed, VideoFormat format, Scene scene, Camera camera, SubjectSpec... subjects) {
        List<RelationSpec> relations = new ArrayList<>();
        for (int i = 1; i < subjects.length; i++) relations.add(new RelationSpec(i, Relation.RIGHT_OF, i - 1));
        return SceneSpec.of(seed, format, new ShotSpec(scene, camera, List.of(subjects), relations));
    }

    static SubjectSpec subject(Subject kind, Colour colour, Size size, Action action, Direction direction) {
        return new SubjectSpec(kind, colour, size, action, direction);
    }

    private static <T> T pick(SplittableRandom rng, T[] values) { return values[rng.nextInt(values.length)]; }
}
