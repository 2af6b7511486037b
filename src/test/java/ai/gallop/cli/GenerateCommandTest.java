package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.media.ContactSheet;
import ai.gallop.media.DecodedMedia;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.pipeline.TestModels;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static ai.gallop.cli.WorldCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code gallop generate} end to end, on a micro model with 8-pixel patches made in the test (32x32, 1 s clips). */
class GenerateCommandTest {
    static final String PROMPT = "a red ball bounces on a beach";

    @TempDir static Path tmp;
    static Path model;

    @BeforeAll static void makeModel() throws IOException {
        model = TestModels.write(tmp.resolve("model"));
    }

    /** generate PROMPT ARGS with the test model and 2 steps unless ARGS say otherwise. */
    static WorldCommandTest.Run generate(String prompt, String... args) {
        List<String> all = new ArrayList<>(List.of("generate", prompt, "--model", model.toString(), "--steps", "2"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Every file under a folder, hidden ones included (a leftover temporary file would show). */
    static List<String> everything(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test void theSameSeedGivesTheSameBytesTwiceAndTheFilesSayHowTheyWereMade() throws Exception {
        Path a = tmp.resolve("same-a"), b = tmp.resolve("same-b"), c = tmp.resolve("same-c");
        WorldCommandTest.Run first = generate(PROMPT, "--seed", "5", "--out", a.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(generate(PROMPT, "--seed", "5", "--out", b.toString()).code()).isZero();
        assertThat(generate(PROMPT, "--seed", "6", "--out", c.toString()).code()).isZero();
        String stem = "a-red-ball-bounces-on-a-beach-seed5";
        assertThat(everything(a)).containsExactly(stem + ".json", stem + ".mp4", stem + ".png");
        assertThat(first.out()).contains("wrote ").contains(stem + ".mp4");
        assertThat(first.err()).as("a progress bar over the steps").contains("generate [").contains("2/2");
        byte[] mp4 = Files.readAllBytes(a.resolve(stem + ".mp4"));
        assertThat(Files.readAllBytes(b.resolve(stem + ".mp4"))).as("same seed, same MP4 bytes").isEqualTo(mp4);
        assertThat(Files.readAllBytes(b.resolve(stem + ".png"))).isEqualTo(Files.readAllBytes(a.resolve(stem + ".png")));
        assertThat(Files.readAllBytes(c.resolve("a-red-ball-bounces-on-a-beach-seed6.mp4"))).as("another seed, other bytes").isNotEqualTo(mp4);

        DecodedMedia media = Mp4Reader.read(a.resolve(stem + ".mp4"));
        assertThat(media.info().videoCodec()).isEqualTo("h264");
        assertThat(media.info().audioCodec()).isEqualTo("aac");
        assertThat(media.video().frames()).hasSize(9);
        assertThat(media.video().width()).isEqualTo(32);
        String sha = ai.gallop.pipeline.Gallop.sha256(model.resolve("model.safetensors"));
        assertThat(media.info().tags()).containsEntry("model_sha256", sha).containsEntry("seed", "5").containsEntry("prompt", PROMPT)
                .containsEntry("sampler", "euler").containsKey("generator");
        assertThat(media.info().tags().get("generator")).contains("gallop-micro8");

        JsonNode json = Json.MAPPER.readTree(a.resolve(stem + ".json").toFile());
        assertThat(json.path("prompt").asText()).isEqualTo(PROMPT);
        assertThat(json.path("seed").asLong()).isEqualTo(5);
        assertThat(json.path("model").path("sha256").asText()).isEqualTo(sha);
        assertThat(json.path("model").has("autoencoder_sha256")).as("a pixel model has no autoencoder").isFalse();
        assertThat(json.path("sampler").asText()).isEqualTo("euler");
        assertThat(json.path("steps").asInt()).isEqualTo(2);
        assertThat(json.path("guidance").asDouble()).isEqualTo(9.0);
        assertThat(json.path("spec").path("shots").size()).isEqualTo(1);
        assertThat(json.path("ignored_words").size()).isZero();
        assertThat(json.path("unread_text").size()).as("the prompt fits the caption").isZero();
        for (String stage : List.of("read prompt", "encode prompt", "prepare noise", "denoise", "decode", "mux", "contact sheet", "total"))
            assertThat(json.path("timings_seconds").has(stage)).as(stage).isTrue();
        RgbFrame sheet = Png.read(a.resolve(stem + ".png"));
        assertThat(sheet.width()).isGreaterThan(96);
    }

    @Test void countMakesOneClipPerSeedEachAsItsSeedAloneMakesIt() throws Exception {
        Path many = tmp.resolve("count"), named = tmp.resolve("count-named"), alone = tmp.resolve("count-alone");
        WorldCommandTest.Run r = generate(PROMPT, "--seed", "5", "--count", "3", "--out", many.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String stem = "a-red-ball-bounces-on-a-beach-seed";
        assertThat(everything(many)).containsExactly(stem + "5.json", stem + "5.mp4", stem + "5.png", stem + "6.json", stem + "6.mp4",
                stem + "6.png", stem + "7.json", stem + "7.mp4", stem + "7.png");
        assertThat(r.out().lines().filter(l -> l.startsWith("wrote "))).hasSize(3);
        assertThat(r.err()).as("a bar per clip").contains("clip 1/3 [").contains("clip 3/3 [");
        assertThat(generate(PROMPT, "--seed", "6", "--out", alone.toString()).code()).isZero();
        assertThat(Files.readAllBytes(many.resolve(stem + "6.mp4"))).as("the second clip is seed 6's own")
                .isEqualTo(Files.readAllBytes(alone.resolve(stem + "6.mp4")));
        assertThat(Json.MAPPER.readTree(many.resolve(stem + "7.json").toFile()).path("seed").asLong()).isEqualTo(7);
        assertThat(generate(PROMPT, "--count", "2", "--name", "take", "--out", named.toString()).code()).isZero();
        assertThat(everything(named)).containsExactly("take-seed0.json", "take-seed0.mp4", "take-seed0.png", "take-seed1.json",
                "take-seed1.mp4", "take-seed1.png");
    }

    @Test void aPromptFileMakesEveryPromptsClipsAsEachAloneMakesThem() throws Exception {
        Path file = tmp.resolve("prompts.txt"), many = tmp.resolve("prompts"), alone = tmp.resolve("prompts-alone");
        String bird = "a blue bird flies over the snow";
        Files.writeString(file, "# a red ball, then a bird\n" + PROMPT + "\n\n  " + bird + "  \n");
        WorldCommandTest.Run r = run("generate", "--prompts", file.toString(), "--model", model.toString(), "--steps", "2", "--seed", "3",
                "--count", "2", "--out", many.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String ball = "002-a-red-ball-bounces-on-a-beach-seed", flight = "004-a-blue-bird-flies-over-the-snow-seed";
        assertThat(everything(many)).containsExactly(ball + "3.json", ball + "3.mp4", ball + "3.png", ball + "4.json", ball + "4.mp4",
                ball + "4.png", flight + "3.json", flight + "3.mp4", flight + "3.png", flight + "4.json", flight + "4.mp4", flight + "4.png");
        assertThat(r.err()).as("one count over every prompt's clips").contains("clip 1/4 [").contains("clip 4/4 [");
        JsonNode made = Json.MAPPER.readTree(many.resolve(flight + "4.json").toFile());
        assertThat(made.path("prompt").asText()).isEqualTo(bird);
        assertThat(made.path("prompts_file").asText()).isEqualTo(file.toString());
        assertThat(made.path("prompts_line").asInt()).isEqualTo(4);
        assertThat(made.path("files").has("gif")).as("no --gif, no GIF named").isFalse();
        assertThat(generate(bird, "--seed", "4", "--out", alone.toString()).code()).isZero();
        assertThat(Json.MAPPER.readTree(alone.resolve("a-blue-bird-flies-over-the-snow-seed4.json").toFile()).has("prompts_file"))
                .as("a prompt from the command line names no file").isFalse();
        assertThat(Files.readAllBytes(many.resolve(flight + "4.mp4"))).as("the second prompt's second clip is that prompt's seed 4 alone")
                .isEqualTo(Files.readAllBytes(alone.resolve("a-blue-bird-flies-over-the-snow-seed4.mp4")));
        assertThat(Files.readAllBytes(many.resolve(flight + "4.png"))).as("its contact sheet too, prompt included")
                .isEqualTo(Files.readAllBytes(alone.resolve("a-blue-bird-flies-over-the-snow-seed4.png")));

        Path comments = tmp.resolve("comments.txt"), many51 = tmp.resolve("many51.txt"), latin1 = tmp.resolve("latin1.txt"), longLine = tmp.resolve("long.txt");
        Files.writeString(comments, "# nothing yet\n\n");
        Files.writeString(many51, (PROMPT + "\n").repeat(51));
        Files.write(latin1, new byte[]{'a', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        Files.writeString(longLine, PROMPT + "\n" + "x".repeat(5001) + "\n");
        String base = "gallop generate: --prompts ";
        record Refusal(List<String> args, String message) {}
        List<Refusal> refusals = List.of(
                new Refusal(List.of(PROMPT, "--prompts", file.toString()), "gallop generate: --prompts and a PROMPT exclude each other; give one"),
                new Refusal(List.of("--prompts", file.toString(), "--name", "take"),
                        base.replace("--prompts ", "") + "--prompts names each clip after its line, prompt and seed; allowed: without --name"),
                new Refusal(List.of("--prompts", tmp.resolve("missing.txt").toString()),
                        base + tmp.resolve("missing.txt") + " does not exist; allowed: a UTF-8 text file of at most 4 MB, one prompt a line"),
                new Refusal(List.of("--prompts", comments.toString()),
                        base + comments + " has no prompts; allowed: one prompt a line (blank lines and lines starting with # are skipped)"),
                new Refusal(List.of("--prompts", many51.toString(), "--count", "2"),
                        base + many51 + " has 51 prompts, 102 clips with --count 2; allowed: at most 100 clips a command"),
                new Refusal(List.of("--prompts", longLine.toString()), base + longLine + " line 2 has 5001 characters; allowed: at most 5000 a prompt"),
                new Refusal(List.of("--prompts", latin1.toString()), null));
        for (Refusal refusal : refusals) {
            Path out = tmp.resolve("bad-prompts-" + refusals.indexOf(refusal));
            List<String> args = new ArrayList<>(List.of("generate"));
            args.addAll(refusal.args());
            args.addAll(List.of("--model", model.toString(), "--out", out.toString()));
            WorldCommandTest.Run bad = run(args.toArray(String[]::new));
            assertThat(bad.code()).as("%s: %s", refusal.args(), bad.err()).isEqualTo(2);
            if (refusal.message() != null) assertThat(bad.err().strip()).isEqualTo(refusal.message());
            else assertThat(bad.err().strip()).startsWith(base + latin1 + " is not readable UTF-8 text (").endsWith("one prompt a line").doesNotContain("\n");
            assertThat(everything(out)).as("%s leaves no files", refusal.args()).isEmpty();
        }
    }

    @Test void imageToVideoKeepsTheGivenFirstFrame() throws Exception {
        List<RgbFrame> world = new World().render(new World().sample(3, new VideoFormat(32, 32, 8, 9))).video().frames();
        Path image = tmp.resolve("first.png");
        Png.write(image, world.getFirst());
        Path out = tmp.resolve("i2v");
        WorldCommandTest.Run r = generate(PROMPT, "--image", image.toString(), "--seed", "2", "--out", out.toString(), "--name", "clip");
        assertThat(r.code()).as(r.err()).isZero();
        List<RgbFrame> frames = Mp4Reader.read(out.resolve("clip.mp4")).video().frames();
        assertThat(psnr(frames.getFirst(), world.getFirst())).as("first frame PSNR").isGreaterThanOrEqualTo(30);
        assertThat(psnr(frames.get(4), world.getFirst())).as("the metric drops on a frame the model made").isLessThan(30);
        assertThat(Json.MAPPER.readTree(out.resolve("clip.json").toFile()).path("mode").asText()).isEqualTo("image-to-video");
        // the contact sheet shows the given first frame above the frames, beside frame 0 made from it
        ContactSheet.Layout layout = ContactSheet.layout(Mp4Reader.read(out.resolve("clip.mp4")).video(), PROMPT, 1);
        RgbFrame sheet = Png.read(out.resolve("clip.png"));
        assertThat(sheet.height()).isEqualTo(layout.height());
        assertThat(sheet.get(layout.cellX(0) + layout.cellWidth() - 1, layout.givenCellY(0) + layout.cellHeight() - 1)).isEqualTo(world.getFirst().get(31, 31));
    }

    /** --ref takes a picture of any size, cropped and scaled to the clip's, for a model trained with references. */
    @Test void referenceToVideoTakesAPictureOfTheSubject() throws Exception {
        Path withReferences = TestModels.write(tmp.resolve("model-ref"));
        Files.writeString(withReferences.resolve("trainer.json"), TestModels.TRAINER_JSON_WITH_REFERENCES);
        Path picture = tmp.resolve("subject.png");
        RgbFrame big = RgbFrame.blank(96, 64);
        for (int y = 16; y < 48; y++) for (int x = 32; x < 64; x++) big.set(x, y, 0xDC1E1E);
        Png.write(picture, big);
        Path out = tmp.resolve("r2v");
        WorldCommandTest.Run r = run("generate", PROMPT, "--model", withReferences.toString(), "--steps", "2", "--ref", picture.toString(),
                "--out", out.toString(), "--name", "clip");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.resolve("clip.json").toFile());
        assertThat(json.path("mode").asText()).isEqualTo("reference-to-video");
        assertThat(json.path("references").get(0).asText()).isEqualTo(picture.toString());
        assertThat(Mp4Reader.read(out.resolve("clip.mp4")).info().tags()).containsEntry("reference_images", "1");
        // the contact sheet shows the picture it was given (cropped to the clip's square) above the frames
        ContactSheet.Layout layout = ContactSheet.layout(Mp4Reader.read(out.resolve("clip.mp4")).video(), PROMPT, 1);
        RgbFrame sheet = Png.read(out.resolve("clip.png"));
        assertThat(sheet.height()).isEqualTo(layout.height());
        assertThat(sheet.get(layout.cellX(0) + layout.cellWidth() / 2, layout.givenCellY(0) + layout.cellHeight() / 2)).isEqualTo(0xDC1E1E);
        WorldCommandTest.Run plain = generate(PROMPT, "--ref", picture.toString(), "--out", tmp.resolve("r2v-plain").toString());
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.err().strip()).startsWith("gallop generate: reference images: gallop-micro8 was not trained with reference images; allowed:");
    }

    static double psnr(RgbFrame a, RgbFrame b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            double d = (a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF);
            sum += d * d;
        }
        double mse = sum / a.rgb().length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    @Test void everyBadValueGivesOneLineAndExitCode2AndNoFiles() throws Exception {
        Path notPng = tmp.resolve("not.png");
        Files.writeString(notPng, "hello");
        Path big = tmp.resolve("big.png");
        Png.write(big, RgbFrame.blank(64, 64));
        Path aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "x");
        List<List<String>> bad = List.of(
                List.of("--steps", "0"), List.of("--steps", "1001"), List.of("--steps", "many"),
                List.of("--guidance", "-1"), List.of("--guidance", "31"), List.of("--guidance", "NaN"), List.of("--audio-guidance", "99"),
                List.of("--guidance-smoothing", "1.5"), List.of("--guidance-smoothing", "-0.1"),
                List.of("--sampler", "ddim"), List.of("--camera-control", "dolly"), List.of("--shift", "0"), List.of("--shift", "101"),
                List.of("--seconds", "0.5"), List.of("--seconds", "16"), List.of("--fps", "7"), List.of("--fps", "25"),
                List.of("--fps", "9"), List.of("--size", "36x36"), List.of("--size", "34x34"), List.of("--size", "33x33"),
                List.of("--size", "64x32"), List.of("--size", "big"), List.of("--size", "512x512"), List.of("--ratio", "2:1"),
                List.of("--size", "32x32", "--ratio", "1:1"), List.of("--seed", "-1"), List.of("--seed", "99999999999"),
                List.of("--count", "0"), List.of("--count", "101"), List.of("--seed", String.valueOf(Integer.MAX_VALUE), "--count", "2"),
                List.of("--image", tmp.resolve("missing.png").toString()), List.of("--image", notPng.toString()),
                List.of("--image", big.toString(), "--size", "32x32"), List.of("--ref", big.toString()),
                List.of("--ref", tmp.resolve("missing.png").toString()), List.of("--ref", notPng.toString()),
                List.of("--video", tmp.resolve("in.mp4").toString(), "--edit", "make the ball blue"), List.of("--extend", tmp.resolve("in.mp4").toString()),
                List.of("--extend", notPng.toString()), List.of("--extend", notPng.toString(), "--image", big.toString()),
                List.of("--name", "../escape"), List.of("--name", ".hidden"), List.of("--model", tmp.resolve("no-model").toString()),
                List.of("--frobnicate"), List.of("--negative", "x".repeat(5001)));
        for (int i = 0; i < bad.size(); i++) {
            Path out = tmp.resolve("bad-" + i);
            List<String> args = new ArrayList<>(bad.get(i));
            args.addAll(List.of("--out", out.toString()));
            WorldCommandTest.Run r = generate(PROMPT, args.toArray(String[]::new));
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING:")).toList();
            assertThat(r.code()).as("%s: %s", bad.get(i), r.err()).isEqualTo(2);
            assertThat(lines).as("%s: one line", bad.get(i)).hasSize(1);
            assertThat(lines.getFirst()).as("%s", bad.get(i)).containsAnyOf("allowed", "give one", "see: gallop generate --help");
            assertThat(everything(out)).as("%s leaves no files", bad.get(i)).isEmpty();
        }
        WorldCommandTest.Run blank = generate("  ", "--out", tmp.resolve("bad-blank").toString());
        assertThat(blank.code()).isEqualTo(2);
        assertThat(blank.err().strip()).isEqualTo("gallop generate: the prompt is empty; describe the video to generate, e.g. \"a red ball bounces on a beach\"");
        WorldCommandTest.Run onFile = generate(PROMPT, "--out", aFile.toString());
        assertThat(onFile.code()).isEqualTo(2);
        assertThat(onFile.err().strip()).isEqualTo("gallop generate: --out " + aFile + " is a file; allowed: a folder (created if missing)");
        WorldCommandTest.Run patches = generate(PROMPT, "--size", "36x36", "--out", tmp.resolve("bad-x").toString());
        assertThat(patches.err()).contains("does not fit gallop-micro8's 8-pixel patches; allowed: sides divisible by 8")
                .contains("was trained at 32x32, 8 fps, 1 s");
    }

    /**
     * generate ARGS with the test model and an observer made for the command (which may cancel it); the exit code and
     * what went to System.err, where the cancel message goes.
     */
    private static WorldCommandTest.Run generateObserved(java.util.function.Function<GenerateCommand, ai.gallop.ProgressListener> observer,
                                                         String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = GallopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        GenerateCommand command = cl.getSubcommands().get("generate").getCommand();
        command.observer = observer.apply(command);
        List<String> all = new ArrayList<>(List.of("generate", PROMPT, "--model", model.toString()));
        all.addAll(List.of(args));
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream sysErr = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(sysErr, true));
        try {
            return new WorldCommandTest.Run(cl.execute(all.toArray(String[]::new)), out.toString(), sysErr.toString());
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test void aCancelledGenerationStopsWithinOneStepAndLeavesNoFile() throws Exception {
        List<Integer> heard = new ArrayList<>();
        Path dir = tmp.resolve("cancelled");
        WorldCommandTest.Run r = generateObserved(command -> (stage, done, total) -> {
            heard.add(done);
            if (done == 2) command.cancellation.cancel();
        }, "--steps", "20", "--sampler", "heun", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(GenerateCommand.EXIT_CANCELLED);
        assertThat(heard).containsExactly(1, 2);
        assertThat(r.err()).contains("gallop generate: cancelled; no files written");
        assertThat(everything(dir)).isEmpty();
    }

    @Test void aCancelWhileSeveralClipsAreMadeKeepsTheFinishedOnesWhole() throws Exception {
        int[] firstSteps = {0};
        Path dir = tmp.resolve("cancelled-count");
        WorldCommandTest.Run r = generateObserved(command -> (stage, done, total) -> {
            if (ai.gallop.diffusion.Sampler.STAGE.equals(stage) && done == 1 && ++firstSteps[0] == 2) command.cancellation.cancel();
        }, "--steps", "4", "--count", "3", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(GenerateCommand.EXIT_CANCELLED);
        assertThat(r.err()).contains("gallop generate: cancelled; 1 of 3 clips written, the one under way was not");
        String stem = "a-red-ball-bounces-on-a-beach-seed0";
        assertThat(everything(dir)).containsExactly(stem + ".json", stem + ".mp4", stem + ".png");
    }

    @Test void aTwoShotPromptGivesACutAndIgnoredWordsAndTextAreReported() throws Exception {
        SceneSpec spec = new SpecSampler(s -> true, 1.0).sample(4, new VideoFormat(32, 32, 8, 17));
        String prompt = new World().caption(spec, Language.FR);
        Path out = tmp.resolve("two-shots");
        WorldCommandTest.Run r = generate(prompt, "--seconds", "2", "--out", out.toString(), "--name", "cut");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.resolve("cut.json").toFile());
        assertThat(json.path("shots").size()).isEqualTo(2);
        assertThat(json.path("spec").path("cutFrame").asInt()).isEqualTo(8);
        assertThat(json.path("unread_text").has("caption of shot 1")).as("each shot's caption is read on its own, and cut on its own").isTrue();
        assertThat(json.path("unread_text").has("prompt")).isFalse();
        assertThat(Mp4Reader.read(out.resolve("cut.mp4")).video().frames()).hasSize(17);

        Path odd = tmp.resolve("unknown");
        WorldCommandTest.Run u = generate("a red ball bounces on a glorptastic beach", "--out", odd.toString(), "--name", "u");
        assertThat(u.code()).as(u.err()).isZero();
        assertThat(u.out()).contains("ignored words: glorptastic");
        JsonNode unknown = Json.MAPPER.readTree(odd.resolve("u.json").toFile());
        assertThat(unknown.path("ignored_words").get(0).asText()).isEqualTo("glorptastic");
        assertThat(unknown.path("unread_text").size()).as("41 bytes fit the test model's 46").isZero();

        Path cut = tmp.resolve("long");
        WorldCommandTest.Run longPrompt = generate("a red ball bounces on a beach and a blue ball bounces on a beach", "--out", cut.toString(), "--name", "lp");
        assertThat(longPrompt.code()).as(longPrompt.err()).isZero();
        assertThat(longPrompt.out()).contains("ignored the end of the prompt, past the 46 UTF-8 bytes gallop-micro8 reads of a caption: \"bounces on a beach\"");
        assertThat(Json.MAPPER.readTree(cut.resolve("lp.json").toFile()).path("unread_text").path("prompt").asText()).isEqualTo("bounces on a beach");

        WorldCommandTest.Run n = generate("a red ball bounces", "--negative", "blurry", "--guidance", "1", "--out", tmp.resolve("negative").toString(), "--name", "n");
        assertThat(n.code()).as(n.err()).isZero();
        assertThat(n.out()).contains("ignored negative prompt: guidance 1 runs no unconditional pass; give --guidance above 1 to use it");
        assertThat(n.out()).doesNotContain("ignored the end");

        WorldCommandTest.Run longNegative = generate("a red ball bounces", "--negative", "blurry, dark and noisy footage of a desert at night",
                "--guidance", "3", "--out", tmp.resolve("long-negative").toString(), "--name", "ln");
        assertThat(longNegative.code()).as(longNegative.err()).isZero();
        assertThat(longNegative.out()).contains("ignored the end of the negative prompt, past the 46 UTF-8 bytes gallop-micro8 reads of a caption: \"night\"")
                .doesNotContain("end of the prompt");
    }

    @Test void watermarkSizeRatioSamplerAndNoAudioOptionsReachTheFile() throws Exception {
        Path out = tmp.resolve("options");
        WorldCommandTest.Run r = generate(PROMPT, "--watermark", "--no-audio", "--ratio", "16:9", "--sampler", "heun", "--shift", "2",
                "--guidance", "5", "--audio-guidance", "1.5", "--guidance-smoothing", "0.5", "--negative", "blurry", "--fps", "12",
                "--out", out.toString(), "--name", "o", "--gif");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("guidance 5 uses the negative prompt").doesNotContain("ignored negative prompt")
                .contains("o.json and " + out.resolve("o.gif"));
        javax.imageio.ImageReader gif = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(out.resolve("o.gif").toFile())) {
            gif.setInput(in);
            assertThat(gif.getNumImages(true)).as("every frame of the clip").isEqualTo(13);
            assertThat(gif.getWidth(0)).as("56x32 scaled by 5 to reach 256").isEqualTo(280);
            assertThat(gif.getHeight(0)).isEqualTo(160);
        } finally {
            gif.dispose();
        }
        DecodedMedia media = Mp4Reader.read(out.resolve("o.mp4"));
        assertThat(media.info().hasSound()).isFalse();
        assertThat(media.video().width()).isEqualTo(56);
        assertThat(media.video().height()).isEqualTo(32);
        assertThat(media.video().frames()).hasSize(13);
        assertThat(media.info().tags()).containsKey("watermark").containsEntry("sampler", "heun").containsEntry("shift", "2.0")
                .containsEntry("guidance", "5.0").containsEntry("audio_guidance", "1.5").containsEntry("negative_prompt", "blurry")
                .containsEntry("guidance_smoothing", "0.5");
        JsonNode json = Json.MAPPER.readTree(out.resolve("o.json").toFile());
        assertThat(json.path("files").path("gif").asText()).isEqualTo("o.gif");
        assertThat(json.path("timings_seconds").path("gif").asDouble()).as("the GIF's time, counted in the total").isPositive()
                .isLessThan(json.path("timings_seconds").path("total").asDouble());
        assertThat(json.path("guidance_smoothing").asDouble()).isEqualTo(0.5);
        assertThat(json.path("watermark").asBoolean()).isTrue();
        assertThat(json.path("sound").asBoolean()).isFalse();
        assertThat(json.path("format").path("fps").asInt()).isEqualTo(12);
    }

    @Test void aReframedCameraMoveIsRecordedInTheFileAndItsJson() throws Exception {
        Path out = tmp.resolve("camera");
        String pan = "A red ball stands still in a meadow. The camera pans left.";
        assertThat(generate(pan, "--out", out.toString(), "--name", "reframed").code()).isZero();
        assertThat(generate(pan, "--camera-control", "model", "--out", out.toString(), "--name", "drawn").code()).isZero();
        assertThat(Mp4Reader.read(out.resolve("reframed.mp4")).info().tags()).containsEntry("camera_control", "reframe");
        assertThat(Json.MAPPER.readTree(out.resolve("reframed.json").toFile()).path("camera_control").asText()).isEqualTo("reframe");
        assertThat(Mp4Reader.read(out.resolve("drawn.mp4")).info().tags()).doesNotContainKey("camera_control");
        assertThat(Json.MAPPER.readTree(out.resolve("drawn.json").toFile()).has("camera_control")).isFalse();

        Path image = tmp.resolve("camera-first.png");
        Png.write(image, new World().render(new World().sample(3, new VideoFormat(32, 32, 8, 9))).video().frames().getFirst());
        WorldCommandTest.Run fromImage = generate(pan, "--image", image.toString(), "--out", out.toString(), "--name", "pan-from-image");
        assertThat(fromImage.code()).as(fromImage.err()).isZero();
        assertThat(fromImage.out()).contains("camera: the pan or zoom out is left to the model; reframing it would change the first frame (--image)");
        assertThat(Mp4Reader.read(out.resolve("pan-from-image.mp4")).info().tags()).doesNotContainKey("camera_control");
        WorldCommandTest.Run zoom = generate("A red ball stands still in a meadow. The camera zooms in.", "--image", image.toString(),
                "--out", out.toString(), "--name", "zoom-from-image");
        assertThat(zoom.out()).doesNotContain("camera:");
        assertThat(Mp4Reader.read(out.resolve("zoom-from-image.mp4")).info().tags()).containsEntry("camera_control", "reframe");
    }

    @Test void extendContinuesAClipFromItsLastFrames() throws Exception {
        Path out = tmp.resolve("extend");
        assertThat(generate(PROMPT, "--seed", "3", "--out", out.toString(), "--name", "start").code()).isZero();
        WorldCommandTest.Run r = generate(PROMPT, "--extend", out.resolve("start.mp4").toString(), "--seconds", "2", "--out", out.toString(),
                "--name", "longer");
        assertThat(r.code()).as(r.err()).isZero();
        List<RgbFrame> start = Mp4Reader.read(out.resolve("start.mp4")).video().frames();
        DecodedMedia longer = Mp4Reader.read(out.resolve("longer.mp4"));
        assertThat(longer.video().frames()).as("9 frames and 2 more seconds").hasSize(9 + 16);
        assertThat(longer.info().hasSound()).isTrue();
        for (int k = 0; k < start.size(); k++)
            assertThat(psnr(longer.video().frames().get(k), start.get(k))).as("frame %d of the input", k).isGreaterThanOrEqualTo(30);
        assertThat(longer.info().tags()).containsEntry("mode", "extend");
        JsonNode json = Json.MAPPER.readTree(out.resolve("longer.json").toFile());
        assertThat(json.path("mode").asText()).isEqualTo("extend");
        assertThat(json.path("extended_frames").asInt()).isEqualTo(9);
    }

    /**
     * --video IN.mp4 --edit TEXT edits a clip with a model trained to edit: the files say so, the contact sheet shows the
     * clip's frames above the result's; without --model the edit model is looked for, and every misuse is one line.
     */
    @Test void editChangesAClipAsTheInstructionSays() throws Exception {
        Path withEdits = TestModels.write(tmp.resolve("model-edit"));
        Files.writeString(withEdits.resolve("trainer.json"), TestModels.TRAINER_JSON_WITH_EDITS);
        Path out = tmp.resolve("edit");
        assertThat(generate(PROMPT, "--seed", "3", "--out", out.toString(), "--name", "source").code()).isZero();
        Path source = out.resolve("source.mp4");
        WorldCommandTest.Run r = run("generate", "--video", source.toString(), "--edit", "make the ball blue", "--model", withEdits.toString(),
                "--steps", "2", "--out", out.toString(), "--name", "edited");
        assertThat(r.code()).as(r.err()).isZero();
        DecodedMedia edited = Mp4Reader.read(out.resolve("edited.mp4"));
        List<RgbFrame> before = Mp4Reader.read(source).video().frames();
        assertThat(edited.video().frames()).as("the clip's length").hasSize(before.size());
        assertThat(edited.info().tags()).containsEntry("mode", "edit").containsEntry("prompt", "make the ball blue");
        JsonNode json = Json.MAPPER.readTree(out.resolve("edited.json").toFile());
        assertThat(json.path("mode").asText()).isEqualTo("edit");
        assertThat(json.path("edited").asText()).isEqualTo(source.toString());
        // the sheet shows the clip's frames (S0, S1, ...) above the result's
        ContactSheet.Layout layout = ContactSheet.layout(edited.video(), "make the ball blue", before.size());
        RgbFrame sheet = Png.read(out.resolve("edited.png"));
        assertThat(sheet.height()).isEqualTo(layout.height());
        int cell = 4, x = 11, y = 5;
        assertThat(sheet.get(layout.cellX(cell) + x * layout.scale(), layout.givenCellY(cell) + y * layout.scale())).isEqualTo(before.get(cell).get(x, y));

        WorldCommandTest.Run untrained = run("generate", "--video", source.toString(), "--edit", "make the ball blue", "--model", model.toString(),
                "--out", tmp.resolve("edit-bad-0").toString());
        assertThat(untrained.code()).isEqualTo(2);
        assertThat(untrained.err().strip()).startsWith("gallop generate: a clip to edit: gallop-micro8 at " + model + " was not trained to edit clips; allowed:");
        Path notMp4 = tmp.resolve("not.mp4");
        Files.writeString(notMp4, "hello");
        Path frame = tmp.resolve("frame.png");
        Png.write(frame, before.getFirst());
        List<List<String>> bad = List.of(
                List.of("generate", "--edit", "make the ball blue"),
                List.of("generate", PROMPT, "--video", source.toString()),
                List.of("generate", PROMPT, "--video", source.toString(), "--edit", "make the ball blue"),
                List.of("generate", "--video", tmp.resolve("missing.mp4").toString(), "--edit", "make the ball blue"),
                List.of("generate", "--video", notMp4.toString(), "--edit", "make the ball blue"),
                List.of("generate", "--video", source.toString(), "--edit", "make the ball blue", "--image", frame.toString()),
                List.of("generate", "--video", source.toString(), "--edit", "make the ball blue", "--extend", source.toString()),
                List.of("generate", "--video", source.toString(), "--edit", "make the ball blue", "--seconds", "2"),
                List.of("generate", "--video", source.toString(), "--edit", " "));
        for (int i = 0; i < bad.size(); i++) {
            Path badOut = tmp.resolve("edit-bad-" + (i + 1));
            List<String> args = new ArrayList<>(bad.get(i));
            args.addAll(List.of("--model", withEdits.toString(), "--out", badOut.toString()));
            WorldCommandTest.Run b = run(args.toArray(String[]::new));
            List<String> lines = b.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING:")).toList();
            assertThat(b.code()).as("%s: %s", bad.get(i), b.err()).isEqualTo(2);
            assertThat(lines).as("%s: one line", bad.get(i)).hasSize(1);
            assertThat(lines.getFirst()).as("%s", bad.get(i)).contains("allowed");
            assertThat(everything(badOut)).as("%s leaves no files", bad.get(i)).isEmpty();
        }
    }

    @Test void theDefaultModelIsFoundFromTheGallopFolderWhateverTheWorkingFolder() throws Exception {
        Path home = tmp.resolve("home");
        String old = System.getProperty("gallop.home");
        try {
            System.setProperty("gallop.home", home.toString());
            WorldCommandTest.Run missing = run("generate", PROMPT, "--out", tmp.resolve("home-out").toString());
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err().strip()).startsWith("gallop generate: no model at models/gallop-tiny (looked in " + home.resolve("models/gallop-tiny") + ")")
                    .doesNotContain("\n");
            TestModels.write(home.resolve("models/gallop-tiny"));
            WorldCommandTest.Run found = run("generate", PROMPT, "--steps", "1", "--out", tmp.resolve("home-out").toString(), "--name", "h");
            assertThat(found.code()).as(found.err()).isZero();
            assertThat(tmp.resolve("home-out/h.mp4")).exists();
            WorldCommandTest.Run noEditModel = run("generate", "--video", tmp.resolve("home-out/h.mp4").toString(), "--edit", "make the ball blue",
                    "--out", tmp.resolve("home-out").toString());
            assertThat(noEditModel.err().strip()).as("an edit looks for the edit model")
                    .startsWith("gallop generate: no model at models/gallop-tiny-edit (looked in " + home.resolve("models/gallop-tiny-edit") + ")");
            Path editModel = TestModels.write(home.resolve("models/gallop-tiny-edit"));
            Files.writeString(editModel.resolve("trainer.json"), TestModels.TRAINER_JSON_WITH_EDITS);
            WorldCommandTest.Run edited = run("generate", "--video", tmp.resolve("home-out/h.mp4").toString(), "--edit", "make the ball blue",
                    "--steps", "1", "--out", tmp.resolve("home-out").toString(), "--name", "e");
            assertThat(edited.code()).as(edited.err()).isZero();
            assertThat(tmp.resolve("home-out/e.mp4")).exists();
        } finally {
            if (old == null) System.clearProperty("gallop.home");
            else System.setProperty("gallop.home", old);
        }
    }
}
