package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {
    @TempDir Path dir;

    private static final List<Double> EVENTS = List.of(0.425, 0.956, 1.49);

    @Test void layoutOfSeventeenSmallFramesWithTitle() {
        Video clip = SyntheticClips.clip(64, 64, 8, 17, 16000, 1);
        ContactSheet.Layout layout = ContactSheet.layout(clip, "a red ball", 0);
        RgbFrame sheet = ContactSheet.render(clip, EVENTS, "a red ball");
        // 64 px frames scaled x2 to 128 px cells; 17 cells on a 5 x 4 grid with 4 px gaps and 8 px margins
        assertThat(layout.scale()).isEqualTo(2);
        assertThat(layout.columns()).isEqualTo(5);
        assertThat(layout.rows()).isEqualTo(4);
        assertThat(sheet.width()).isEqualTo(8 + 5 * 128 + 4 * 4 + 8).isEqualTo(layout.width());
        int gridY = 8 + 16 + 8; // margin, a line of 16-pixel title glyphs, gaps around the title
        int waveY = gridY + 4 * 128 + 3 * 4 + 8;
        assertThat(layout.waveY()).isEqualTo(waveY);
        assertThat(sheet.height()).isEqualTo(waveY + 96 + 10 + 4 + 7 + 8).isEqualTo(layout.height());
        // the cell of frame 16 shows frame 16, scaled up
        RgbFrame frame16 = clip.frames().get(16);
        assertThat(sheet.get(layout.cellX(16) + 100, layout.cellY(16) + 90)).isEqualTo(frame16.get(50, 45));
    }

    @Test void longTitlesWrapAtSpacesOntoAtMostThreeLines() {
        Video clip = SyntheticClips.clip(64, 64, 8, 17, 16000, 1);
        int width = ContactSheet.layout(clip, null, 0).stripWidth();   // 656 px: 82 Latin characters
        String two = "a medium brown horse is galloping to the right in a meadow under a clear sky, then it turns around and walks back";
        assertThat(ContactSheet.titleLines(two, width))
                .containsExactly("a medium brown horse is galloping to the right in a meadow under a clear sky, then", "it turns around and walks back");
        String many = (two + " ").repeat(3).strip();
        List<String> three = ContactSheet.titleLines(many, width);
        assertThat(three).hasSize(3);
        assertThat(three.getLast()).endsWith("...");
        for (String line : three) assertThat(UnicodeFont.width(line, 1)).isLessThanOrEqualTo(width);
        assertThat(ContactSheet.titleLines("x".repeat(300), width)).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(82));

        // each extra line pushes the grid down by a line of glyphs and a gap, and the text is drawn there
        int oneLineGrid = ContactSheet.layout(clip, "a red ball", 0).gridY();
        ContactSheet.Layout layout = ContactSheet.layout(clip, two, 0);
        assertThat(layout.gridY()).isEqualTo(oneLineGrid + 16 + 4);
        RgbFrame sheet = ContactSheet.render(clip, EVENTS, two);
        int secondLineY = 8 + 4 + 16 + 4;
        assertThat(litPixels(sheet, 8, secondLineY, UnicodeFont.width("it turns", 1), 16)).as("glyph pixels of the second line").isGreaterThan(50);
        assertThat(ContactSheet.layout(clip, many, 0).gridY()).isEqualTo(oneLineGrid + 2 * (16 + 4));
    }

    @Test void titlesInChineseJapaneseAndKoreanWrapBetweenCharactersAndDrawTheirGlyphs() {
        Video clip = SyntheticClips.clip(64, 64, 8, 17, 16000, 1);
        int width = ContactSheet.layout(clip, null, 0).stripWidth();   // 41 wide characters
        String chinese = "一个红色的球在海滩上弹跳".repeat(4);                 // 48 characters, no spaces
        List<String> lines = ContactSheet.titleLines(chinese, width);
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).hasSize(41);
        assertThat(String.join("", lines)).isEqualTo(chinese);
        // Korean keeps its spaces where a line goes on; a mixed title breaks after the last word that fits
        assertThat(ContactSheet.titleLines("빨간 공이 해변에서 튀어 오른다", width)).containsExactly("빨간 공이 해변에서 튀어 오른다");
        assertThat(ContactSheet.titleLines("赤いボール " + "x".repeat(75), width)).containsExactly("赤いボール", "x".repeat(75));

        // each script draws its own glyphs: the sheets differ from one another and from a title of '?'
        RgbFrame han = ContactSheet.render(clip, EVENTS, "红球"), hangul = ContactSheet.render(clip, EVENTS, "빨간"),
                unknown = ContactSheet.render(clip, EVENTS, "??"), accents = ContactSheet.render(clip, EVENTS, "été"),
                plain = ContactSheet.render(clip, EVENTS, "ete");
        assertThat(litPixels(han, 8, 12, 32, 16)).isGreaterThan(40);
        assertThat(han.rgb()).isNotEqualTo(hangul.rgb()).isNotEqualTo(unknown.rgb());
        assertThat(accents.rgb()).isNotEqualTo(plain.rgb());
        // an accent typed as its own combining mark is drawn as the composed letter
        assertThat(ContactSheet.render(clip, EVENTS, "e\u0301te\u0301").rgb()).isEqualTo(accents.rgb());
    }

    @Test void cellsAreAtLeast96PixelsAndLongClipsShowAtMost24Frames() {
        assertThat(ContactSheet.layout(new Video(24, SyntheticClips.frames(32, 32, 2, 1), null), null, 0).cellHeight()).isEqualTo(96);
        assertThat(ContactSheet.layout(new Video(24, SyntheticClips.frames(256, 144, 2, 1), null), null, 0).scale()).isEqualTo(1);
        assertThat(ContactSheet.layout(new Video(24, SyntheticClips.frames(112, 64, 2, 1), null), null, 0).cellHeight()).isEqualTo(128);
        int[] shown = ContactSheet.shownFrames(49);
        assertThat(shown).hasSize(24).startsWith(0, 2, 4).endsWith(48).isSorted();
        assertThat(ContactSheet.shownFrames(17)).hasSize(17).startsWith(0, 1).endsWith(16);
        assertThat(ContactSheet.shownFrames(1)).containsExactly(0);
    }

    @Test void stripShowsTheWaveformAndTicksAtTheRightPlaces() {
        Video clip = SyntheticClips.clip(112, 64, 24, 49, 16000, 2);
        double[] clicks = SyntheticClips.eventSeconds(49, 24); // where the clip's sound has its click, thump, click
        ContactSheet.Layout layout = ContactSheet.layout(clip, null, 0);
        RgbFrame sheet = ContactSheet.render(clip, EVENTS, null);
        assertThat(countInBand(sheet, layout, ContactSheet.WAVE)).isGreaterThan(layout.stripWidth());

        int bottom = layout.tickY() + ContactSheet.TICK_HEIGHT - 1;
        for (double t : EVENTS) assertThat(sheet.get(layout.timeToX(t), bottom)).isEqualTo(ContactSheet.EVENT_TICK);
        int eventColumns = 0;
        for (int x = 0; x < sheet.width(); x++) if (sheet.get(x, bottom) == ContactSheet.EVENT_TICK) eventColumns++;
        assertThat(eventColumns).isEqualTo(EVENTS.size());
        for (int k = 0; k <= 49; k++) assertThat(sheet.get(layout.timeToX(k / 24.0), layout.tickY())).isIn(ContactSheet.FRAME_TICK, ContactSheet.EVENT_TICK);
        assertThat(layout.timeToX(0)).isEqualTo(layout.stripX());
        assertThat(layout.timeToX(clip.seconds())).isEqualTo(layout.stripX() + layout.stripWidth() - 1);

        // the first click makes the envelope tall exactly there, while the quiet bed and tone stay low before it
        assertThat(columnHeight(sheet, layout, layout.timeToX(clicks[0]))).isGreaterThan(40);
        assertThat(columnHeight(sheet, layout, layout.timeToX(clicks[0] - 0.1))).isLessThan(20);
    }

    @Test void silentClipHasNoWaveformButStillHasTicks() {
        Video silent = new Video(8, SyntheticClips.frames(64, 64, 5, 1), null);
        ContactSheet.Layout layout = ContactSheet.layout(silent, null, 0);
        RgbFrame sheet = ContactSheet.render(silent, List.of(0.3), null);
        assertThat(countInBand(sheet, layout, ContactSheet.WAVE)).isZero();
        assertThat(sheet.get(layout.timeToX(0.3), layout.tickY() + ContactSheet.TICK_HEIGHT - 1)).isEqualTo(ContactSheet.EVENT_TICK);
    }

    @Test void framesAreLabelledWithTheirNumbers() {
        Video clip = new Video(8, SyntheticClips.frames(64, 64, 12, 1), null);
        ContactSheet.Layout layout = ContactSheet.layout(clip, null, 0);
        RgbFrame sheet = ContactSheet.render(clip, List.of(), null);
        // label "11" at scale 2 in the top-left corner of cell 11: its two "1" glyphs match the font
        RgbFrame expected = RgbFrame.blank(30, 18);
        BitmapFont.draw(expected, "11", 0, 0, 2, ContactSheet.TEXT);
        int x0 = layout.cellX(11) + 2;
        int y0 = layout.cellY(11) + 2;
        for (int y = 0; y < 14; y++)
            for (int x = 0; x < BitmapFont.width("11", 2); x++)
                assertThat(sheet.get(x0 + x, y0 + y) == ContactSheet.TEXT).isEqualTo(expected.get(x, y) == ContactSheet.TEXT);
    }

    @Test void sameInputGivesIdenticalBytesAndTitlesMayHoldAnyText() throws IOException {
        Video clip = SyntheticClips.clip(64, 64, 8, 17, 16000, 1);
        byte[] first = Png.encode(ContactSheet.render(clip, EVENTS, "猫 cat #3: 50% (ok)"));
        assertThat(Png.encode(ContactSheet.render(clip, EVENTS, "猫 cat #3: 50% (ok)"))).isEqualTo(first);
        assertThat(Png.encode(ContactSheet.render(clip, List.of(0.5), "猫 cat #3: 50% (ok)"))).isNotEqualTo(first);
        Path file = dir.resolve("sheet.png");
        ContactSheet.write(file, clip, EVENTS, "猫 cat #3: 50% (ok)", List.of());
        assertThat(Png.read(file)).isEqualTo(ContactSheet.render(clip, EVENTS, "猫 cat #3: 50% (ok)"));
    }

    @Test void theGivenPicturesSitInLabelledRowsAboveTheFrames() {
        Video clip = SyntheticClips.clip(64, 64, 8, 17, 16000, 1);
        ContactSheet.Layout plain = ContactSheet.layout(clip, "a red ball", 0);
        List<RgbFrame> pictures = SyntheticClips.frames(128, 96, 6, 7);   // another size: each is fitted to 64x64
        List<ContactSheet.Given> given = ContactSheet.given(pictures.getFirst(), pictures.subList(1, 6), List.of());
        assertThat(given).extracting(ContactSheet.Given::label).containsExactly("IMAGE", "R1", "R2", "R3", "R4", "R5");
        ContactSheet.Layout layout = ContactSheet.layout(clip, "a red ball", given.size());
        RgbFrame sheet = ContactSheet.render(clip, EVENTS, "a red ball", given);

        // six pictures on the grid's 5 columns take two rows of cells; the frames move down by them and a gap
        assertThat(layout.givenRows()).isEqualTo(2);
        assertThat(layout.givenY()).isEqualTo(plain.gridY());
        assertThat(layout.gridY()).isEqualTo(plain.gridY() + 2 * (128 + 4) + 8);
        assertThat(sheet.height()).isEqualTo(plain.height() + 2 * (128 + 4) + 8);
        // the sixth (second row, first cell) shows its fitted picture scaled x2, frame 16 still shows frame 16
        RgbFrame fitted = FrameScaler.fit(pictures.get(5), 64, 64);
        assertThat(sheet.get(layout.cellX(5) + 100, layout.givenCellY(5) + 90)).isEqualTo(fitted.get(50, 45));
        assertThat(sheet.get(layout.cellX(16) + 100, layout.cellY(16) + 90)).isEqualTo(clip.frames().get(16).get(50, 45));
        // each labelled in its corner, as frames are labelled with their numbers
        assertLabel(sheet, "IMAGE", layout.cellX(0), layout.givenCellY(0));
        assertLabel(sheet, "R5", layout.cellX(5), layout.givenCellY(5));
        // with nothing given the sheet is the plain one, byte for byte
        assertThat(ContactSheet.render(clip, EVENTS, "a red ball", List.of()).rgb()).isEqualTo(ContactSheet.render(clip, EVENTS, "a red ball").rgb());
        assertThat(layout.titleLines()).containsExactly("a red ball");
    }

    private static void assertLabel(RgbFrame sheet, String text, int cellX, int cellY) {
        RgbFrame label = RgbFrame.blank(BitmapFont.width(text, 2), 14);
        BitmapFont.draw(label, text, 0, 0, 2, ContactSheet.TEXT);
        for (int y = 0; y < 14; y++)
            for (int x = 0; x < label.width(); x++)
                assertThat(sheet.get(cellX + 2 + x, cellY + 2 + y) == ContactSheet.TEXT).as("label %s at (%d, %d)", text, x, y)
                        .isEqualTo(label.get(x, y) == ContactSheet.TEXT);
    }

    @Test void nonFiniteEventTimeIsRejected() {
        Video clip = new Video(8, SyntheticClips.frames(32, 32, 2, 1), null);
        assertThatThrownBy(() -> ContactSheet.render(clip, List.of(Double.NaN), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event time NaN is not a number of seconds; allowed: finite values");
    }

    @Test void fontDrawsEveryGlyphItKnowsAndQuestionMarksForTheRest() {
        RgbFrame known = RgbFrame.blank(20, 10);
        BitmapFont.draw(known, "A", 0, 0, 1, 0xFFFFFF);
        RgbFrame unknown = RgbFrame.blank(20, 10);
        BitmapFont.draw(unknown, "猫", 0, 0, 1, 0xFFFFFF);
        RgbFrame question = RgbFrame.blank(20, 10);
        BitmapFont.draw(question, "?", 0, 0, 1, 0xFFFFFF);
        assertThat(unknown).isEqualTo(question).isNotEqualTo(known);
        assertThat(BitmapFont.canDraw('q')).isTrue();
        assertThat(BitmapFont.canDraw('猫')).isFalse();
        String all = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.,:-+=/_#()[]%*!'\"?";
        for (char c : all.toCharArray()) {
            RgbFrame glyph = RgbFrame.blank(6, 7);
            BitmapFont.draw(glyph, String.valueOf(c), 0, 0, 1, 0xFFFFFF);
            int lit = 0;
            for (int y = 0; y < 7; y++) for (int x = 0; x < 6; x++) if (glyph.get(x, y) != 0) lit++;
            assertThat(lit).as("pixels of '%s'", c).isPositive();
        }
    }

    private static int countInBand(RgbFrame sheet, ContactSheet.Layout layout, int rgb) {
        int count = 0;
        for (int y = layout.waveY(); y < layout.tickY(); y++)
            for (int x = layout.stripX(); x < layout.stripX() + layout.stripWidth(); x++) if (sheet.get(x, y) == rgb) count++;
        return count;
    }

    private static int columnHeight(RgbFrame sheet, ContactSheet.Layout layout, int x) {
        int count = 0;
        for (int y = layout.waveY(); y < layout.tickY(); y++) if (sheet.get(x, y) == ContactSheet.WAVE) count++;
        return count;
    }

    private static int litPixels(RgbFrame sheet, int x0, int y0, int w, int h) {
        int lit = 0;
        for (int y = y0; y < y0 + h; y++)
            for (int x = x0; x < x0 + w; x++) if (sheet.get(x, y) == ContactSheet.TEXT) lit++;
        return lit;
    }
}
