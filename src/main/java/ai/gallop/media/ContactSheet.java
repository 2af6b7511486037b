package ai.gallop.media;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One picture to judge a clip at a glance: a grid of numbered frames (all of them, or an evenly spaced subset), and
 * below it the sound's waveform over the clip's duration with frame boundaries as faint ticks and the caller's sound
 * event times as bright ticks, so a thump can be checked against the frame where the ball lands. The pictures a clip
 * was made from, when it had any (an image-to-video first frame, reference images), sit in a row of their own above
 * the frames, labelled, so the sheet shows what was given next to what came of it. The title (a prompt, in any language) uses
 * {@link UnicodeFont}, the labels {@link BitmapFont}; the same input always gives the same bytes.
 */
public final class ContactSheet {
    public static final int MAX_CELLS = 24;
    public static final int MIN_CELL_SIDE = 96;

    public static final int BACKGROUND = 0x181818;
    public static final int WAVE = 0x7CD67C;
    public static final int AXIS = 0x383838;
    public static final int FRAME_TICK = 0x505050;
    public static final int EVENT_TICK = 0xFFD21E;
    public static final int TEXT = 0xF0F0F0;
    public static final int LABEL_BACKGROUND = 0x000000;

    static final int MARGIN = 8;
    static final int GAP = 4;
    static final int MIN_CONTENT_WIDTH = 320;
    static final int TITLE_SCALE = 1;
    static final int MAX_TITLE_LINES = 3;
    static final int TITLE_LINE_GAP = 4;
    static final int LABEL_SCALE = 2;
    static final int WAVE_HEIGHT = 96;
    static final int TICK_HEIGHT = 10;

    private ContactSheet() {}

    /**
     * Where everything goes on the sheet.
     *
     * @param scale integer magnification of each frame (nearest neighbour)
     * @param titleLines the title as drawn, wrapped ({@link #titleLines(String, int)})
     * @param givenY top of the given pictures' rows ({@code givenRows} of them, each a cell tall)
     * @param stripX left edge of the waveform strip; {@link #timeToX} maps clip time onto it
     * @param waveY top of the waveform band ({@link #WAVE_HEIGHT} tall)
     * @param tickY top of the tick band ({@link #TICK_HEIGHT} tall) under the waveform
     * @param seconds the clip's duration, frames / fps: the strip's full width
     */
    public record Layout(int width, int height, int columns, int rows, int scale, int cellWidth, int cellHeight, List<String> titleLines,
                         int givenY, int givenRows, int gridY, int stripX, int stripWidth, int waveY, int tickY, int captionY,
                         double seconds) {
        /** The strip column showing time {@code t} seconds (0 at the left edge, the clip's end at the right one). */
        public int timeToX(double t) {
            return stripX + Math.clamp(Math.round(t / seconds * (stripWidth - 1)), 0, stripWidth - 1);
        }

        public int cellX(int cell) { return MARGIN + (cell % columns) * (cellWidth + GAP); }

        public int cellY(int cell) { return gridY + (cell / columns) * (cellHeight + GAP); }

        /** Top of given picture {@code k}'s cell; its left edge is {@link #cellX}(k). */
        public int givenCellY(int k) { return givenY + (k / columns) * (cellHeight + GAP); }
    }

    /** Indices of the frames the sheet shows: all when there are at most {@link #MAX_CELLS}, else evenly spaced ones. */
    public static int[] shownFrames(int frameCount) {
        int count = Math.min(frameCount, MAX_CELLS);
        int[] shown = new int[count];
        for (int i = 0; i < count; i++)
            shown[i] = count == frameCount ? i : (int) Math.round(i * (frameCount - 1) / (double) (count - 1));
        return shown;
    }

    /** A picture the clip was made from, and the label its cell gets. */
    public record Given(String label, RgbFrame picture) {}

    /**
     * The pictures of a request in the order the sheet shows them: its first frame ("IMAGE"), its reference images (R1,
     * R2, ...), then the frames of a clip it edits that the sheet shows of the result (S0, S4, ... by frame index), so
     * before and after stand one above the other.
     */
    public static List<Given> given(RgbFrame firstFrame, List<RgbFrame> references, List<RgbFrame> editedClip) {
        List<Given> given = new ArrayList<>();
        if (firstFrame != null) given.add(new Given("IMAGE", firstFrame));
        for (int k = 0; k < references.size(); k++) given.add(new Given("R" + (k + 1), references.get(k)));
        if (!editedClip.isEmpty())
            for (int frame : shownFrames(editedClip.size())) given.add(new Given("S" + frame, editedClip.get(frame)));
        return given;
    }

