package ai.gallop.arena;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One vote in the arena: two models' clips for the same prompt, shown side by side, and which one the
 * judge preferred. {@code judge} (a voter id or an automatic judge's name) and {@code time} (an
 * ISO-8601 instant such as 2025-01-31T12:00:00Z) are optional and never affect the ratings; they are
 * kept so that votes can be audited or filtered later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Battle(Pool pool, String modelA, String modelB, String prompt, Outcome outcome, String judge, String time) {

    public Battle {
        if (pool == null) throw new IllegalArgumentException("battle has no pool; allowed: " + Pool.allowed());
        requireName("modelA", modelA);
        requireName("modelB", modelB);
        if (modelA.equals(modelB))
            throw new IllegalArgumentException("model '" + modelA + "' battles itself; modelA and modelB must differ");
        if (prompt == null) throw new IllegalArgumentException("battle has no prompt; allowed: any text, possibly empty");
        if (outcome == null) throw new IllegalArgumentException("battle has no outcome; allowed: " + Outcome.allowed());
        if (judge != null) requireName("judge", judge);
        if (time != null) {
            try {
                Instant.parse(time);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time '" + time + "' is not an ISO-8601 instant like 2025-01-31T12:00:00Z");
            }
        }
    }

    public Battle(Pool pool, String modelA, String modelB, String prompt, Outcome outcome) {
        this(pool, modelA, modelB, prompt, outcome, null, null);
    }

    private static void requireName(String field, String name) {
        if (name == null) throw new IllegalArgumentException("battle has no " + field + "; allowed: non-blank text");
        if (name.isBlank() || !name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl))
            throw new IllegalArgumentException(field + " '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a valid name; allowed: non-blank text without control characters or outer spaces");
    }
}
