package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Text as UTF-8 bytes: ids 0-255 are the bytes themselves, then three specials. One vocabulary of
 * 259 covers every language the world speaks (a CJK character is three tokens) with no trained
 * vocabulary to ship or keep in step. A caption becomes BOS, its bytes, EOS; one longer than the
 * limit is cut at the last whole character that fits (like HappyHorse's API, which cuts excess).
 * Text is NFC-normalised first so that the same words always give the same ids.
 */
public final class TextTokeniser {
    public static final int PAD = 256, BOS = 257, EOS = 258, VOCABULARY = 259;

    private final int maxTokens;

    public TextTokeniser(int maxTokens) {
        if (maxTokens < 2) throw new IllegalArgumentException("maxTokens " + maxTokens + " is out of range; allowed: at least 2 (BOS and EOS)");
        this.maxTokens = maxTokens;
    }

    public int maxTokens() { return maxTokens; }

    /** BOS, the caption's UTF-8 bytes (cut at a character boundary to fit), EOS. */
    public long[] encode(String text) {
        byte[] bytes = utf8(text);
        int keep = kept(bytes);
        long[] ids = new long[keep + 2];
        ids[0] = BOS;
        for (int i = 0; i < keep; i++) ids[i + 1] = bytes[i] & 0xFF;
        ids[keep + 1] = EOS;
        return ids;
    }

    /**
     * The end of a caption that {@link #encode} cuts off, as text ("" when the whole caption fits), so a user can be
     * told which words the model never reads.
     */
    public String unread(String text) {
        byte[] bytes = utf8(text);
        int keep = kept(bytes);
        return new String(bytes, keep, bytes.length - keep, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    }

    /** How many leading bytes fit between BOS and EOS, cut at a character boundary. */
    private int kept(byte[] bytes) {
        int keep = Math.min(bytes.length, maxTokens - 2);
        while (keep > 0 && keep < bytes.length && (bytes[keep] & 0xC0) == 0x80) keep--;  // never split a character
        return keep;
    }

    /**
     * The word each token id belongs to, hashed into {@code buckets} rows; row 0 is "no word" (spaces, punctuation,
     * BOS, EOS, padding). A word is a run of letters and digits, lower-cased, so "Night" and "night" share a row; a
     * Han ideograph is a word of its own, since Chinese and Japanese put no spaces between words and one ideograph
     * already carries a meaning. Hashing needs no vocabulary file and serves every language the same way; two words
     * that share a row are told apart by their bytes. With {@code splitScripts} a word also ends where its letters
     * change script (hiragana, katakana, Latin, Hangul...): Japanese writes its particles in hiragana straight after
     * a katakana or Latin word, so "のボールが" becomes の, ボール, が and "ball" is one row in every sentence. Marks of no
     * script of their own (the prolonged sound mark of ボール, digits) continue the word they are in.
     */
    public static long[] wordIds(long[] ids, int buckets, boolean splitScripts) {
        if (buckets < 2) throw new IllegalArgumentException("buckets " + buckets + " is out of range; allowed: at least 2");
        long[] words = new long[ids.length];
        int start = -1;
        long hash = 0;
        Character.UnicodeScript wordScript = null;
        for (int i = 0; i <= ids.length; ) {
            int length = i < ids.length ? characterLength(ids, i) : 0;
            int cp = length > 0 ? codePoint(ids, i, length) : -1;
            Character.UnicodeScript script = cp >= 0 ? Character.UnicodeScript.of(cp) : null;
            boolean han = script == Character.UnicodeScript.HAN;
            boolean letter = cp >= 0 && !han && Character.isLetterOrDigit(cp);
            boolean ownScript = script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED;
            boolean newScript = splitScripts && letter && ownScript && wordScript != null && script != wordScript;
            if (start >= 0 && (!letter || newScript)) {  // the word that ran up to i ends
                Arrays.fill(words, start, i, bucket(hash, buckets));
                start = -1;
                wordScript = null;
            }
            if (letter) {
                if (start < 0) {
                    start = i;
                    hash = FNV_OFFSET;
                }
                if (ownScript) wordScript = script;
                hash = (hash ^ Character.toLowerCase(cp)) * FNV_PRIME;
            } else if (han) {
                Arrays.fill(words, i, i + length, bucket((FNV_OFFSET ^ cp) * FNV_PRIME, buckets));
            }
            i += Math.max(length, 1);
        }
        return words;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L, FNV_PRIME = 0x100000001b3L;

    private static long bucket(long hash, int buckets) {
        return 1 + Math.floorMod(hash ^ (hash >>> 29), buckets - 1);
    }

    /** Bytes of the UTF-8 character starting at i, or 0 when i holds a special, a continuation byte or a cut character. */
    private static int characterLength(long[] ids, int i) {
        long lead = ids[i];
        int length = lead < 0x80 ? 1 : lead >= 0xC0 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF8 ? 4 : 0;
        if (length == 0 || i + length > ids.length) return 0;
        for (int j = 1; j < length; j++) if (ids[i + j] < 0x80 || ids[i + j] >= 0xC0) return 0;
        return length;
    }

    private static int codePoint(long[] ids, int i, int length) {
        if (length == 1) return (int) ids[i];
        int cp = (int) ids[i] & (0xFF >> (length + 1));
        for (int j = 1; j < length; j++) cp = cp << 6 | ((int) ids[i + j] & 0x3F);
        return cp;
    }

    /** The text between BOS and EOS; padding and specials are skipped. */
    public String decode(long[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length);
        for (long id : ids) {
            if (id < 0 || id >= VOCABULARY) throw new IllegalArgumentException("token id " + id + " is out of range; allowed: 0 to " + (VOCABULARY - 1));
            if (id == EOS) break;
            if (id < 256) out.write((int) id);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Captions as one [B, L] int64 tensor, L = the longest caption's length, PAD after each EOS. */
    public Tensor batch(List<String> texts) {
        if (texts.isEmpty()) throw new IllegalArgumentException("no captions given; allowed: at least one");
        long[][] rows = texts.stream().map(this::encode).toArray(long[][]::new);
        int length = Arrays.stream(rows).mapToInt(r -> r.length).max().orElseThrow();
        long[] flat = new long[rows.length * length];
        Arrays.fill(flat, PAD);
        for (int b = 0; b < rows.length; b++) System.arraycopy(rows[b], 0, flat, b * length, rows[b].length);
        return Tensor.create(flat, rows.length, length);  // [B, L]
    }
}
