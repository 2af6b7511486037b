package ai.gallop.train;

import ai.gallop.media.BitmapFont;
import ai.gallop.media.RgbFrame;

import java.util.List;
import java.util.Locale;

/**
 * What an autoencoder run is worth looking at: held-out PSNR over the steps ({@code quality.png}) and held-out
 * frames above their reconstructions, enlarged ({@code reconstructions.png}).
 */
public final class AutoencoderPictures {
    public static final String CURVE_FILE = "quality.png", SHEET_FILE = "reconstructions.png";
    private static final int WIDTH = 720, HEIGHT = 400, LEFT = 60, RIGHT = 20, TOP = 30, BOTTOM = 40;
    private static final int WHITE = 0xFFFFFF, AXIS = 0x404040, GRID = 0xE4E4E4, ALL = 0x3050D0, SUBJECTS = 0xD03030;

    private AutoencoderPictures() {}

    /** PSNR of all pixels (blue) and of subject pixels (red), in dB, against the step. */
    public static RgbFrame curve(List<AutoencoderTrainer.Quality> rows, String title) {
        RgbFrame f = RgbFrame.blank(WIDTH, HEIGHT);
        fill(f, 0, 0, WIDTH, HEIGHT, WHITE);
        BitmapFont.draw(f, title, LEFT, 8, 2, AXIS);
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        if (rows.isEmpty()) {
            BitmapFont.draw(f, "NO CHECKPOINTS YET", LEFT + 10, TOP + plotH / 2, 2, AXIS);
            return f;
        }
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (AutoencoderTrainer.Quality q : rows)
            for (double v : new double[]{q.psnr(), q.subjectPsnr()})
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
        lo = 5 * Math.floor(lo / 5);
        hi = Math.max(lo + 5, 5 * Math.ceil(hi / 5));
        for (double db = lo; db <= hi; db += 5) {
            int y = y(db, lo, hi, plotH);
            fill(f, LEFT, y, plotW, 1, GRID);
            String label = String.format(Locale.ROOT, "%.0f DB", db);
            BitmapFont.draw(f, label, LEFT - 6 - BitmapFont.width(label, 1), y - 3, 1, AXIS);
        }
        fill(f, LEFT, TOP, 1, plotH, AXIS);
        fill(f, LEFT, TOP + plotH, plotW, 1, AXIS);
        int last = Math.max(1, rows.getLast().step());
        BitmapFont.draw(f, "STEP 0", LEFT, TOP + plotH + 8, 1, AXIS);
        String end = "STEP " + last;
        BitmapFont.draw(f, end, LEFT + plotW - BitmapFont.width(end, 1), TOP + plotH + 8, 1, AXIS);
        BitmapFont.draw(f, "ALL PIXELS", LEFT + 120, TOP + plotH + 22, 1, ALL);
        BitmapFont.draw(f, "SUBJECT PIXELS", LEFT + 200, TOP + plotH + 22, 1, SUBJECTS);
        for (int i = 0; i < rows.size(); i++) {
            AutoencoderTrainer.Quality q = rows.get(i);
            int x = LEFT + 1 + (int) Math.round(q.step() / (double) last * (plotW - 3));
            for (double[] line : new double[][]{{q.psnr(), ALL}, {q.subjectPsnr(), SUBJECTS}}) {
                if (!Double.isFinite(line[0])) continue;
                fill(f, x - 1, Math.clamp(y(line[0], lo, hi, plotH) - 1, TOP, TOP + plotH - 3), 3, 3, (int) line[1]);
            }
        }
        return f;
    }

    /** Originals (top row) above reconstructions (bottom row), each enlarged {@code scale} times. */
    public static RgbFrame sheet(List<RgbFrame> originals, List<RgbFrame> rebuilt, int scale) {
        if (originals.isEmpty() || originals.size() != rebuilt.size())
            throw new IllegalArgumentException(originals.size() + " originals and " + rebuilt.size() + " reconstructions; expected the same, at least one");
        int w = originals.getFirst().width() * scale, h = originals.getFirst().height() * scale, gap = 4;
        RgbFrame f = RgbFrame.blank(originals.size() * (w + gap) + gap, 2 * h + 3 * gap);
        fill(f, 0, 0, f.width(), f.height(), WHITE);
        for (int i = 0; i < originals.size(); i++) {
            paste(f, originals.get(i), gap + i * (w + gap), gap, scale);
            paste(f, rebuilt.get(i), gap + i * (w + gap), 2 * gap + h, scale);
        }
        return f;
    }

    private static void paste(RgbFrame target, RgbFrame frame, int x0, int y0, int scale) {
        for (int y = 0; y < frame.height() * scale; y++)
            for (int x = 0; x < frame.width() * scale; x++) {
                int p = ((y / scale) * frame.width() + x / scale) * 3;
                byte[] rgb = frame.rgb();
                target.set(x0 + x, y0 + y, (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF);
            }
    }

    private static int y(double db, double lo, double hi, int plotH) {
        return TOP + (int) Math.round((hi - db) / (hi - lo) * plotH);
    }

    private static void fill(RgbFrame f, int x, int y, int w, int h, int rgb) {
        for (int j = Math.max(0, y); j < Math.min(f.height(), y + h); j++)
            for (int i = Math.max(0, x); i < Math.min(f.width(), x + w); i++) f.set(i, j, rgb);
    }
}
