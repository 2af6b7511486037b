package ai.gallop.eval;

import ai.gallop.media.BitmapFont;
import ai.gallop.media.RgbFrame;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's scores as one picture: per group a heading, then a horizontal bar per dimension from 0
 * to its mean on a [0, 1] axis, with whiskers over its 95% interval and the mean and n written
 * beside it. Shapes are drawn with plain Java2D (no antialiasing, so the pixels are exact) and text
 * with {@link BitmapFont} (no system font), so the same report always gives the same bytes.
 */
public final class ReportChart {
    static final int WIDTH = 780, MARGIN = 12, LABEL_WIDTH = 300, BAR_WIDTH = 320, ROW = 22, TEXT_SCALE = 2;
    static final int BACKGROUND = 0x181818, TEXT = 0xF0F0F0, GRID = 0x3A3A3A, WHISKER = 0xF0F0F0;
    static final int[] GROUP_COLOURS = {0x4E9BD8, 0x7CD67C, 0xE0A040, 0xD070C0};

    private ReportChart() {}

    public static RgbFrame render(SuiteReport report) {
        List<SuiteReport.Summary> dims = report.dimensions();
        int groups = (int) dims.stream().map(SuiteReport.Summary::group).distinct().count();
        int height = MARGIN * 2 + ROW * (2 + groups + dims.size());
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(BACKGROUND));
        g.fillRect(0, 0, WIDTH, height);
        int barX = MARGIN + LABEL_WIDTH;
        int top = MARGIN + ROW, bottom = height - MARGIN;
        g.setColor(new Color(GRID));
        for (int tick = 0; tick <= 4; tick++) {
            int x = barX + tick * BAR_WIDTH / 4;
            g.drawLine(x, top, x, bottom);
        }
        int y = top;
        DimensionGroup current = null;
        record Label(String text, int x, int y) {}
        List<Label> labels = new ArrayList<>();
        labels.add(new Label(title(report), MARGIN, MARGIN));
        for (SuiteReport.Summary d : dims) {
            if (d.group() != current) {
                current = d.group();
                labels.add(new Label(current.name(), MARGIN, y + 4));
                y += ROW;
            }
            g.setColor(new Color(GROUP_COLOURS[d.group().ordinal()]));
            g.fillRect(barX, y + 4, (int) Math.round(d.mean() * BAR_WIDTH), ROW - 8);
            int lo = barX + (int) Math.round(d.lower() * BAR_WIDTH), hi = barX + (int) Math.round(d.upper() * BAR_WIDTH), mid = y + ROW / 2;
            g.setColor(new Color(WHISKER));
            g.drawLine(lo, mid, hi, mid);
            g.drawLine(lo, mid - 5, lo, mid + 5);
            g.drawLine(hi, mid - 5, hi, mid + 5);
            labels.add(new Label(d.name(), MARGIN + 8, y + 4));
            labels.add(new Label(String.format(Locale.ROOT, "%.3f n=%d", d.mean(), d.n()), barX + BAR_WIDTH + 10, y + 4));
            y += ROW;
        }
        g.dispose();
        RgbFrame frame = frame(image);
        for (Label l : labels) BitmapFont.draw(frame, l.text(), l.x(), l.y(), TEXT_SCALE, TEXT);
        return frame;
    }

    /** A Java2D picture's pixels as a frame, to write text on with {@link BitmapFont}. */
    static RgbFrame frame(BufferedImage image) {
        int width = image.getWidth(), height = image.getHeight();
        return RgbFrame.ofPacked(width, height, image.getRGB(0, 0, width, height, null, 0, width));
    }

    private static String title(SuiteReport r) {
        return r.suite() + " - " + r.mode() + " - " + r.clips() + " clips (bars: mean, whiskers: 95% interval)";
    }
}
