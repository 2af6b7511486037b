package ai.gallop.arena;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a voter said about a pair of clips. "Both bad" is kept apart from "tie" in the log, because it
 * says something about the prompt or the pool, but for the ratings it counts exactly like a tie: it
 * tells us neither clip was preferred, and dropping it would hide how often two models are
 * indistinguishable.
 */
public enum Outcome {
    A(1.0), B(0.0), TIE(0.5), BOTH_BAD(0.5);

    private final double scoreA;

    Outcome(double scoreA) { this.scoreA = scoreA; }

    /** The share of a win credited to model A: 1, 0, or one half for a tie and for both bad. */
    public double scoreA() { return scoreA; }

    @JsonValue public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Looks an outcome up by its id (case-insensitive; '-' may stand for '_'). */
    @JsonCreator public static Outcome parse(String id) {
        if (id != null) {
            String key = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Outcome o : values()) if (o.name().equals(key)) return o;
        }
        throw new IllegalArgumentException("unknown outcome '" + id + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Outcome::id).collect(Collectors.joining(", "));
    }
}
