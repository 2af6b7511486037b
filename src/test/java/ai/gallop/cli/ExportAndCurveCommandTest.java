package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.Checkpoints;
import ai.gallop.model.Safetensors;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.SamplingDefaults;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static ai.gallop.cli.WorldCommandTest.files;
import static ai.gallop.cli.WorldCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class ExportAndCurveCommandTest {
    @TempDir Path tmp;

    @Test void exportsTheEmaWeightsInHalfTheBytesAndTheyLoad() throws IOException {
        Path runDir = tmp.resolve("run");
        var trained = run("train", "--preset", "micro", "--patch", "8", "--size", "32x32", "--fps", "8", "--seconds", "1", "--batch", "1",
                "--steps", "2", "--threads", "1", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path bf16 = tmp.resolve("bf16"), f32 = tmp.resolve("f32");
        var r = run("export", "--from", runDir.toString(), "--out", bf16.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("EMA bf16 weights, step 2");
        assertThat(run("export", "--from", runDir.toString(), "--out", f32.toString(), "--dtype", "f32").code()).isZero();
        assertThat(files(bf16)).containsExactly("config.json", "model.safetensors", "trainer.json");
        long small = Files.size(bf16.resolve("model.safetensors")), big = Files.size(f32.resolve("model.safetensors"));
        assertThat((double) small / big).isBetween(0.49, 0.52);
        Path checkpoint = new Checkpoints(runDir.resolve(Checkpoints.FOLDER)).latest().orElseThrow();
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> exported = Safetensors.read(f32.resolve("model.safetensors")), ema = Safetensors.read(checkpoint.resolve(Checkpoints.EMA_FILE)),
                    raw = Safetensors.read(checkpoint.resolve(AudioVideoTransformer.WEIGHTS_FILE));
            assertThat(exported.keySet()).isEqualTo(ema.keySet());
            for (String name : ema.keySet()) assertThat(exported.get(name).equal(ema.get(name))).as(name).isTrue();
            assertThat(ema.keySet()).anyMatch(name -> !exported.get(name).equal(raw.get(name)));   // EMA, not the raw weights
        }
        try (AudioVideoTransformer model = AudioVideoTransformer.load(bf16)) {
            assertThat(model.parameterCount()).isPositive();
        }
        assertThat(Gallop.load(bf16)).isNotNull();

        // the model's own default guidance goes in sampling.json; an export without it leaves none behind
        var guided = run("export", "--from", runDir.toString(), "--out", bf16.toString(), "--guidance", "2", "--guidance-smoothing", "1");
        assertThat(guided.code()).as(guided.err()).isZero();
        assertThat(files(bf16)).containsExactly("config.json", "model.safetensors", "sampling.json", "trainer.json");
        try (Gallop gallop = Gallop.load(bf16)) {
            assertThat(gallop.samplingDefaults()).isEqualTo(new SamplingDefaults(Gallop.DEFAULT_STEPS, Gallop.DEFAULT_SHIFT, 2, false, 1));
        }
        assertThat(run("export", "--from", runDir.toString(), "--out", bf16.toString()).code()).isZero();
        assertThat(files(bf16)).containsExactly("config.json", "model.safetensors", "trainer.json");
        try (Gallop gallop = Gallop.load(bf16)) {
            assertThat(gallop.samplingDefaults()).isEqualTo(SamplingDefaults.STANDARD);
        }
    }

    @Test void badExportInputIsOneLine() throws IOException {
        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        String out = tmp.resolve("out").toString();
        List<String[]> cases = List.of(new String[]{"export", "--from", notARun.toString(), "--out", out},
                new String[]{"export", "--from", notARun.toString(), "--out", out, "--dtype", "f8"},
                new String[]{"export", "--from", notARun.toString(), "--out", out, "--guidance", "31"},
                new String[]{"export", "--from", notARun.toString(), "--out", out, "--guidance-smoothing", "0.5"});
        List<String> expected = List.of("is neither a checkpoint nor a run folder", "--dtype 'f8' is unknown; allowed: bf16, f32",
                "--guidance 31.0 is out of range; allowed: 0 to 30", "--guidance-smoothing needs --guidance; allowed: --guidance G [--guidance-smoothing W]");
        for (int i = 0; i < cases.size(); i++) {
            var r = run(cases.get(i));
            assertThat(r.code()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
            assertThat(r.err().strip()).contains(expected.get(i)).doesNotContain("\n");
        }
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test void drawsOneLinePerDimensionOverTheCheckpointsInStepOrder() throws IOException {
        Path late = report("late", 400), early = report("early", 100), out = tmp.resolve("curve");
        var r = run("curve", late.toString(), early.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("curve.md"));
        assertThat(md.indexOf("| 100 |")).isPositive().isLessThan(md.indexOf("| 400 |"));
        assertThat(md).contains("colour", "onset_recall", "| 400 | 1,600 | 0.11 |");
        RgbFrame png = Png.read(out.resolve("curve.png"));
        assertThat(png.width()).isGreaterThan(500);

        var missing = run("curve", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(missing.err().strip()).contains("lacks report.json or model.json").doesNotContain("\n");
    }

    /** A real report of two real renders, labelled as if a checkpoint at this step had made them. */
    private Path report(String name, int step) throws IOException {
        Path dir = tmp.resolve(name);
        assertThat(run("eval", "--suite", "dev", "--real", "--limit", "2", "--out", dir.toString()).code()).isZero();
        EvalCommand.ModelCard card = new EvalCommand.ModelCard("runs/x/checkpoints/step-" + step, true, step, step * 4L, step * 1.0, 1, 16, 3.0, null, null, null, null, false, false, null);
        Files.writeString(dir.resolve(EvalCommand.ModelCard.FILE), Json.write(card), StandardCharsets.UTF_8);
        return dir;
    }
}
