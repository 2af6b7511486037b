package ai.gallop.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * GNU Unifont 15.0.01 (SIL Open Font License 1.1; resource unifont-LICENSE.txt): a 16-pixel-high bitmap, 8 or 16
 * pixels wide, for every character of Unicode's first plane, so that a prompt in any of the seven caption languages
 * (accents, kana, hanzi, hangul) draws the same on every machine, with no system font. {@link BitmapFont} stays for
 * the small fixed labels (frame numbers, times); this is for text people type.
 */
public final class UnicodeFont {
    public static final int HEIGHT = 16;
    private static final String RESOURCE = "unifont.bin.gz";
    private static final int REPLACEMENT = 0xFFFD;

    private UnicodeFont() {}

    /** Loaded on first use: about 2 MB, which labels in ASCII never need. */
    private static final class Glyphs {
        static final byte[][] TABLE = read();

        private static byte[][] read() {
            byte[][] table = new byte[0x10000][];
            try (InputStream resource = UnicodeFont.class.getResourceAsStream(RESOURCE)) {
                if (resource == null) throw new IllegalStateException("the font resource " + RESOURCE + " is missing from the build");
                DataInputStream in = new DataInputStream(new GZIPInputStream(resource, 1 << 16));
                while (true) {
                    int codePoint;
                    try { codePoint = in.readUnsignedShort(); } catch (EOFException end) { break; }
                    byte[] bitmap = new byte[in.readUnsignedByte()];
                    in.readFully(bitmap);
                    table[codePoint] = bitmap;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the font resource " + RESOURCE + ": " + e.getMessage(), e);
            }
            return table;
        }
    }

    /** Pixels the character moves the pen at scale 1: 16 for a wide glyph (hanzi, kana, hangul), 8 for others, 0 for a combining mark. */
    public static int advance(int codePoint) {
        if (Character.getType(codePoint) == Character.NON_SPACING_MARK) return 0;
        return glyph(codePoint).length / 2;
    }

    /** Whether the character's glyph is 16 pixels wide, as hanzi, kana and hangul are. */
    public static boolean isWide(int codePoint) { return advance(codePoint) == HEIGHT; }

    /** Width in pixels of {@code text} drawn at {@code scale}. */
    public static int width(String text, int scale) {
        return text.codePoints().map(UnicodeFont::advance).sum() * scale;
    }

    public static int height(int scale) { return HEIGHT * scale; }

    /**
     * Draws {@code text} with its top-left corner at (x, y); pixels outside the frame are skipped. Characters without
     * a glyph (past the first plane, private use) draw as U+FFFD, unassigned ones as Unifont's box with their code; a
     * combining mark is drawn over the character before it, where Unifont places it.
     */
    public static void draw(RgbFrame target, String text, int x, int y, int scale, int rgb) {
        if (scale < 1) throw new IllegalArgumentException("font scale " + scale + " is out of range; allowed: 1 or more");
        int pen = x;
        for (int codePoint : text.codePoints().toArray()) {
            byte[] glyph = glyph(codePoint);
            int wide = glyph.length / HEIGHT;                         // bytes per row: 1 or 2
            int advance = advance(codePoint) * scale;
            int left = advance == 0 ? pen - wide * 8 * scale : pen;   // Unifont draws marks in the cell before them
            for (int row = 0; row < HEIGHT; row++)
                for (int col = 0; col < wide * 8; col++)
                    if ((glyph[row * wide + col / 8] & (0x80 >> (col % 8))) != 0)
                        BitmapFont.fill(target, left + col * scale, y + row * scale, scale, scale, rgb);
            pen += advance;
        }
    }

    private static byte[] glyph(int codePoint) {
        byte[] glyph = codePoint <= 0xFFFF ? Glyphs.TABLE[codePoint] : null;
        return glyph != null ? glyph : Glyphs.TABLE[REPLACEMENT];
    }
}
