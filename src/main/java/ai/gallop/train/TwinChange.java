package ai.gallop.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the second clip of a {@code --twin-pairs} pair changes in the first: its subjects' colours, its scene, or its
 * subjects' kinds. Everything else (places, motion, camera, seed, phrasing) stays, so the pair's difference is that
 * one part of the caption's effect.
 */
public enum TwinChange {
    COLOUR, SCENE, KIND;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The change named {@code id}, or a one-line refusal naming the allowed ones. */
    public static TwinChange parse(String id) {
        for (TwinChange change : values()) if (change.id().equals(id.trim().toLowerCase(Locale.ROOT))) return change;
        throw new IllegalArgumentException("twin change '" + id + "' is unknown; allowed: " + allowed());
    }

    /** The changes' ids, for refusals. */
    static String allowed() {
        return Arrays.stream(values()).map(TwinChange::id).collect(Collectors.joining(", "));
    }
}