    /** Where everything goes on the sheet of {@code video} with its title and {@code given} pictures above the frames. */
    public static Layout layout(Video video, String title, int given) {
        int count = shownFrames(video.frames().size()).length;
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        int scale = Math.max(1, (MIN_CELL_SIDE + Math.min(video.width(), video.height()) - 1) / Math.min(video.width(), video.height()));
        int cellWidth = video.width() * scale;
        int cellHeight = video.height() * scale;
        int gridWidth = columns * cellWidth + (columns - 1) * GAP;
        int contentWidth = Math.max(gridWidth, MIN_CONTENT_WIDTH);
        List<String> titleLines = titleLines(title, contentWidth);
        int lines = titleLines.size();
        int titleHeight = lines == 0 ? 0 : lines * UnicodeFont.height(TITLE_SCALE) + (lines - 1) * TITLE_LINE_GAP + 2 * GAP;
        int givenY = MARGIN + titleHeight;
        int givenRows = (given + columns - 1) / columns;
        int gridY = givenY + (givenRows == 0 ? 0 : givenRows * (cellHeight + GAP) + 2 * GAP);
        int waveY = gridY + rows * cellHeight + (rows - 1) * GAP + 2 * GAP;
        int tickY = waveY + WAVE_HEIGHT;
        int captionY = tickY + TICK_HEIGHT + GAP;
        int height = captionY + BitmapFont.height(1) + MARGIN;
        return new Layout(contentWidth + 2 * MARGIN, height, columns, rows, scale, cellWidth, cellHeight, titleLines, givenY,
                givenRows, gridY, MARGIN, contentWidth, waveY, tickY, captionY, video.seconds());
    }

    /**
     * @param eventSeconds times of sound events (impacts, footsteps) in seconds from the clip's start; times outside
     *     the clip are not drawn
     * @param title text drawn above the grid, or null: wrapped at spaces onto at most {@value #MAX_TITLE_LINES} lines (the
     *     last one ends in "..." when the rest does not fit), in any script of Unicode's first plane
     */
    public static RgbFrame render(Video video, List<Double> eventSeconds, String title) {
        return render(video, eventSeconds, title, List.of());
    }

    /**
     * As {@link #render(Video, List, String)}, with the pictures the clip was made from in a row above its frames, each
     * fitted to the clip's frame size.
     */
    public static RgbFrame render(Video video, List<Double> eventSeconds, String title, List<Given> given) {
        for (double t : eventSeconds)
            if (!Double.isFinite(t)) throw new IllegalArgumentException("event time " + t + " is not a number of seconds; allowed: finite values");
        Layout layout = layout(video, title, given.size());
        RgbFrame sheet = RgbFrame.blank(layout.width(), layout.height());
        BitmapFont.fill(sheet, 0, 0, sheet.width(), sheet.height(), BACKGROUND);
        List<String> lines = layout.titleLines();
        for (int i = 0; i < lines.size(); i++)
            UnicodeFont.draw(sheet, lines.get(i), MARGIN, MARGIN + GAP + i * (UnicodeFont.height(TITLE_SCALE) + TITLE_LINE_GAP), TITLE_SCALE, TEXT);
        for (int k = 0; k < given.size(); k++)
            drawCell(sheet, FrameScaler.fit(given.get(k).picture(), video.width(), video.height()), layout, layout.cellX(k), layout.givenCellY(k), given.get(k).label());
        drawFrames(sheet, video, layout);
        drawWave(sheet, video, layout);
        drawTicks(sheet, video, layout, eventSeconds);
        drawCaption(sheet, video, layout);
        return sheet;
    }

    /**
     * Writes {@link #render(Video, List, String, List)}'s sheet.
     *
     * @throws IOException "cannot write <file>: <reason>"; the file appears whole or not at all
     */
    public static void write(Path file, Video video, List<Double> eventSeconds, String title, List<Given> given) throws IOException {
        Png.write(file, render(video, eventSeconds, title, given));
    }

    /**
     * The title (composed, NFC) broken into lines that fit {@code width} pixels in {@link UnicodeFont}: at spaces, and
     * between any two wide characters, since Chinese and Japanese put no spaces between words. A word longer than a
     * line is cut; text beyond {@link #MAX_TITLE_LINES} lines is dropped with "..." at the end of the last one.
     */
    static List<String> titleLines(String title, int width) {
        if (title == null || title.isBlank()) return List.of();
        int space = UnicodeFont.width(" ", TITLE_SCALE);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lineWidth = 0;
        for (String word : Normalizer.normalize(title.strip(), Normalizer.Form.NFC).split("\\s+")) {
            boolean spaced = !line.isEmpty();
            for (String unit : breakUnits(word, width)) {
                int unitWidth = UnicodeFont.width(unit, TITLE_SCALE);
                if (!line.isEmpty() && lineWidth + (spaced ? space : 0) + unitWidth > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineWidth = 0;
                    spaced = false;
                }
                if (spaced) line.append(' ');
                line.append(unit);
                lineWidth += (spaced ? space : 0) + unitWidth;
                spaced = false;
            }
        }
        if (!line.isEmpty()) lines.add(line.toString());
        if (lines.size() <= MAX_TITLE_LINES) return lines;
        List<String> kept = new ArrayList<>(lines.subList(0, MAX_TITLE_LINES));
        String last = kept.getLast();
        while (!last.isEmpty() && UnicodeFont.width(last + "...", TITLE_SCALE) > width)
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        kept.set(MAX_TITLE_LINES - 1, last + "...");
        return kept;
    }

