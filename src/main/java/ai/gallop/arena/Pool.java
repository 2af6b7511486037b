package ai.gallop.arena;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A separate leaderboard. Clips are only ever compared within one pool: a silent clip against a clip
 * with sound would reward the sound rather than the video, and image-conditioned generation is a
 * different task from text-only generation.
 */
public enum Pool {
    T2V("t2v", false, false),
    I2V("i2v", true, false),
    T2V_AUDIO("t2v-audio", false, true),
    I2V_AUDIO("i2v-audio", true, true);

    private final String id;
    private final boolean imageConditioned;
    private final boolean withAudio;

    Pool(String id, boolean imageConditioned, boolean withAudio) {
        this.id = id;
        this.imageConditioned = imageConditioned;
        this.withAudio = withAudio;
    }

    /** The stable name used in JSON, on the command line and in tables. */
    @JsonValue public String id() { return id; }

    public boolean imageConditioned() { return imageConditioned; }

    public boolean withAudio() { return withAudio; }

    /** The pool a generation belongs to, from whether it starts from an image and whether it has sound. */
    public static Pool of(boolean imageConditioned, boolean withAudio) {
        for (Pool p : values()) if (p.imageConditioned == imageConditioned && p.withAudio == withAudio) return p;
        throw new IllegalStateException("every combination has a pool");
    }

    /** Looks a pool up by its id (case-insensitive; '_' may stand for '-'). */
    @JsonCreator public static Pool parse(String id) {
        if (id != null) {
            String key = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Pool p : values()) if (p.id.equals(key)) return p;
        }
        throw new IllegalArgumentException("unknown pool '" + id + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Pool::id).collect(Collectors.joining(", "));
    }
}
