package ai.gallop.serve;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Task and battle ids: a prefix and 32 lower-case hex digits from a secure random source, so they cannot be guessed.
 * Ids are checked against this exact shape before they reach the database or a path, so no id can name a file
 * outside its own folder.
 */
public final class Ids {
    public static final String VIDEO_PREFIX = "video_", BATTLE_PREFIX = "battle_";
    private static final Pattern VIDEO = Pattern.compile("video_[0-9a-f]{32}");
    private static final Pattern BATTLE = Pattern.compile("battle_[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newVideoId() { return VIDEO_PREFIX + random(); }

    public static String newBattleId() { return BATTLE_PREFIX + random(); }

    public static boolean isVideoId(String id) { return id != null && VIDEO.matcher(id).matches(); }

    public static boolean isBattleId(String id) { return id != null && BATTLE.matcher(id).matches(); }

    /** An id as it may be echoed in an error message: at most 80 printable ASCII characters. */
    static String printable(String id) {
        if (id == null) return "";
        String clean = id.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
