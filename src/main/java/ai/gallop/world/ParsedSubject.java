package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

/** A subject as a prompt describes it; a null field is one the prompt did not say. */
public record ParsedSubject(Subject kind, Colour colour, Size size, Action action, Direction direction) {
    /** Whether the prompt said everything a {@link SubjectSpec} needs (a missing direction counts as said when the action does not travel). */
    public boolean complete() {
        return kind != null && colour != null && size != null && action != null && (direction != null || !action.travels());
    }
}
