package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnicodeFontTest {
    private static final int INK = 0xFFFFFF;

    @Test void widthsFollowTheGlyphs() {
        assertThat(UnicodeFont.width("A", 1)).isEqualTo(8);
        assertThat(UnicodeFont.width("中", 1)).isEqualTo(16);
        assertThat(UnicodeFont.width("가나", 2)).isEqualTo(64);
        assertThat(UnicodeFont.width("e\u0301", 1)).as("a combining mark takes no room").isEqualTo(8);
        assertThat(UnicodeFont.isWide('ア')).isTrue();
        assertThat(UnicodeFont.isWide('ß')).isFalse();
        assertThat(UnicodeFont.height(3)).isEqualTo(48);
    }

    @Test void drawsTheBitmapOfEachCharacter() {
        // 中: a vertical stroke down the middle column and a box across rows 4 to 10
        RgbFrame zhong = drawn("中", 16);
        for (int y = 0; y < 16; y++) assertThat(zhong.get(7, y)).as("row " + y).isEqualTo(INK);
        assertThat(zhong.get(2, 4)).isEqualTo(INK);
        assertThat(zhong.get(0, 0)).isZero();
        // A, at scale 2, lights whole 2x2 blocks
        RgbFrame a = drawn("A", 8);
        RgbFrame a2 = RgbFrame.blank(16, 32);
        UnicodeFont.draw(a2, "A", 0, 0, 2, INK);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 8; x++) assertThat(a2.get(2 * x + 1, 2 * y + 1)).isEqualTo(a.get(x, y));
        assertThat(lit(a)).isGreaterThan(10);
    }

    @Test void marksSitOnTheLetterBeforeThemAndUnknownCharactersShowTheReplacementGlyph() {
        RgbFrame e = drawn("e", 8), eAcute = drawn("e\u0301", 8);
        assertThat(lit(eAcute)).isGreaterThan(lit(e));
        for (int i = 0; i < e.rgb().length; i++) if (e.rgb()[i] != 0) assertThat(eAcute.rgb()[i]).isNotZero();
        // past the first plane (an emoji) and in the private use area there is no glyph: U+FFFD stands in
        assertThat(drawn("\uD83D\uDC34", 8).rgb()).isEqualTo(drawn("\uFFFD", 8).rgb());
        assertThat(drawn("\uE000", 8).rgb()).isEqualTo(drawn("\uFFFD", 8).rgb());
        assertThat(lit(drawn("\uFFFD", 8))).isGreaterThan(20);
    }

    @Test void clipsAtTheFrameEdgeAndRefusesAZeroScale() {
        RgbFrame small = RgbFrame.blank(4, 4);
        UnicodeFont.draw(small, "中中", -6, -3, 1, INK);
        assertThat(lit(small)).isPositive();
        assertThatThrownBy(() -> UnicodeFont.draw(small, "a", 0, 0, 0, INK)).hasMessage("font scale 0 is out of range; allowed: 1 or more");
    }

    private static RgbFrame drawn(String text, int width) {
        RgbFrame frame = RgbFrame.blank(width, 16);
        UnicodeFont.draw(frame, text, 0, 0, 1, INK);
        return frame;
    }

    private static int lit(RgbFrame frame) {
        int lit = 0;
        for (int y = 0; y < frame.height(); y++)
            for (int x = 0; x < frame.width(); x++) if (frame.get(x, y) != 0) lit++;
        return lit;
    }
}