    /**
     * A word's pieces that may end a line: each wide character alone, each run of narrow ones together; a word wider
     * than a line goes character by character.
     */
    private static List<String> breakUnits(String word, int width) {
        List<String> units = new ArrayList<>();
        if (UnicodeFont.width(word, TITLE_SCALE) > width) {
            word.codePoints().forEach(c -> units.add(Character.toString(c)));
            return units;
        }
        StringBuilder narrow = new StringBuilder();
        word.codePoints().forEach(c -> {
            if (!UnicodeFont.isWide(c)) {
                narrow.appendCodePoint(c);
                return;
            }
            if (!narrow.isEmpty()) units.add(narrow.toString());
            narrow.setLength(0);
            units.add(Character.toString(c));
        });
        if (!narrow.isEmpty()) units.add(narrow.toString());
        return units;
    }

    private static void drawFrames(RgbFrame sheet, Video video, Layout layout) {
        int[] shown = shownFrames(video.frames().size());
        for (int cell = 0; cell < shown.length; cell++)
            drawCell(sheet, video.frames().get(shown[cell]), layout, layout.cellX(cell), layout.cellY(cell), Integer.toString(shown[cell]));
    }

    /** A frame scaled up into the cell at (x0, y0), its label in the top left corner. */
    private static void drawCell(RgbFrame sheet, RgbFrame frame, Layout layout, int x0, int y0, String label) {
        RgbFrame big = Png.scaleUp(frame, layout.scale());
        for (int y = 0; y < big.height(); y++)
            System.arraycopy(big.rgb(), y * big.width() * 3, sheet.rgb(), ((y0 + y) * sheet.width() + x0) * 3, big.width() * 3);
        BitmapFont.fill(sheet, x0, y0, BitmapFont.width(label, LABEL_SCALE) + 4, BitmapFont.height(LABEL_SCALE) + 4, LABEL_BACKGROUND);
        BitmapFont.draw(sheet, label, x0 + 2, y0 + 2, LABEL_SCALE, TEXT);
    }

    /** Per pixel column, a bar from the lowest to the highest sample in that column's slice of time. */
    private static void drawWave(RgbFrame sheet, Video video, Layout layout) {
        int middle = layout.waveY() + WAVE_HEIGHT / 2;
        int half = WAVE_HEIGHT / 2 - 1;
        BitmapFont.fill(sheet, layout.stripX(), middle, layout.stripWidth(), 1, AXIS);
        Sound sound = video.sound();
        if (sound == null) return;
        float[] samples = sound.samples();
        double perColumn = layout.seconds() * sound.sampleRate() / layout.stripWidth();
        for (int column = 0; column < layout.stripWidth(); column++) {
            int from = (int) Math.floor(column * perColumn);
            int to = Math.max(from + 1, (int) Math.floor((column + 1) * perColumn));
            if (from >= samples.length) break;
            float low = Float.POSITIVE_INFINITY;
            float high = Float.NEGATIVE_INFINITY;
            for (int i = from; i < Math.min(to, samples.length); i++) {
                low = Math.min(low, samples[i]);
                high = Math.max(high, samples[i]);
            }
            int top = middle - Math.round(Math.clamp(high, -1f, 1f) * half);
            int bottom = middle - Math.round(Math.clamp(low, -1f, 1f) * half);
            BitmapFont.fill(sheet, layout.stripX() + column, top, 1, bottom - top + 1, WAVE);
        }
    }

    private static void drawTicks(RgbFrame sheet, Video video, Layout layout, List<Double> eventSeconds) {
        for (int k = 0; k <= video.frames().size(); k++)
            BitmapFont.fill(sheet, layout.timeToX(k / (double) video.fps()), layout.tickY(), 1, TICK_HEIGHT / 2, FRAME_TICK);
        for (double t : eventSeconds)
            if (t >= 0 && t <= layout.seconds()) BitmapFont.fill(sheet, layout.timeToX(t), layout.tickY(), 1, TICK_HEIGHT, EVENT_TICK);
    }

    private static void drawCaption(RgbFrame sheet, Video video, Layout layout) {
        BitmapFont.draw(sheet, "0 S", layout.stripX(), layout.captionY(), 1, TEXT);
        String end = String.format(Locale.ROOT, "%.3f S", layout.seconds());
        BitmapFont.draw(sheet, end, layout.stripX() + layout.stripWidth() - BitmapFont.width(end, 1), layout.captionY(), 1, TEXT);
        String middle = video.frames().size() + " FRAMES " + video.fps() + " FPS "
                + (video.sound() == null ? "NO SOUND" : video.sound().sampleRate() + " HZ");
        BitmapFont.draw(sheet, middle, layout.stripX() + (layout.stripWidth() - BitmapFont.width(middle, 1)) / 2, layout.captionY(), 1, TEXT);
    }
}
