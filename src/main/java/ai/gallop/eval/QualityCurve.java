package ai.gallop.eval;

import ai.gallop.media.BitmapFont;
import ai.gallop.media.RgbFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quality against compute: one suite report per checkpoint, drawn as one line per dimension over training
 * steps, and the same numbers as a markdown table. The loss says a model fits its data; this says whether
 * it learned what the prompts ask for, which is what a training budget buys.
 */
public final class QualityCurve {
    /** The dimensions shown, semantic first: what the acceptance targets name. */
    public static final List<String> DIMENSIONS = List.of(SemanticDimensions.COLOUR, SemanticDimensions.SCENE,
            SemanticDimensions.OBJECT_CLASS, SemanticDimensions.SUBJECT_COUNT, SemanticDimensions.ACTION,
            SemanticDimensions.CAMERA_MOTION, SemanticDimensions.SPATIAL_RELATIONSHIP, SoundDimensions.ONSET_RECALL,
            SoundDimensions.AV_ALIGN, ImageToVideoDimensions.FIRST_FRAME_PSNR);
    private static final int[] COLOURS = {0xD03030, 0x30A030, 0x3050D0, 0xC08000, 0x9030B0, 0x00A0A0, 0x707070, 0xE070A0, 0x60A0E0, 0x202020};
    private static final int WIDTH = 760, HEIGHT = 420, LEFT = 50, RIGHT = 190, TOP = 34, BOTTOM = 40;
    private static final int WHITE = 0xFFFFFF, AXIS = 0x404040, GRID = 0xE4E4E4;

    /** One evaluated checkpoint: its training step, the clips it had seen, the CPU-seconds spent so far (NaN if unknown). */
    public record Point(int step, long clipsSeen, double cpuSeconds, SuiteReport report) {
        public double mean(String dimension) {
            return report.dimensions().stream().filter(d -> d.name().equals(dimension)).mapToDouble(SuiteReport.Summary::mean)
                    .findFirst().orElse(Double.NaN);
        }
    }

    private QualityCurve() {}

    public static RgbFrame render(List<Point> points, String title) {
        if (points.isEmpty()) throw new IllegalArgumentException("no evaluated checkpoints; allowed: at least one report");
        List<Point> sorted = sorted(points);
        RgbFrame f = RgbFrame.blank(WIDTH, HEIGHT);
        fill(f, 0, 0, WIDTH, HEIGHT, WHITE);
        BitmapFont.draw(f, title.toUpperCase(Locale.ROOT), LEFT, 10, 2, AXIS);
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        for (int tenth = 0; tenth <= 10; tenth += 2) {
            int y = TOP + plotH - tenth * plotH / 10;
            fill(f, LEFT, y, plotW, 1, GRID);
            String label = String.format(Locale.ROOT, "%.1f", tenth / 10.0);
            BitmapFont.draw(f, label, LEFT - 6 - BitmapFont.width(label, 1), y - 3, 1, AXIS);
        }
        fill(f, LEFT, TOP, 1, plotH, AXIS);
        fill(f, LEFT, TOP + plotH, plotW, 1, AXIS);
        int first = sorted.getFirst().step(), last = Math.max(first + 1, sorted.getLast().step());
        BitmapFont.draw(f, "STEP " + first, LEFT, TOP + plotH + 8, 1, AXIS);
        String end = "STEP " + sorted.getLast().step();
        BitmapFont.draw(f, end, LEFT + plotW - BitmapFont.width(end, 1), TOP + plotH + 8, 1, AXIS);
        for (int k = 0; k < DIMENSIONS.size(); k++) {
            String dimension = DIMENSIONS.get(k);
            int colour = COLOURS[k % COLOURS.length];
            BitmapFont.draw(f, dimension.toUpperCase(Locale.ROOT), LEFT + plotW + 14, TOP + 6 + 16 * k, 1, colour);
            int px = -1, py = -1;
            for (Point p : sorted) {
                double v = p.mean(dimension);
                if (!Double.isFinite(v)) continue;
                int x = LEFT + 1 + (int) Math.round((p.step() - first) / (double) (last - first) * (plotW - 3));
                int y = TOP + plotH - 1 - (int) Math.round(Math.clamp(v, 0, 1) * (plotH - 2));
                fill(f, x - 2, y - 2, 5, 5, colour);
                if (px >= 0) line(f, px, py, x, y, colour);
                px = x;
                py = y;
            }
        }
        return f;
    }

    /** A markdown table: one row per checkpoint, one column per dimension (mean over the suite's clips). */
    public static String table(List<Point> points) {
        StringBuilder md = new StringBuilder("| step | clips seen | CPU-hours |");
        for (String d : DIMENSIONS) md.append(' ').append(d).append(" |");
        md.append("\n|---|---|---|").append("---|".repeat(DIMENSIONS.size())).append('\n');
        for (Point p : sorted(points)) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %s |", p.step(), p.clipsSeen(),
                    Double.isFinite(p.cpuSeconds()) ? String.format(Locale.ROOT, "%.2f", p.cpuSeconds() / 3600) : "-"));
            for (String d : DIMENSIONS) {
                double v = p.mean(d);
                md.append(' ').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-").append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static List<Point> sorted(List<Point> points) {
        List<Point> s = new ArrayList<>(points);
        s.sort((a, b) -> Integer.compare(a.step(), b.step()));
        return s;
    }

    private static void line(RgbFrame f, int x0, int y0, int x1, int y1, int rgb) {
        int n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int i = 0; i <= n; i++) {
            int x = x0 + (int) Math.round((x1 - x0) * (double) i / Math.max(1, n));
            int y = y0 + (int) Math.round((y1 - y0) * (double) i / Math.max(1, n));
            fill(f, x, y, 1, 1, rgb);
        }
    }

    private static void fill(RgbFrame f, int x, int y, int w, int h, int rgb) {
        for (int j = Math.max(0, y); j < Math.min(f.height(), y + h); j++)
            for (int i = Math.max(0, x); i < Math.min(f.width(), x + w); i++) f.set(i, j, rgb);
    }
}
