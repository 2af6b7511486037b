package ai.gallop.media;

import java.util.Map;

/**
 * A 5x7 pixel font for digits, upper-case letters and a few symbols, so that labels render identically on machines
 * without any system fonts. Lower case is drawn as upper case; anything else is drawn as '?'.
 */
public final class BitmapFont {
    public static final int GLYPH_WIDTH = 5;
    public static final int GLYPH_HEIGHT = 7;
    /** Horizontal distance from one character to the next, in unscaled pixels. */
    public static final int ADVANCE = GLYPH_WIDTH + 1;

    /** Each glyph: 7 rows top to bottom, 5 bits each, leftmost pixel first. */
    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('0', "01110 10001 10011 10101 11001 10001 01110"),
            Map.entry('1', "00100 01100 00100 00100 00100 00100 01110"),
            Map.entry('2', "01110 10001 00001 00010 00100 01000 11111"),
            Map.entry('3', "11111 00010 00100 00010 00001 10001 01110"),
            Map.entry('4', "00010 00110 01010 10010 11111 00010 00010"),
            Map.entry('5', "11111 10000 11110 00001 00001 10001 01110"),
            Map.entry('6', "00110 01000 10000 11110 10001 10001 01110"),
            Map.entry('7', "11111 00001 00010 00100 01000 01000 01000"),
            Map.entry('8', "01110 10001 10001 01110 10001 10001 01110"),
            Map.entry('9', "01110 10001 10001 01111 00001 00010 01100"),
            Map.entry('A', "01110 10001 10001 11111 10001 10001 10001"),
            Map.entry('B', "11110 10001 10001 11110 10001 10001 11110"),
            Map.entry('C', "01110 10001 10000 10000 10000 10001 01110"),
            Map.entry('D', "11100 10010 10001 10001 10001 10010 11100"),
            Map.entry('E', "11111 10000 10000 11110 10000 10000 11111"),
            Map.entry('F', "11111 10000 10000 11110 10000 10000 10000"),
            Map.entry('G', "01110 10001 10000 10111 10001 10001 01111"),
            Map.entry('H', "10001 10001 10001 11111 10001 10001 10001"),
            Map.entry('I', "01110 00100 00100 00100 00100 00100 01110"),
            Map.entry('J', "00111 00010 00010 00010 00010 10010 01100"),
            Map.entry('K', "10001 10010 10100 11000 10100 10010 10001"),
            Map.entry('L', "10000 10000 10000 10000 10000 10000 11111"),
            Map.entry('M', "10001 11011 10101 10101 10001 10001 10001"),
            Map.entry('N', "10001 10001 11001 10101 10011 10001 10001"),
            Map.entry('O', "01110 10001 10001 10001 10001 10001 01110"),
            Map.entry('P', "11110 10001 10001 11110 10000 10000 10000"),
            Map.entry('Q', "01110 10001 10001 10001 10101 10010 01101"),
            Map.entry('R', "11110 10001 10001 11110 10100 10010 10001"),
            Map.entry('S', "01111 10000 10000 01110 00001 00001 11110"),
            Map.entry('T', "11111 00100 00100 00100 00100 00100 00100"),
            Map.entry('U', "10001 10001 10001 10001 10001 10001 01110"),
            Map.entry('V', "10001 10001 10001 10001 10001 01010 00100"),
            Map.entry('W', "10001 10001 10001 10101 10101 10101 01010"),
            Map.entry('X', "10001 10001 01010 00100 01010 10001 10001"),
            Map.entry('Y', "10001 10001 10001 01010 00100 00100 00100"),
            Map.entry('Z', "11111 00001 00010 00100 01000 10000 11111"),
            Map.entry(' ', "00000 00000 00000 00000 00000 00000 00000"),
            Map.entry('.', "00000 00000 00000 00000 00000 01100 01100"),
            Map.entry(',', "00000 00000 00000 00000 01100 00100 01000"),
            Map.entry(':', "00000 01100 01100 00000 01100 01100 00000"),
            Map.entry('-', "00000 00000 00000 11111 00000 00000 00000"),
            Map.entry('+', "00000 00100 00100 11111 00100 00100 00000"),
            Map.entry('=', "00000 00000 11111 00000 11111 00000 00000"),
            Map.entry('/', "00001 00010 00010 00100 01000 01000 10000"),
            Map.entry('_', "00000 00000 00000 00000 00000 00000 11111"),
            Map.entry('#', "01010 01010 11111 01010 11111 01010 01010"),
            Map.entry('(', "00010 00100 01000 01000 01000 00100 00010"),
            Map.entry(')', "01000 00100 00010 00010 00010 00100 01000"),
            Map.entry('[', "01110 01000 01000 01000 01000 01000 01110"),
            Map.entry(']', "01110 00010 00010 00010 00010 00010 01110"),
            Map.entry('%', "11000 11001 00010 00100 01000 10011 00011"),
            Map.entry('*', "00000 10101 01110 11111 01110 10101 00000"),
            Map.entry('!', "00100 00100 00100 00100 00100 00000 00100"),
            Map.entry('\'', "00100 00100 01000 00000 00000 00000 00000"),
            Map.entry('"', "01010 01010 00000 00000 00000 00000 00000"),
            Map.entry('?', "01110 10001 00001 00010 00100 00000 00100"));

    private BitmapFont() {}

    public static boolean canDraw(char c) { return GLYPHS.containsKey(Character.toUpperCase(c)); }

    /** Width in pixels of {@code text} drawn at {@code scale} (no trailing gap). */
    public static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    public static int height(int scale) { return GLYPH_HEIGHT * scale; }

    /** Draws {@code text} with its top-left corner at (x, y); pixels outside the frame are skipped. */
    public static void draw(RgbFrame target, String text, int x, int y, int scale, int rgb) {
        if (scale < 1) throw new IllegalArgumentException("font scale " + scale + " is out of range; allowed: 1 or more");
        for (int i = 0; i < text.length(); i++) {
            String glyph = GLYPHS.get(Character.toUpperCase(text.charAt(i)));
            if (glyph == null) glyph = GLYPHS.get('?');
            int left = x + i * ADVANCE * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++)
                for (int col = 0; col < GLYPH_WIDTH; col++)
                    if (glyph.charAt(row * (GLYPH_WIDTH + 1) + col) == '1')
                        fill(target, left + col * scale, y + row * scale, scale, scale, rgb);
        }
    }

    /** Fills a rectangle clipped to the frame. */
    static void fill(RgbFrame target, int x, int y, int w, int h, int rgb) {
        for (int yy = Math.max(0, y); yy < Math.min(target.height(), y + h); yy++)
            for (int xx = Math.max(0, x); xx < Math.min(target.width(), x + w); xx++) target.set(xx, yy, rgb);
    }
}
