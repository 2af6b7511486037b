package ai.gallop.eval;

import ai.gallop.media.BitmapFont;
import ai.gallop.media.RgbFrame;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reports of one suite side by side, each later one against the first: per dimension every report's mean and the
 * mean paired difference over the clips both scored (matched by clip id), with its 95% bootstrap interval. Pairing
 * takes the prompts' own spread out: two models on the same 70 prompts each carry an interval of about +-0.1, while
 * their difference, prompt by prompt, is often known to a few hundredths.
 *
 * @param names    a label per report, the first being the baseline
 * @param frechet  each report's FGD (null where it has none)
 */
public record ReportComparison(String suite, List<String> names, List<Row> rows, List<Double> frechet) {
    public ReportComparison {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
        frechet = java.util.Collections.unmodifiableList(new ArrayList<>(frechet));
    }

    /** @param differences one per later report, null where no clip scored the dimension in both */
    public record Row(String name, DimensionGroup group, List<Double> means, List<Difference> differences) {
        public Row {
            means = java.util.Collections.unmodifiableList(new ArrayList<>(means));
            differences = java.util.Collections.unmodifiableList(new ArrayList<>(differences));
        }
    }

    /** Later minus first, over n clips scored by both. */
    public record Difference(double mean, double lower, double upper, int n) {
        /** Whether the interval leaves out zero: a difference the prompts' sampling does not explain. */
        public boolean clear() { return lower > 0 || upper < 0; }
    }

    /** Compares {@code reports} (at least two, one suite) labelled by {@code names}, each later one with the first. */
    public static ReportComparison of(List<String> names, List<SuiteReport> reports) {
        if (reports.size() < 2 || names.size() != reports.size())
            throw new IllegalArgumentException(reports.size() + " reports with " + names.size() + " names; allowed: two or more reports, one name each");
        String suite = reports.getFirst().suite();
        for (int r = 1; r < reports.size(); r++)
            if (!suite.equals(reports.get(r).suite()))
                throw new IllegalArgumentException(names.get(r) + " scores suite " + reports.get(r).suite() + ", " + names.getFirst() + " suite "
                        + suite + "; allowed: reports of one suite");
        List<Map<String, Map<String, Double>>> scores = reports.stream().map(ReportComparison::scoresByClip).toList();
        List<Row> rows = new ArrayList<>();
        for (ClipReport.Dimension d : SuiteReport.ORDER) {
            List<Double> means = new ArrayList<>();
            for (SuiteReport report : reports)
                means.add(report.dimensions().stream().filter(s -> s.name().equals(d.name())).map(SuiteReport.Summary::mean).findFirst().orElse(null));
            if (means.stream().allMatch(m -> m == null)) continue;
            List<Difference> differences = new ArrayList<>();
            for (int r = 1; r < reports.size(); r++) differences.add(difference(scores.getFirst(), scores.get(r), d.name()));
            rows.add(new Row(d.name(), d.group(), means, differences));
        }
        return new ReportComparison(suite, names, rows, reports.stream().map(r -> r.frechet() == null ? null : r.frechet().value()).toList());
    }

