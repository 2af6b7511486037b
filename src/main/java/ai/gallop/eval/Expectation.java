package ai.gallop.eval;

import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.ParsedShot;
import ai.gallop.world.ParsedSubject;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.ShotSpec;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.List;

/**
 * What a prompt asked for, as far as the picture can show it. Every attribute is nullable: null
 * means the prompt left it open, and the dimension that would judge it does not score it.
 *
 * @param shotCount the number of shots asked for, or null when the prompt says nothing about cuts
 */
public record Expectation(Integer shotCount, List<Shot> shots) {
    public Expectation {
        shots = List.copyOf(shots);
        if (shots.isEmpty()) throw new IllegalArgumentException("an expectation needs at least one shot");
    }

    /** One shot's expected content; relations index into {@code subjects}. */
    public record Shot(Scene scene, Camera camera, List<Actor> subjects, List<RelationSpec> relations) {
        public Shot {
            subjects = List.copyOf(subjects);
            relations = relations == null ? List.of() : List.copyOf(relations);
            for (RelationSpec r : relations)
                if (r.subject() >= subjects.size() || r.reference() >= subjects.size())
                    throw new IllegalArgumentException("relation " + r.relation().id() + " names subject "
                            + Math.max(r.subject(), r.reference()) + "; allowed: 0 to " + (subjects.size() - 1));
        }

        public static Shot of(ShotSpec spec) {
            return new Shot(spec.scene(), spec.camera(), spec.subjects().stream().map(Actor::of).toList(), spec.relations());
        }
    }

    /** One expected subject (called an actor to keep it apart from {@link Subject}, the kind enum). */
    public record Actor(Subject kind, Colour colour, Size size, Action action, Direction direction) {
        public static Actor of(SubjectSpec s) {
            return new Actor(s.kind(), s.colour(), s.size(), s.action(), s.direction());
        }
    }

    /**
     * What a parsed prompt asked for: unsaid attributes stay null and are not scored. A prompt that
     * describes one shot asks for one continuous shot, so the shot count is always stated.
     */
    public static Expectation of(ParsedPrompt prompt) {
        if (prompt.shots().isEmpty())
            throw new IllegalArgumentException("the prompt names nothing the picture could show; allowed: a prompt with at least one known subject, scene or camera word");
        List<Shot> shots = prompt.shots().stream().map(Expectation::shotOf).toList();
        return new Expectation(shots.size(), shots);
    }

    private static Shot shotOf(ParsedShot s) {
        return new Shot(s.scene(), s.camera(), s.subjects().stream().map(Expectation::actorOf).toList(), s.relations());
    }

    private static Actor actorOf(ParsedSubject s) {
        return new Actor(s.kind(), s.colour(), s.size(), s.action(), s.direction());
    }

    /** Everything a rendered spec shows: the strictest expectation, used to calibrate the judge. */
    public static Expectation of(SceneSpec spec) {
        return new Expectation(spec.shots().size(), spec.shots().stream().map(Shot::of).toList());
    }
}
