package ai.gallop.world;

import ai.gallop.world.Vocabulary.Relation;

import java.util.Objects;

/**
 * "subject {@code subject} is {@code relation} subject {@code reference}", both indices into the
 * shot's subject list. Judged on the shot's first frame: subjects that move may cross later.
 */
public record RelationSpec(int subject, Relation relation, int reference) {
    public RelationSpec {
        Objects.requireNonNull(relation, "relation");
        if (subject == reference) throw new IllegalArgumentException("a relation needs two different subjects");
    }
}
