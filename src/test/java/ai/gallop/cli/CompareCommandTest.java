package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.eval.ReportComparisonTest;
import ai.gallop.eval.SuiteReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return GallopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void comparesReportFoldersAndRefusesBadOnesInOneLine(@TempDir Path dir) throws Exception {
        Path base = write(dir, "base", ReportComparisonTest.report("dev", 0)), better = write(dir, "better", ReportComparisonTest.report("dev", 0.05));
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "compare", base.toString(), better.toString(), "--out", dir.resolve("cmp").toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("cmp/compare.md"))).startsWith("# base vs better (suite dev)").contains("| better - base |");
        assertThat(Files.isRegularFile(dir.resolve("cmp/compare.png"))).isTrue();

        StringWriter missing = new StringWriter();
        assertThat(run(new StringWriter(), missing, "compare", base.toString(), dir.toString())).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(missing.toString().strip()).isEqualTo("gallop compare: " + dir + " has no report.json; allowed: a folder written by 'gallop eval'");
        StringWriter names = new StringWriter();
        assertThat(run(new StringWriter(), names, "compare", base.toString(), better.toString(), "--names", "a")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(names.toString().strip()).isEqualTo("gallop compare: --names gives 1 labels for 2 reports; allowed: one label per report");
    }

    @Test
    void withoutLeavesOutTheClipsAnotherReportScored(@TempDir Path dir) throws Exception {
        // the later model gains only on the first 20 prompts; a report of just those prompts is the one to leave out
        SuiteReport base = ReportComparisonTest.report("dev", 0), gain = ReportComparisonTest.report("dev", 0.3);
        Set<String> first20 = base.results().stream().map(SuiteReport.Clip::id).limit(20).collect(Collectors.toSet());
        Set<String> rest = base.results().stream().map(SuiteReport.Clip::id).filter(id -> !first20.contains(id)).collect(Collectors.toSet());
        List<SuiteReport.Clip> mixed = new ArrayList<>(gain.without(rest, 0).results());
        mixed.addAll(base.without(first20, 0).results());
        Path a = write(dir, "a", base), b = write(dir, "b", SuiteReport.of("dev", "model", mixed, List.of(), 0)),
                chosen = write(dir, "chosen", base.without(rest, 0)), other = write(dir, "other", ReportComparisonTest.report("compositional", 0));

        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "compare", a.toString(), b.toString(), "--out", dir.resolve("all").toString())).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("all/compare.md"))).as("all 60 prompts: the gain on 20 is clear")
                .containsPattern("\\| colour \\|[^\\n]*\\*\\*\\+0\\.");
        assertThat(run(new StringWriter(), err, "compare", a.toString(), b.toString(), "--without", chosen.toString(), "--out", dir.resolve("held").toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("held/compare.md"))).as("the other 40: no gain, and no FGD")
                .startsWith("# a vs b (suite dev), without the clips of " + chosen)
                .containsPattern("\\| colour \\| [0-9.]+ \\| [0-9.]+ \\| \\+0\\.000 ").contains("| FGD (lower is closer) | - | - |");

        StringWriter suite = new StringWriter(), nothing = new StringWriter();
        assertThat(run(new StringWriter(), suite, "compare", a.toString(), b.toString(), "--without", other.toString())).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(suite.toString().strip()).isEqualTo("gallop compare: --without " + other + " scores suite compositional, the reports' suite dev; allowed: a report of the same suite");
        assertThat(run(new StringWriter(), nothing, "compare", a.toString(), b.toString(), "--without", a.toString())).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(nothing.toString().strip()).isEqualTo("gallop compare: --without " + a + " leaves no clip of a; allowed: a report that "
                + "scored only part of the suite (e.g. one made with --stride)");
    }

    private static Path write(Path dir, String name, SuiteReport report) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("report.json"), Json.write(report));
        return folder;
    }
}
