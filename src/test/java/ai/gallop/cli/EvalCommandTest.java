package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.eval.EditReport;
import ai.gallop.eval.PromptSuite;
import ai.gallop.pipeline.Gallop;
import ai.gallop.eval.SuiteReport;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.Video;
import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.world.World;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static ai.gallop.cli.WorldCommandTest.files;
import static ai.gallop.cli.WorldCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {
    @TempDir Path tmp;

    private static SuiteReport report(Path dir) {
        return Json.read(dir.resolve("report.json"), SuiteReport.class);
    }

    @Test void writesJsonMarkdownChartAndWorstSheetsWithTheSameBytesForTheSameSeed() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        var first = run("eval", "--suite", "dev", "--real", "--limit", "4", "--out", a.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(run("eval", "--suite", "dev", "--real", "--limit", "4", "--out", b.toString()).code()).isZero();
        assertThat(files(a)).contains("report.json", "report.md", "report.png").hasSize(3 + 3)
                .anyMatch(f -> f.startsWith("worst-1-dev-"));
        for (String f : files(a)) assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        SuiteReport r = report(a);
        assertThat(r.clips()).isEqualTo(4);
        assertThat(r.frechet().name()).startsWith("FGD").contains("not FVD");
        assertThat(r.dimensions()).allSatisfy(d -> assertThat(d.lower()).isLessThanOrEqualTo(d.mean()));
        assertThat(r.byTask()).extracting(SuiteReport.Breakdown::key).contains("t2v");
        String md = Files.readString(a.resolve("report.md"));
        assertThat(md).contains("## semantic", "| dimension | mean | 95% interval | n |", "## sound", "FGD");
        assertThat(first.err()).contains("ETA");
    }

    @Test void theStillFloorIsBelowTheRealCeilingOnMotionAndSync() {
        Path real = tmp.resolve("real"), still = tmp.resolve("still"), random = tmp.resolve("random");
        assertThat(run("eval", "--suite", "dev", "--real", "--limit", "4", "--out", real.toString()).code()).isZero();
        assertThat(run("eval", "--suite", "dev", "--baseline", "still", "--limit", "4", "--out", still.toString()).code()).isZero();
        assertThat(run("eval", "--suite", "dev", "--baseline", "random", "--limit", "4", "--out", random.toString()).code()).isZero();
        assertThat(mean(report(still), "dynamic_degree")).isLessThan(mean(report(real), "dynamic_degree"));
        assertThat(mean(report(still), "action")).isLessThan(mean(report(real), "action"));
        assertThat(mean(report(random), "object_class")).isLessThan(mean(report(real), "object_class"));
        assertThat(report(random).frechet().value()).isGreaterThan(report(real).frechet().value());
    }

    @Test void anAutoencoderThatLosesThePictureLowersThePictureScores() throws IOException {
        Path ae = tmp.resolve("ae"), real = tmp.resolve("real-ae"), through = tmp.resolve("through");
        // all weights 0: every frame decodes to flat grey (random weights decode to full-range noise, which
        // openh264 refuses to encode at all)
        try (FrameAutoencoder blank = new FrameAutoencoder(AutoencoderConfig.tiny(), 3); NoGradGuard g = new NoGradGuard()) {
            blank.namedParameters().values().forEach(Tensor::zero_);
            blank.save(ae);
        }
        assertThat(run("eval", "--suite", "dev", "--real", "--limit", "3", "--out", real.toString()).code()).isZero();
        var r = run("eval", "--suite", "dev", "--real", "--through", ae.toString(), "--limit", "3", "--out", through.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(report(through).mode()).isEqualTo("real through autoencoder");
        assertThat(mean(report(through), "colour")).isLessThan(mean(report(real), "colour"));
        assertThat(mean(report(through), "scene")).isLessThan(mean(report(real), "scene"));
        assertThat(report(through).frechet().value()).isGreaterThan(report(real).frechet().value());
    }

    private static double mean(SuiteReport r, String dimension) {
        return r.dimensions().stream().filter(d -> d.name().equals(dimension)).findFirst().orElseThrow().mean();
    }

    @Test void scoresAFolderOfVideosAndASilentOneIsScoredNotRejected() throws IOException {
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        World world = new World();
        List<PromptSuite.Entry> entries = PromptSuite.load("dev").entries().subList(0, 2);
        for (int i = 0; i < entries.size(); i++) {
            Video v = world.render(entries.get(i).spec()).video();
            Mp4Writer.write(videos.resolve(entries.get(i).id() + ".mp4"), i == 0 ? new Video(v.fps(), v.frames(), null) : v, Map.of());
        }
        var r = run("eval", "--suite", "dev", "--videos", videos.toString(), "--limit", "2", "--out", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        SuiteReport report = report(tmp.resolve("out"));
        assertThat(report.results().getFirst().report().score("sound_present")).isZero();
        assertThat(report.results().getFirst().report().notes()).contains("no sound track: scored as silence");
        assertThat(report.results().get(1).report().score("sound_present")).isEqualTo(1.0);
    }

    @Test void scoresAModelThatGeneratesEveryPromptAndKeepsItsVideos() throws IOException {
        Path run = tmp.resolve("run"), out = tmp.resolve("model");
        var trained = run("train", "--preset", "micro", "--patch", "8", "--size", "64x64", "--fps", "8", "--seconds", "2", "--batch", "1",
                "--steps", "1", "--threads", "1", "--reference-share", "1", "--out", run.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        var r = run("eval", "--suite", "dev", "--model", run.toString(), "--stride", "200", "--steps", "2",
                "--audio-guidance", "2", "--sampler", "heun", "--shift", "2", "--references", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        EvalCommand.ModelCard card = Json.read(out.resolve(EvalCommand.ModelCard.FILE), EvalCommand.ModelCard.class);
        assertThat(card.references()).as("each text-to-video prompt was given its first subject").isTrue();
        assertThat(card.audioGuidance()).isEqualTo(2.0);
        assertThat(card.sampler()).isEqualTo("heun");
        assertThat(card.shift()).isEqualTo(2.0);
        assertThat(card.steps()).isEqualTo(2);
        assertThat(card.guidance()).as("the model's own default, resolved").isEqualTo(Gallop.DEFAULT_GUIDANCE);
        SuiteReport report = report(out);
        assertThat(report.clips()).isEqualTo(2);   // prompts 1 and 201
        assertThat(report.mode()).isEqualTo("model run");
        assertThat(files(out.resolve("videos"))).containsExactly("dev-0001.mp4", "dev-0201.mp4");
        List<PromptSuite.Entry> suite = PromptSuite.load("dev").entries();
        assertThat(report.results()).extracting(SuiteReport.Clip::language)
                .containsExactly(suite.get(0).language().tag, suite.get(200).language().tag);
    }

    @Test void oneLanguageOrOneTaskScoresOnlyItsPrompts() {
        assertThat(filtered("--language", "ja").results()).extracting(SuiteReport.Clip::language).containsOnly("ja");
        assertThat(filtered("--task", "i2v").results()).extracting(SuiteReport.Clip::task).containsOnly("i2v");
    }

    /** The report of the first 3 dev prompts that {@code flag value} keeps, scored on the world's own clips. */
    private SuiteReport filtered(String flag, String value) {
        Path out = tmp.resolve(value);
        var r = run("eval", "--suite", "dev", "--real", flag, value, "--limit", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        SuiteReport report = report(out);
        assertThat(report.clips()).isEqualTo(3);
        return report;
    }

    @Test void badInputIsOneLineAndExitCodeTwo() throws IOException {
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        Files.writeString(videos.resolve("dev-0001.mp4"), "not a video");
        String out = tmp.resolve("out").toString();
        List<String[]> cases = List.of(
                new String[]{"eval", "--suite", "nope", "--real", "--out", out},
                new String[]{"eval", "--suite", "dev", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--baseline", "still", "--out", out},
                new String[]{"eval", "--suite", "dev", "--baseline", "blank", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--limit", "0", "--out", out},
                new String[]{"eval", "--suite", "dev", "--videos", tmp.resolve("absent").toString(), "--out", out},
                new String[]{"eval", "--suite", "dev", "--videos", videos.toString(), "--limit", "2", "--out", out},
                new String[]{"eval", "--suite", "dev", "--videos", videos.toString(), "--limit", "1", "--out", out},
                new String[]{"eval", "--suite", "dev", "--model", tmp.resolve("absent").toString(), "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--steps", "4", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--stride", "0", "--out", out},
                new String[]{"eval", "--suite", "dev", "--model", videos.toString(), "--out", out},
                new String[]{"eval", "--suite", "dev", "--baseline", "still", "--through", videos.toString(), "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--through", videos.toString(), "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--audio-guidance", "3", "--out", out},
                new String[]{"eval", "--suite", "dev", "--model", tmp.resolve("absent").toString(), "--audio-guidance", "31", "--out", out},
                new String[]{"eval", "--suite", "dev", "--model", tmp.resolve("absent").toString(), "--sampler", "ddim", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--shift", "2", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--language", "it", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--task", "v2v", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--references", "--out", out},
                new String[]{"eval", "--suite", "dev", "--real", "--edits", "--out", out},
                new String[]{"eval", "--suite", "dev", "--model", tmp.resolve("absent").toString(), "--edits", "--references", "--out", out});
        List<String> expected = List.of("unknown prompt suite 'nope'", "give exactly one of", "give exactly one of", "--baseline 'blank' is unknown",
                "--limit 0 is out of range", "is not a folder", "missing video", "cannot read", "does not exist", "only apply with --model",
                "--stride 0 is out of range", "cannot be loaded", "--through only applies with --real", "is not an autoencoder folder",
                "--references and --edits only apply with --model", "--audio-guidance 31.0 is out of range; allowed: 0 to 30",
                "--sampler 'ddim' is not available; allowed: euler, heun, ancestral", "--references and --edits only apply with --model",
                "--language: unknown language 'it'; allowed: en, zh, yue, ja, ko, de, fr", "--task v2v is not a task; allowed: t2v or i2v", "--references and --edits only apply with --model",
                "--references and --edits only apply with --model", "--references and --edits exclude each other; allowed: one of them");
        for (int i = 0; i < cases.size(); i++) {
            var r = run(cases.get(i));
            assertThat(r.code()).as(String.join(" ", cases.get(i))).isEqualTo(GallopCli.EXIT_BAD_INPUT);
            assertThat(r.err().strip()).as(r.err()).contains(expected.get(i)).doesNotContain("\n").doesNotContain("Exception");
        }
        assertThat(run("eval", "--suite", "dev", "--videos", videos.toString(), "--limit", "2", "--out", out).err()).contains("dev-0002.mp4");
        assertThat(files(tmp.resolve("out"))).isEmpty();
        Path plain = ai.gallop.pipeline.TestModels.write(tmp.resolve("plain"));
        var noReferences = run("eval", "--suite", "dev", "--model", plain.toString(), "--references", "--out", out);
        assertThat(noReferences.code()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(noReferences.err().strip()).isEqualTo("gallop eval: --references: " + plain
                + " was not trained with reference images; allowed: a model trained with gallop train --reference-share");
        var noEdits = run("eval", "--suite", "dev", "--model", plain.toString(), "--edits", "--out", out);
        assertThat(noEdits.code()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(noEdits.err().strip()).isEqualTo("gallop eval: --edits: " + plain
                + " was not trained to edit clips; allowed: a model trained with gallop train --edit-share");
    }

    /** --edits: every prompt an edit of its recoloured world clip, scored against the prompt, with edit.json beside the report. */
    @Test void scoresAnEditingModelOnEditsOfRecolouredWorldClips() throws IOException {
        Path model = tmp.resolve("edit-run"), out = tmp.resolve("edits");
        var trained = run("train", "--preset", "micro", "--patch", "8", "--size", "64x64", "--fps", "8", "--seconds", "2", "--batch", "1",
                "--steps", "1", "--threads", "1", "--edit-share", "1", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        var r = run("eval", "--suite", "dev", "--model", model.toString(), "--edits", "--stride", "200", "--steps", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("edits: PSNR ").contains("; sound match ");
        assertThat(files(out.resolve("videos"))).containsExactly("dev-0001-source.mp4", "dev-0001.mp4", "dev-0201-source.mp4", "dev-0201.mp4");
        SuiteReport report = report(out);
        assertThat(report.results()).extracting(SuiteReport.Clip::task).containsOnly("edit");
        EditReport edits = Json.read(out.resolve(EditReport.FILE), EditReport.class);
        assertThat(edits.clips()).extracting(EditReport.Clip::id).containsExactly("dev-0001", "dev-0201");
        assertThat(edits.clips()).allSatisfy(c -> assertThat(c.instruction()).isNotBlank());
        assertThat(edits.sourcePsnr()).as("the unedited clip differs from the answer in its subjects only").isBetween(15.0, 60.0);
        assertThat(edits.psnr()).as("an untrained model's edit strays further").isLessThan(edits.sourcePsnr());
        assertThat(edits.sound()).as("a correlation").isBetween(-1.0, 1.0);
        assertThat(Json.read(out.resolve(EvalCommand.ModelCard.FILE), EvalCommand.ModelCard.class).edits()).isTrue();
    }
}
