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
    }
}
