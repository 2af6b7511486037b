package ai.gallop.eval;

import ai.gallop.Json;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.ContactSheet;
import ai.gallop.media.Png;
import ai.gallop.media.Video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a suite's report into a folder, all files together or none: report.json (the whole
 * {@link SuiteReport}, every clip included), report.md (a table per group: dimension, mean, 95%
 * interval, n; the breakdowns; the FGD), report.png ({@link ReportChart}) and one contact sheet per
 * worst clip, worst-N-ID.png, with its visual events as ticks under the waveform.
 */
public final class ReportWriter {
    /** The whole report, what {@link #read} takes back. */
    public static final String REPORT_FILE = "report.json";
    /** How many of the lowest-scoring clips get a contact sheet. */
    public static final int WORST = 3;

    private ReportWriter() {}

    /** The lowest mean scores first; ties by id, so the choice is stable. */
    public static List<SuiteReport.Clip> worst(SuiteReport report, int count) {
        return report.results().stream()
                .sorted(Comparator.comparingDouble((SuiteReport.Clip c) -> c.report().meanScore()).thenComparing(SuiteReport.Clip::id))
                .limit(count).toList();
    }

    /** @param worstVideos the decoded videos of {@link #worst}'s clips, by id */
    public static void write(Path folder, SuiteReport report, Map<String, Video> worstVideos) throws IOException {
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(folder.resolve(REPORT_FILE), f -> Files.writeString(f, Json.write(report), StandardCharsets.UTF_8));
            files.add(folder.resolve("report.md"), f -> Files.writeString(f, markdown(report), StandardCharsets.UTF_8));
            files.add(folder.resolve("report.png"), f -> Png.write(f, ReportChart.render(report)));
            List<SuiteReport.Clip> worst = worst(report, WORST);
            for (int i = 0; i < worst.size(); i++) {
                SuiteReport.Clip c = worst.get(i);
                Video v = worstVideos.get(c.id());
                if (v == null) continue;
                String title = String.format(Locale.ROOT, "%s mean %.3f: %s", c.id(), c.report().meanScore(), c.report().prompt());
                files.add(folder.resolve("worst-" + (i + 1) + "-" + c.id() + ".png"),
                        f -> ContactSheet.write(f, v, c.report().diagnostics().visualEvents(), title, List.of()));
            }
            files.commit();
        }
    }

    /** The report a {@link #write} left in {@code folder}; a one-line IllegalArgumentException when there is none or it is unreadable. */
    public static SuiteReport read(Path folder) {
        Path file = folder.resolve(REPORT_FILE);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(folder + " has no " + REPORT_FILE + "; allowed: a folder written by 'gallop eval'");
        try {
            return Json.read(file, SuiteReport.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(folder + " holds an unreadable report: " + e.getMessage());
        }
    }

    public static String markdown(SuiteReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation: suite ").append(r.suite()).append(", ").append(r.mode()).append("\n\n");
        md.append(r.clips()).append(" clips. Means over the clips that scored each dimension, with 95% bootstrap intervals ")
                .append("(").append(Bootstrap.DEFAULT_ROUNDS).append(" resamples).\n");
        for (DimensionGroup g : DimensionGroup.values()) {
            List<SuiteReport.Summary> rows = r.dimensions().stream().filter(d -> d.group() == g).toList();
            if (rows.isEmpty()) continue;
            md.append("\n## ").append(g.name().toLowerCase(Locale.ROOT)).append("\n\n");
            md.append("| dimension | mean | 95% interval | n |\n|---|---|---|---|\n");
            for (SuiteReport.Summary d : rows)
                md.append(String.format(Locale.ROOT, "| %s | %.3f | [%.3f, %.3f] | %d |%n", d.name(), d.mean(), d.lower(), d.upper(), d.n()));
        }
        breakdown(md, "language", r.byLanguage());
        breakdown(md, "task", r.byTask());
        md.append("\n## ").append(r.frechet().name()).append("\n\n");
        md.append(r.frechet().value() == null ? "not computed: it needs at least 2 clips on each side\n"
                : String.format(Locale.ROOT, "%.4f between the %d evaluated clips and %d real renders of the same prompts (raw, before the codec)%n",
                r.frechet().value(), r.frechet().evaluated(), r.frechet().reference()));
        List<SuiteReport.Clip> worst = worst(r, WORST);
        if (!worst.isEmpty()) {
            md.append("\n## Worst clips\n\n| id | mean | notes |\n|---|---|---|\n");
            for (SuiteReport.Clip c : worst)
                md.append(String.format(Locale.ROOT, "| %s | %.3f | %s |%n", c.id(), c.report().meanScore(), String.join("; ", c.report().notes())));
        }
        return md.toString();
    }

    /** Means per key (language or task), one column per key, one row per dimension. */
    private static void breakdown(StringBuilder md, String what, List<SuiteReport.Breakdown> parts) {
        if (parts.isEmpty()) return;
        md.append("\n## By ").append(what).append("\n\n| dimension |");
        for (SuiteReport.Breakdown b : parts) md.append(' ').append(b.key()).append(" (").append(b.clips()).append(") |");
        md.append("\n|---|").append("---|".repeat(parts.size())).append('\n');
        for (ClipReport.Dimension d : SuiteReport.ORDER) {
            boolean any = parts.stream().anyMatch(b -> b.dimensions().stream().anyMatch(s -> s.name().equals(d.name())));
            if (!any) continue;
            md.append("| ").append(d.name()).append(" |");
            for (SuiteReport.Breakdown b : parts) {
                var s = b.dimensions().stream().filter(x -> x.name().equals(d.name())).findFirst();
                md.append(s.map(x -> String.format(Locale.ROOT, " %.3f |", x.mean())).orElse(" - |"));
            }
            md.append('\n');
        }
    }
}
