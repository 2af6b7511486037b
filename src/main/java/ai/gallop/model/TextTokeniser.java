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
        byte[] bytes = Normalizer.normalize(text, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
        int keep = Math.min(bytes.length, maxTokens - 2);
        while (keep > 0 && keep < bytes.length && (bytes[keep] & 0xC0) == 0x80) keep--;  // never split a character
        long[] ids = new long[keep + 2];
        ids[0] = BOS;
        for (int i = 0; i < keep; i++) ids[i + 1] = bytes[i] & 0xFF;
        ids[keep + 1] = EOS;
        return ids;
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
