package ai.gallop.cli;

import ai.gallop.pipeline.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static ai.gallop.cli.WorldCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    @TempDir Path tmp;

    @Test void timesEveryStageAndWritesMarkdown() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"));
        Path md = tmp.resolve("benchmarks.md");
        WorldCommandTest.Run r = run("bench", "--model", model.toString(), "--steps", "3", "--ceiling-size", "64", "--out", md.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("prompt encoding", "denoising, 3 steps", "decoding", "muxing", "real-time factor", "model FLOPs per clip",
                "matmul ceiling fp32", "matmul ceiling bf16", "GFLOP/s");
        String text = Files.readString(md);
        assertThat(text).startsWith("# Benchmarks").contains("| stage | seconds | share |").contains("Each denoising step (s): ");
        assertThat(text.substring(text.indexOf("Each denoising step (s): ")).strip().split(" ")).hasSize(4 + 3);
        WorldCommandTest.Run bad = run("bench", "--model", model.toString(), "--ceiling-size", "3");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("gallop bench: --ceiling-size 3 is out of range; allowed: 0 (skip) or 16 to 8192");
        assertThat(text).as("one run lists no runs").doesNotContain("total of each");
    }

    @Test void severalRunsReportTheMedianRunAndListEveryTotal() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"));
        Path md = tmp.resolve("benchmarks.md");
        WorldCommandTest.Run r = run("bench", "--model", model.toString(), "--steps", "2", "--ceiling-size", "0", "--runs", "4", "--out", md.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("total of each run")).findFirst().orElseThrow();
        // four totals, then "(median M, min A, max B)"; the median of an even count is the lower middle one
        String[] totals = line.substring("total of each run".length(), line.indexOf('(')).strip().split(" ");
        assertThat(totals).hasSize(4);
        double[] sorted = java.util.Arrays.stream(totals).mapToDouble(Double::parseDouble).sorted().toArray();
        assertThat(line).contains(String.format(java.util.Locale.ROOT, "(median %.2f, min %.2f, max %.2f)", sorted[1], sorted[0], sorted[3]));
        String total = r.out().lines().filter(l -> l.startsWith("total ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(total.strip().split("\\s+")[1])).as("the table is the median run's").isCloseTo(sorted[1], org.assertj.core.data.Offset.offset(0.006));
        assertThat(Files.readString(md)).contains("| total of each of 4 runs | ");
        WorldCommandTest.Run bad = run("bench", "--model", model.toString(), "--runs", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("gallop bench: --runs 0 is out of range; allowed: 1 to 100");
    }
}
