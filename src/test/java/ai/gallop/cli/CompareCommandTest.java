package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.eval.ReportComparisonTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return GallopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void comparesReportFoldersAndRefusesBadOnesInOneLine(@TempDir Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("base")), better = Files.createDirectories(dir.resolve("better"));
        Files.writeString(base.resolve("report.json"), Json.write(ReportComparisonTest.report("dev", 0)));
        Files.writeString(better.resolve("report.json"), Json.write(ReportComparisonTest.report("dev", 0.05)));
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
}
