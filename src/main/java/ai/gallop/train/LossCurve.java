package ai.gallop.train;

import ai.gallop.media.BitmapFont;
import ai.gallop.media.RgbFrame;

import java.util.List;
import java.util.Locale;

/**
 * The loss curve as a picture: loss per step on a log scale (grey: video, light blue: audio, black: total
 * smoothed), drawn pixel by pixel with the project's bitmap font so it looks the same on any machine.
 */
public final class LossCurve {
    public static final String FILE = "loss.png";
    private static final int WIDTH = 720, HEIGHT = 400, LEFT = 60, RIGHT = 20, TOP = 30, BOTTOM = 40;
    private static final int WHITE = 0xFFFFFF, AXIS = 0x404040, GRID = 0xE4E4E4, VIDEO = 0xA0A0A0, AUDIO = 0x9CC8EC, TOTAL = 0x101010;

    private LossCurve() {}

    public static RgbFrame render(List<StepMetrics> rows, String title) {
        RgbFrame f = RgbFrame.blank(WIDTH, HEIGHT);
        fill(f, 0, 0, WIDTH, HEIGHT, WHITE);
        BitmapFont.draw(f, title, LEFT, 8, 2, AXIS);
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        if (rows.isEmpty()) {
            BitmapFont.draw(f, "NO STEPS YET", LEFT + 10, TOP + plotH / 2, 2, AXIS);
            return f;
        }
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (StepMetrics m : rows)
            for (double v : new double[]{m.loss(), m.videoLoss(), m.audioLoss()})
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, Math.log10(v));
                    hi = Math.max(hi, Math.log10(v));
                }
        if (lo == Double.MAX_VALUE) { lo = -1; hi = 0; }
        lo = Math.floor(lo);
        hi = Math.max(lo + 1, Math.ceil(hi));
        int first = rows.getFirst().step(), last = Math.max(first + 1, rows.getLast().step());
        for (int decade = (int) lo; decade <= hi; decade++) {
            int y = TOP + (int) Math.round((hi - decade) / (hi - lo) * plotH);
            fill(f, LEFT, y, plotW, 1, GRID);
            String label = String.format(Locale.ROOT, "1E%d", decade);
            BitmapFont.draw(f, label, LEFT - 6 - BitmapFont.width(label, 1), y - 3, 1, AXIS);
        }
        fill(f, LEFT, TOP, 1, plotH, AXIS);
        fill(f, LEFT, TOP + plotH, plotW, 1, AXIS);
        BitmapFont.draw(f, "STEP " + first, LEFT, TOP + plotH + 8, 1, AXIS);
        String end = "STEP " + rows.getLast().step();
        BitmapFont.draw(f, end, LEFT + plotW - BitmapFont.width(end, 1), TOP + plotH + 8, 1, AXIS);
        BitmapFont.draw(f, "VIDEO", LEFT + 120, TOP + plotH + 22, 1, VIDEO);
        BitmapFont.draw(f, "AUDIO", LEFT + 170, TOP + plotH + 22, 1, AUDIO);
        BitmapFont.draw(f, "TOTAL SMOOTHED", LEFT + 220, TOP + plotH + 22, 1, TOTAL);
        double smooth = Double.NaN, alpha = Math.min(1, 20.0 / rows.size());
        for (StepMetrics m : rows) {
            int x = LEFT + 1 + (int) Math.round((m.step() - first) / (double) (last - first) * (plotW - 2));
            dot(f, x, m.videoLoss(), lo, hi, plotH, VIDEO);
            dot(f, x, m.audioLoss(), lo, hi, plotH, AUDIO);
            smooth = Double.isNaN(smooth) ? m.loss() : smooth + alpha * (m.loss() - smooth);
            dot(f, x, smooth, lo, hi, plotH, TOTAL);
        }
        return f;
    }

    private static void dot(RgbFrame f, int x, double value, double lo, double hi, int plotH, int rgb) {
        if (!(value > 0) || !Double.isFinite(value)) return;
        int y = TOP + (int) Math.round((hi - Math.log10(value)) / (hi - lo) * plotH);
        fill(f, x, Math.clamp(y - 1, TOP, TOP + plotH - 2), 2, 2, rgb);
    }

    private static void fill(RgbFrame f, int x, int y, int w, int h, int rgb) {
        for (int j = Math.max(0, y); j < Math.min(f.height(), y + h); j++)
            for (int i = Math.max(0, x); i < Math.min(f.width(), x + w); i++) f.set(i, j, rgb);
    }
}
