package ai.gallop.world;

import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Scene;

import java.util.List;
import java.util.Objects;

/**
 * One continuous shot: a scene, a camera move, one to three subjects and the relations that place
 * them. With several subjects, subject i (i >= 1) is related to an earlier subject by exactly one
 * relation, so the layout is never under- or over-determined.
 */
public record ShotSpec(Scene scene, Camera camera, List<SubjectSpec> subjects, List<RelationSpec> relations) {
    public static final int MAX_SUBJECTS = 3;

    public ShotSpec {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(camera, "camera");
        subjects = List.copyOf(subjects);
        relations = relations == null ? List.of() : List.copyOf(relations);
        if (subjects.isEmpty() || subjects.size() > MAX_SUBJECTS)
            throw new IllegalArgumentException(subjects.size() + " subjects in a shot; allowed: 1 to " + MAX_SUBJECTS);
        if (relations.size() != subjects.size() - 1)
            throw new IllegalArgumentException(relations.size() + " relations for " + subjects.size()
                    + " subjects; allowed: exactly one per subject after the first");
        for (int i = 0; i < relations.size(); i++) {
            RelationSpec r = relations.get(i);
            if (r.subject() != i + 1 || r.reference() < 0 || r.reference() > i)
                throw new IllegalArgumentException("relation " + i + " must place subject " + (i + 1)
                        + " relative to an earlier subject (0 to " + i + ")");
        }
    }
}
