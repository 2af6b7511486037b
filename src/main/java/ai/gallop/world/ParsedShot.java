package ai.gallop.world;

import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Scene;

import java.util.List;

/**
 * One shot as a prompt describes it. Scene and camera are null when unsaid. Relations use indices
 * into {@code subjects} and are normalised so that the later-mentioned subject is placed relative to
 * the earlier one ("the box is right of the ball" and "the ball is left of the box" read the same).
 */
public record ParsedShot(Scene scene, Camera camera, List<ParsedSubject> subjects, List<RelationSpec> relations) {
    public ParsedShot {
        subjects = List.copyOf(subjects);
        relations = List.copyOf(relations);
    }
}