    /** clip id -> dimension -> score */
    private static Map<String, Map<String, Double>> scoresByClip(SuiteReport report) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (SuiteReport.Clip c : report.results()) {
            Map<String, Double> byName = out.computeIfAbsent(c.id(), k -> new HashMap<>());
            for (ClipReport.Dimension d : c.report().dimensions()) byName.put(d.name(), d.score());
        }
        return out;
    }

    private static Difference difference(Map<String, Map<String, Double>> first, Map<String, Map<String, Double>> later, String dimension) {
        List<Double> deltas = new ArrayList<>();
        for (String id : first.keySet().stream().sorted().toList()) {
            Double a = first.get(id).get(dimension), b = later.containsKey(id) ? later.get(id).get(dimension) : null;
            if (a != null && b != null) deltas.add(b - a);
        }
        if (deltas.isEmpty()) return null;
        Bootstrap.Interval i = Bootstrap.meanInterval(deltas.stream().mapToDouble(Double::doubleValue).toArray());
        return new Difference(i.mean(), i.lower(), i.upper(), i.count());
    }

    /** The comparison as a Markdown table: means, then each later report's paired difference; clear ones in bold. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| dimension |");
        for (String n : names) md.append(' ').append(n).append(" |");
        for (int r = 1; r < names.size(); r++) md.append(' ').append(names.get(r)).append(" - ").append(names.getFirst()).append(" |");
        md.append("\n|---|").append("---|".repeat(2 * names.size() - 1)).append('\n');
        for (Row row : rows) {
            md.append("| ").append(row.name()).append(" |");
            for (Double m : row.means()) md.append(' ').append(m == null ? "-" : String.format(Locale.ROOT, "%.3f", m)).append(" |");
            for (Difference d : row.differences()) {
                String text = d == null ? "-" : String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", d.mean(), d.lower(), d.upper());
                md.append(' ').append(d != null && d.clear() ? "**" + text + "**" : text).append(" |");
            }
            md.append('\n');
        }
        md.append("| FGD (lower is closer) |");
        for (Double f : frechet) md.append(' ').append(f == null ? "-" : String.format(Locale.ROOT, "%.3f", f)).append(" |");
        md.append(" |".repeat(names.size() - 1)).append('\n');
        return md.toString();
    }

    static final int WIDTH = 900, MARGIN = 12, LABEL_WIDTH = 300, AXIS_WIDTH = 440, ROW = 22, TEXT_SCALE = 2;
    /**
     * The half-widths the axis may take; the chart uses the smallest that holds every interval, so the few-hundredths
     * differences most comparisons find are drawn long enough to see (scores lie in [0, 1], so 1 holds any).
     */
    static final double[] SPANS = {0.05, 0.1, 0.2, 0.5, 1};
    static final int[] REPORT_COLOURS = {0x4E9BD8, 0xE0A040, 0x7CD67C, 0xD070C0, 0xE05050, 0x50D0D0};
    /** A difference whose interval holds zero is written in grey, a clear one in the text colour. */
    static final int UNCLEAR_TEXT = 0x7A7A7A;

    /**
     * The paired differences as a picture: a row per dimension, a bar per later report from zero to its mean
     * difference, whiskers over the interval; drawn like {@link ReportChart} (no antialiasing, bitmap font), so the
     * same reports give the same bytes.
     */
    public RgbFrame chart() {
        int later = names.size() - 1;
        double span = span();
        int rowHeight = ROW * later + 6;
        int height = MARGIN * 2 + ROW * (2 + later) + rowHeight * rows.size();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(ReportChart.BACKGROUND));
        g.fillRect(0, 0, WIDTH, height);
        record Label(String text, int x, int y, int colour) {}
        List<Label> labels = new ArrayList<>();
        // two title lines and names cut to the width: the bitmap font has no smaller size to fall back to
        labels.add(new Label(fit("suite " + suite + ": each against " + names.getFirst()), MARGIN, MARGIN, ReportChart.TEXT));
        labels.add(new Label(String.format(Locale.ROOT, "paired, whiskers: 95%% interval, axis %s to +%s", -span, span), MARGIN, MARGIN + ROW,
                ReportChart.TEXT));
        for (int r = 1; r <= later; r++)
            labels.add(new Label(fit(names.get(r)), MARGIN + 8, MARGIN + ROW * (1 + r), REPORT_COLOURS[(r - 1) % REPORT_COLOURS.length]));
        int top = MARGIN + ROW * (2 + later), zero = MARGIN + LABEL_WIDTH + AXIS_WIDTH / 2;
        g.setColor(new Color(ReportChart.GRID));
        for (int tick = -2; tick <= 2; tick++) g.drawLine(zero + tick * AXIS_WIDTH / 4, top, zero + tick * AXIS_WIDTH / 4, height - MARGIN);
        int y = top;
        for (Row row : rows) {
            labels.add(new Label(row.name(), MARGIN + 8, y + 4, ReportChart.TEXT));
            for (int r = 0; r < later; r++) {
                Difference d = row.differences().get(r);
                int barY = y + r * ROW;
                if (d != null) {
                    g.setColor(new Color(REPORT_COLOURS[r % REPORT_COLOURS.length]));
                    int end = x(d.mean(), zero, span);
                    g.fillRect(Math.min(zero, end), barY + 5, Math.max(1, Math.abs(end - zero)), ROW - 10);
                    int lo = x(d.lower(), zero, span), hi = x(d.upper(), zero, span), mid = barY + ROW / 2;
                    g.setColor(new Color(ReportChart.WHISKER));
                    g.drawLine(lo, mid, hi, mid);
                    g.drawLine(lo, mid - 4, lo, mid + 4);
                    g.drawLine(hi, mid - 4, hi, mid + 4);
                    labels.add(new Label(String.format(Locale.ROOT, "%+.3f", d.mean()), MARGIN + LABEL_WIDTH + AXIS_WIDTH + 10, barY + 4,
                            d.clear() ? ReportChart.TEXT : UNCLEAR_TEXT));
                }
            }
            y += rowHeight;
        }
        g.dispose();
        RgbFrame frame = ReportChart.frame(image);
        for (Label l : labels) BitmapFont.draw(frame, l.text(), l.x(), l.y(), TEXT_SCALE, l.colour());
        return frame;
    }

    /** The text, cut with ".." where it would run past the picture's right edge. */
    static String fit(String text) {
        int room = WIDTH - 2 * MARGIN - 8;
        if (BitmapFont.width(text, TEXT_SCALE) <= room) return text;
        int keep = text.length();
        while (keep > 0 && BitmapFont.width(text.substring(0, keep) + "..", TEXT_SCALE) > room) keep--;
        return text.substring(0, keep) + "..";
    }

    /** The chart's axis half-width: the smallest of {@link #SPANS} that holds every difference and its interval. */
    double span() {
        double widest = 0;
        for (Row row : rows)
            for (Difference d : row.differences())
                if (d != null) widest = Math.max(widest, Math.max(Math.abs(d.lower()), Math.abs(d.upper())));
        for (double span : SPANS) if (widest <= span) return span;
        return SPANS[SPANS.length - 1];
    }

    private static int x(double difference, int zero, double span) {
        return zero + (int) Math.round(Math.clamp(difference / span, -1, 1) * AXIS_WIDTH / 2);
    }
}
