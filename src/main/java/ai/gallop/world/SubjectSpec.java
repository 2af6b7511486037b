package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.Objects;

/** One subject of a shot: what it is, how it looks and what it does. */
public record SubjectSpec(Subject kind, Colour colour, Size size, Action action, Direction direction) {
    public SubjectSpec {
        Objects.requireNonNull(kind, "subject kind");
        Objects.requireNonNull(colour, "subject colour");
        Objects.requireNonNull(size, "subject size");
        Objects.requireNonNull(action, "subject action");
        if (direction == null) direction = Direction.NONE;
        if (!action.allows(direction))
            throw new IllegalArgumentException("action " + action.id() + " cannot go " + direction.id() + "; allowed: "
                    + (action.travels() ? (action == Action.MOVE ? "left, right, up, down" : "left, right") : "none"));
    }
}
