package ai.gallop.train;

import ai.gallop.Json;
import ai.gallop.cli.GallopCli;
import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.pipeline.Gallop;
import ai.gallop.world.Vocabulary.Language;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static int run(StringWriter err, String... args) {
        return GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    /** One micro training step on 32x32 x 1 s clips with the extra flags; the options its checkpoint stored. */
    private static TrainOptions trainOneStep(Path out, String... extra) throws Exception {
        String[] base = {"train", "--preset", "micro", "--out", out.toString(), "--size", "32x32", "--seconds", "1", "--steps", "1",
                "--batch", "1", "--checkpoint-every", "1"};
        StringWriter err = new StringWriter();
        assertThat(run(err, concat(base, extra))).as(err.toString()).isZero();
        return TrainerState.read(out.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options();
    }

    /** A micro train run with the flags that must be refused: asserts exit 2 and returns its one-line message. */
    private static String refusal(Path out, String... flags) {
        StringWriter err = new StringWriter();
        assertThat(run(err, concat(new String[]{"train", "--preset", "micro", "--out", out.toString()}, flags)))
                .as(err.toString()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        return err.toString().strip();
    }

    @Test
    void trainsResumesAndRefusesAnotherPresetInOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("run").toString();
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--preset", "micro", "--out", out, "--size", "32x32", "--seconds", "1", "--steps", "2",
                "--batch", "1", "--checkpoint-every", "2", "--threads", "1")).as(err.toString()).isZero();
        assertThat(Files.isDirectory(Path.of(out, "checkpoints", "step-00000002"))).isTrue();
        // resuming takes every setting from the checkpoint; only the step budget changes
        assertThat(run(err, "train", "--out", out, "--steps", "3", "--resume")).as(err.toString()).isZero();
        assertThat(Files.readAllLines(Path.of(out, "metrics.jsonl"))).hasSize(3);
        StringWriter refused = new StringWriter();
        assertThat(run(refused, "train", "--out", out, "--preset", "tiny")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(refused.toString().strip()).startsWith("gallop train: checkpoint ").contains("was trained with model 'micro'")
                .doesNotContain("\n");
        StringWriter none = new StringWriter();
        assertThat(run(none, "train", "--out", dir.resolve("empty").toString(), "--resume")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(none.toString()).contains("no checkpoint in");
    }

    private static double learningRate(Path run, int line) throws Exception {
        return Json.MAPPER.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(line)).path("learningRate").asDouble();
    }

    @Test
    void stopAtEndsTheRunWithACheckpointAndTheScheduleOfItsStepsAndTheRunContinuesToTheSameBytes(@TempDir Path dir) throws Exception {
        String[] run = {"train", "--preset", "micro", "--size", "32x32", "--seconds", "1", "--steps", "4", "--batch", "1", "--checkpoint-every", "3",
                "--threads", "1", "--seed", "5"};
        Path whole = dir.resolve("whole"), halted = dir.resolve("halted");
        StringWriter err = new StringWriter();
        assertThat(run(err, concat(run, new String[]{"--out", whole.toString()}))).as(err.toString()).isZero();
        assertThat(run(err, concat(run, new String[]{"--out", halted.toString(), "--stop-at", "2"}))).as(err.toString()).isZero();
        assertThat(Files.readAllLines(halted.resolve("metrics.jsonl"))).as("two steps, then a checkpoint off the 3-step rhythm").hasSize(2);
        assertThat(halted.resolve("checkpoints").resolve("step-00000002")).isDirectory();
        assertThat(learningRate(halted, 1)).as("step 2 of a 4-step schedule, not of a 2-step one").isEqualTo(learningRate(whole, 1));
        assertThat(run(err, concat(run, new String[]{"--out", halted.toString(), "--stop-at", "2"}))).as("already there").isZero();
        assertThat(Files.readAllLines(halted.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(run(err, "train", "--out", halted.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(halted.resolve("checkpoints").resolve("step-00000004").resolve("model.safetensors")))
                .as("stopping at 2 and going on gives the uninterrupted run's weights")
                .isEqualTo(Files.readAllBytes(whole.resolve("checkpoints").resolve("step-00000004").resolve("model.safetensors")));
        assertThat(refusal(dir.resolve("bad"), "--steps", "4", "--stop-at", "5"))
                .isEqualTo("gallop train: --stop-at 5 is out of range; allowed: 1 to the run's --steps (4)");
    }

    @Test
    void theCommandThatStartedARunFromAnInitResumesItAndAnotherInitIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        trainOneStep(dir.resolve("start"), "--threads", "1");
        trainOneStep(dir.resolve("other"), "--threads", "1", "--seed", "2");
        Path start = dir.resolve("start").resolve("checkpoints").resolve("step-00000001");
        Path other = dir.resolve("other").resolve("checkpoints").resolve("step-00000001");
        Path warm = dir.resolve("warm");
        String[] command = {"train", "--preset", "micro", "--init", start.toString(), "--out", warm.toString(), "--size", "32x32", "--seconds", "1",
                "--steps", "2", "--batch", "1", "--checkpoint-every", "1", "--threads", "1"};
        StringWriter err = new StringWriter();
        assertThat(run(err, concat(command, new String[]{"--stop-at", "1"}))).as(err.toString()).isZero();
        assertThat(TrainerState.read(warm.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).init())
                .as("kept with the run").isEqualTo(start.toAbsolutePath().normalize().toString());
        assertThat(run(err, command)).as("the same command resumes: %s", err).isZero();
        assertThat(warm.resolve("checkpoints").resolve("step-00000002")).isDirectory();
        assertThat(TrainerState.read(warm.resolve("checkpoints").resolve("step-00000002").resolve(TrainerState.FILE)).init())
                .as("and still kept after the resume").isEqualTo(start.toAbsolutePath().normalize().toString());
        assertThat(refusal(warm, "--init", other.toString(), "--size", "32x32", "--seconds", "1", "--steps", "3", "--batch", "1"))
                .isEqualTo("gallop train: --init " + other + " is not what the run in " + warm + " started from (" + start.toAbsolutePath().normalize()
                        + "); allowed: the same --init or none to resume it, or a new --out folder");
        assertThat(refusal(dir.resolve("start"), "--init", other.toString(), "--size", "32x32", "--seconds", "1", "--steps", "3", "--batch", "1"))
                .as("a run that started from random weights").isEqualTo("gallop train: --init " + other + " is not what the run in "
                        + dir.resolve("start") + " started from (not kept, or none); allowed: the same --init or none to resume it, or a new --out folder");
    }

    @Test
    void aWarmStartWithoutPresetTakesTheShapeAndTheAutoencoderOfItsInitAndTheStartingCommandResumesIt(@TempDir Path dir) throws Exception {
        trainOneStep(dir.resolve("reshaped"), "--threads", "1", "--width", "96", "--layers", "1+2+1");
        Path reshaped = dir.resolve("reshaped").resolve("checkpoints").resolve("step-00000001");
        StringWriter err = new StringWriter();
        String[] warm = {"train", "--size", "32x32", "--seconds", "1", "--steps", "1", "--batch", "1", "--threads", "1"};
        assertThat(run(err, concat(warm, "--init", reshaped.toString(), "--out", dir.resolve("warm").toString()))).as(err.toString()).isZero();
        ModelConfig taken = TrainerState.read(dir.resolve("warm").resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options().model();
        assertThat(taken).as("no --preset, --width or --layers repeated").isEqualTo(ModelConfig.read(reshaped.resolve("config.json")));
        assertThat(refusal(dir.resolve("asked"), "--init", reshaped.toString(), "--size", "32x32", "--seconds", "1", "--threads", "1"))
                .as("--preset still asks for the preset's shape").startsWith("gallop train: --init " + reshaped + " holds model micro-96w3h1+2+1 (width 96");

        String ae = dir.resolve("ae").toString();
        assertThat(run(err, "train-autoencoder", "--out", ae, "--latent", "16", "--width", "16", "--levels", "2", "--size", "32", "--batch", "4",
                "--steps", "2", "--checkpoint-every", "1", "--threads", "1")).as(err.toString()).isZero();
        Path autoencoder = Path.of(ae, "checkpoints", "step-00000001");
        Path another = Path.of(ae, "checkpoints", "step-00000002");
        Path latentRun = dir.resolve("latent");
        String[] latent = {"train", "--preset", "micro", "--autoencoder", autoencoder.toString(), "--out", latentRun.toString(), "--size", "32x32",
                "--seconds", "1", "--steps", "2", "--batch", "1", "--checkpoint-every", "1", "--threads", "1"};
        assertThat(run(err, concat(latent, "--stop-at", "1"))).as(err.toString()).isZero();
        assertThat(run(err, latent)).as("the command that started a latent run resumes it: %s", err).isZero();
        Path latentModel = latentRun.resolve("checkpoints").resolve("step-00000002");
        assertThat(TrainerState.read(latentModel.resolve(TrainerState.FILE)).autoencoder()).isEqualTo(autoencoder.toAbsolutePath().normalize().toString());
        assertThat(refusal(latentRun, "--autoencoder", another.toString(), "--size", "32x32", "--seconds", "1", "--steps", "3", "--batch", "1"))
                .isEqualTo("gallop train: --autoencoder " + another + " is not what the run in " + latentRun + " started from ("
                        + autoencoder.toAbsolutePath().normalize() + "); allowed: the same --autoencoder or none to resume it, or a new --out folder");

        assertThat(run(err, concat(warm, "--init", latentModel.toString(), "--out", dir.resolve("warm-latent").toString())))
                .as("a latent init without --autoencoder: %s", err).isZero();
        ModelConfig latentTaken = TrainerState.read(dir.resolve("warm-latent").resolve("checkpoints").resolve("step-00000001")
                .resolve(TrainerState.FILE)).options().model();
        assertThat(latentTaken.latent()).isTrue();
        assertThat(latentTaken).isEqualTo(ModelConfig.read(latentModel.resolve("config.json")));
    }

    @Test
    void textWordsSetsTheWordTableAndZeroTrainsOnBytesOnly(@TempDir Path dir) throws Exception {
        for (String rows : new String[]{"0", "64"}) {
            ModelConfig model = trainOneStep(dir.resolve("run" + rows), "--threads", "1", "--text-words", rows).model();
            assertThat(model.textWordBuckets()).isEqualTo(Integer.parseInt(rows));
            assertThat(model.textInputNorm()).isEqualTo(!rows.equals("0"));
        }
        assertThat(refusal(dir.resolve("bad"), "--text-words", "1"))
                .isEqualTo("gallop train: textWordBuckets 1 is out of range; allowed: 0 (none) or 2 to 1048576");
    }

    @Test
    void widthHeadsAndLayersReshapeThePresetAreStoredAndABadShapeOrAnotherOnResumeIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("wide");
        ModelConfig model = trainOneStep(run, "--threads", "1", "--width", "128", "--layers", "1+2+1").model();
        assertThat(model.width()).isEqualTo(128);
        assertThat(model.heads()).as("micro's 32-wide heads kept").isEqualTo(4);
        assertThat(model.layers()).isEqualTo(4);
        assertThat(model.isSpecific(0)).isTrue();
        assertThat(model.isSpecific(1)).isFalse();
        assertThat(model.isSpecific(3)).isTrue();
        assertThat(model.name()).isEqualTo("micro-128w4h1+2+1");
        try (AudioVideoTransformer built = new AudioVideoTransformer(model, 1)) {
            assertThat(built.parameterCount()).isEqualTo(model.parameterCount()).isGreaterThan(ModelConfig.micro().parameterCount());
        }
        assertThat(trainOneStep(dir.resolve("heads"), "--threads", "1", "--heads", "4").model().headDim()).isEqualTo(16);

        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", run.toString(), "--steps", "2", "--width", "128", "--layers", "1+2+1"))
                .as("the same shape again resumes: " + err).isZero();
        assertThat(run(err, "train", "--out", run.toString(), "--width", "64")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).startsWith("gallop train: checkpoint ").contains("was trained with model").doesNotContain("\n");
        assertThat(refusal(dir.resolve("bad"), "--layers", "2+4+3"))
                .isEqualTo("gallop train: --layers '2+4+3' is not K+S+K; allowed: the same count of modality-specific layers at both ends "
                        + "around the shared ones, e.g. 2+4+2");
        assertThat(refusal(dir.resolve("bad"), "--width", "72"))
                .isEqualTo("gallop train: --width/--heads/--layers: head dimension 36 is not supported; allowed: a multiple of 8, at least 16");
        assertThat(refusal(dir.resolve("bad"), "--heads", "3"))
                .isEqualTo("gallop train: --width/--heads/--layers: heads 3 does not divide width 64; allowed: a divisor of the width");
    }

    @Test
    void languagesNarrowTheCaptionsOfWorldClipsAndAnUnknownTagIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("en"), "--threads", "1", "--languages", "EN,de");
        assertThat(stored.languages()).containsExactly("en", "de");
        DataOrder order = new DataOrder(stored.seed(), stored.captionLanguages());
        Set<Language> drawn = new TreeSet<>(), drawnFromAll = new TreeSet<>();
        DataOrder all = new DataOrder(stored.seed());
        for (int step = 0; step < 200; step++) {
            drawn.add(order.language(step, 0));
            drawnFromAll.add(all.language(step, 0));
        }
        assertThat(drawn).containsExactly(Language.EN, Language.DE);
        assertThat(drawnFromAll).as("without --languages all 7 are drawn").containsExactly(Language.values());
        assertThat(refusal(dir.resolve("bad"), "--languages", "en,xx"))
                .isEqualTo("gallop train: unknown language 'xx'; allowed: en, zh, yue, ja, ko, de, fr");
    }

    @Test
    void anAnchorShareIsStoredWithTheRunAndAnOutOfRangeOneIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("run"), "--threads", "1", "--anchor-share", "0.25");
        assertThat(stored.anchorShare()).isEqualTo(0.25);
        assertThat(stored.timesteps().anchorShare()).isEqualTo(0.25);
        assertThat(refusal(dir.resolve("bad"), "--anchor-share", "1.5"))
                .isEqualTo("gallop train: --anchor-share 1.5 is out of range; allowed: 0 to 1");
    }

    @Test
    void anExtendShareIsStoredWithTheRunBesideTheOtherConditionsAndRefusedOutOfRange(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("run"), "--threads", "1", "--extend-share", "0.4");
        assertThat(stored.conditions()).isEqualTo(new ConditionDropout(0.1, 0.1, 0.25, 0.4, 0, 0.1, 0));
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").conditions()).isEqualTo(ConditionDropout.standard());
        assertThat(refusal(dir.resolve("bad"), "--extend-share", "0.8"))
                .isEqualTo("gallop train: --extend-share 0.8 is out of range; allowed: 0 to 0.75 (the rest of the clips are text-to-video or image-to-video examples)");
    }

    @Test
    void aRunWithoutTheOptionalTermsStoresNoneOfThem(@TempDir Path dir) throws Exception {
        TrainOptions plain = trainOneStep(dir.resolve("plain"), "--threads", "1");
        assertThat(List.of(plain.anchorShare(), plain.simpleShare(), plain.temporalWeight(), plain.contrastiveWeight(),
                plain.recolourWeight(), plain.recolourFromTime(), plain.reverseWeight())).containsOnly(0.0);
        assertThat(plain.contrastiveByTime()).isFalse();
        assertThat(plain.distill()).isNull();
        assertThat(plain.model().frameNoiseShare()).isZero();
    }

    @Test
    void aFrameNoiseShareIsStoredWithTheModelKeptOnResumeAndRefusedOutOfRange(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertThat(trainOneStep(out, "--threads", "1", "--frame-noise-share", "0.5").model().frameNoiseShare()).isEqualTo(0.5);
        // the model folder a checkpoint is sampled from carries it, so generation draws the noise the model was trained on
        assertThat(ModelConfig.read(out.resolve("checkpoints").resolve("step-00000001").resolve("config.json")).frameNoiseShare()).isEqualTo(0.5);
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", out.toString(), "--steps", "2", "--resume")).as(err.toString()).isZero();
        assertThat(TrainerState.read(out.resolve("checkpoints").resolve("step-00000002").resolve(TrainerState.FILE)).options().model()
                .frameNoiseShare()).isEqualTo(0.5);
        // a model is tuned on another share from its own weights
        assertThat(trainOneStep(dir.resolve("tuned"), "--threads", "1", "--init", out.resolve("checkpoints").resolve("step-00000002").toString(),
                "--frame-noise-share", "0.2").model().frameNoiseShare()).isEqualTo(0.2);
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", out.resolve("checkpoints").resolve("step-00000002").toString())
                .model().frameNoiseShare()).as("without the flag a warm start keeps the noise it was trained on").isEqualTo(0.5);
        assertThat(refusal(dir.resolve("bad"), "--frame-noise-share", "1"))
                .isEqualTo("gallop train: --frame-noise-share 1.0 is out of range; allowed: 0 (independent noise per frame) to 0.95");
    }

    @Test
    void cameraNoiseIsStoredWithTheModelKeptByAWarmStartAndRefusedWithoutAShare(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertThat(trainOneStep(out, "--threads", "1", "--frame-noise-share", "0.5", "--camera-noise").model().cameraNoise()).isTrue();
        Path checkpoint = out.resolve("checkpoints").resolve("step-00000001");
        assertThat(ModelConfig.read(checkpoint.resolve("config.json")).cameraNoise()).as("generation reads it from the model folder").isTrue();
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", checkpoint.toString()).model().cameraNoise())
                .as("a warm start keeps the noise its model learned").isTrue();
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").model().cameraNoise()).as("off for a new model").isFalse();
        assertThat(refusal(dir.resolve("bad"), "--camera-noise")).isEqualTo("gallop train: --camera-noise needs a frame noise share to move, "
                + "and this model has none; allowed: add --frame-noise-share S with S above 0");
    }

    @Test
    void cameraPositionsAreStoredWithTheModelAndKeptByAWarmStart(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertThat(trainOneStep(out, "--threads", "1", "--camera-positions").model().cameraPositions()).isTrue();
        Path checkpoint = out.resolve("checkpoints").resolve("step-00000001");
        assertThat(ModelConfig.read(checkpoint.resolve("config.json")).cameraPositions()).as("generation reads it from the model folder").isTrue();
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", checkpoint.toString()).model().cameraPositions())
                .as("a warm start keeps the positions its model learned").isTrue();
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").model().cameraPositions()).as("off for a new model").isFalse();
    }

    @Test
    void theWordSplitByScriptIsStoredWithTheModelAndKeptByAWarmStartAndAResume(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain"), split = dir.resolve("split");
        assertThat(trainOneStep(plain, "--threads", "1").model().textWordScripts()).as("off for a new model").isFalse();
        Path start = plain.resolve("checkpoints").resolve("step-00000001");
        assertThat(trainOneStep(split, "--threads", "1", "--init", start.toString(), "--text-word-scripts").model().textWordScripts()).isTrue();
        Path splitCheckpoint = split.resolve("checkpoints").resolve("step-00000001");
        assertThat(ModelConfig.read(splitCheckpoint.resolve("config.json")).textWordScripts()).as("generation reads it from the model folder").isTrue();
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", splitCheckpoint.toString()).model().textWordScripts())
                .as("a warm start keeps the words its model learned").isTrue();
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", split.toString(), "--steps", "2", "--resume")).as(err.toString()).isZero();
        assertThat(TrainerState.read(split.resolve("checkpoints").resolve("step-00000002").resolve(TrainerState.FILE)).options().model()
                .textWordScripts()).isTrue();
    }

    @Test
    void captionBytesAreStoredWithTheModelKeptByAWarmStartAndAResumeAndRefusedOutOfRange(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain"), longer = dir.resolve("longer");
        assertThat(trainOneStep(plain, "--threads", "1").model().maxTextTokens()).as("the preset's")
                .isEqualTo(ModelConfig.preset("micro").maxTextTokens());
        Path start = plain.resolve("checkpoints").resolve("step-00000001");
        assertThat(trainOneStep(longer, "--threads", "1", "--init", start.toString(), "--caption-bytes", "510").model().maxTextTokens())
                .isEqualTo(512);
        Path longerCheckpoint = longer.resolve("checkpoints").resolve("step-00000001");
        assertThat(ModelConfig.read(longerCheckpoint.resolve("config.json")).textTokeniser().encode("x".repeat(600)))
                .as("generation cuts captions where training did").hasSize(512);
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", longerCheckpoint.toString()).model().maxTextTokens())
                .as("a warm start keeps the captions its model read").isEqualTo(512);
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", longer.toString(), "--steps", "2", "--resume")).as(err.toString()).isZero();
        assertThat(TrainerState.read(longer.resolve("checkpoints").resolve("step-00000002").resolve(TrainerState.FILE)).options().model()
                .maxTextTokens()).isEqualTo(512);
        assertThat(refusal(dir.resolve("bad"), "--caption-bytes", "0"))
                .isEqualTo("gallop train: --caption-bytes 0 is out of range; allowed: 1 to 8190");
    }

    @Test
    void aSimpleShareIsStoredWithTheRunAndRefusedOutOfRangeOrWithFootage(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("run"), "--threads", "1", "--simple-share", "0.5").simpleShare()).isEqualTo(0.5);
        assertThat(refusal(dir.resolve("bad"), "--simple-share", "-0.1"))
                .isEqualTo("gallop train: --simple-share -0.1 is out of range; allowed: 0 to 1");
        Files.createDirectories(dir.resolve("footage"));
        assertThat(refusal(dir.resolve("own"), "--simple-share", "0.5", "--data", dir.resolve("footage").toString()))
                .isEqualTo("gallop train: --simple-share draws world scenes; it does not apply to --data footage");
    }

    @Test
    void twinChangesAndTimesAreStoredWithTheRunAndRefusedUnknownOrWithoutPairsLeavingNoFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--preset", "micro", "--out", out.toString(), "--size", "32x32", "--seconds", "1", "--steps", "1",
                "--batch", "2", "--checkpoint-every", "1", "--threads", "1", "--twin-pairs", "1", "--twin-changes", "scene,colour", "--twin-times", "0.5,1")).as(err.toString()).isZero();
        TrainOptions stored = TrainerState.read(out.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options();
        assertThat(stored.twinChanges()).containsExactly(TwinChange.COLOUR, TwinChange.SCENE);
        assertThat(stored.pairTimes()).isEqualTo(new ai.gallop.diffusion.TimeRange(0.5, 1));
        assertThat(refusal(dir.resolve("bad"), "--twin-pairs", "1", "--batch", "2", "--twin-times", "0.9,0.3"))
                .isEqualTo("gallop train: --twin-times 0.9,0.3 is out of range; allowed: FROM,TO with 0 <= FROM < TO <= 1");
        assertThat(refusal(dir.resolve("bad"), "--twin-pairs", "1", "--batch", "2", "--twin-times", "0.3"))
                .isEqualTo("gallop train: --twin-times takes two times, FROM,TO; got 1");
        assertThat(refusal(dir.resolve("bad"), "--twin-pairs", "1", "--batch", "2", "--twin-changes", "size"))
                .isEqualTo("gallop train: twin change 'size' is unknown; allowed: colour, scene, kind");
        assertThat(refusal(dir.resolve("alone"), "--twin-changes", "scene"))
                .isEqualTo("gallop train: --twin-changes needs pairs; allowed: with --twin-pairs above 0");
        assertThat(dir.resolve("bad")).as("a refused run leaves no folder behind").doesNotExist();
        assertThat(dir.resolve("alone")).doesNotExist();
    }

    @Test
    void aRecolourWeightIsStoredWithTheRunAndRefusedWithFootageOrATeacher(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("run"), "--threads", "1", "--recolour-weight", "0.3", "--recolour-from-time", "0.6");
        assertThat(List.of(stored.recolourWeight(), stored.recolourFromTime())).containsExactly(0.3, 0.6);
        assertThat(refusal(dir.resolve("alone"), "--recolour-from-time", "0.6"))
                .isEqualTo("gallop train: --recolour-from-time needs a recolour term; allowed: with --recolour-weight above 0");
        assertThat(refusal(dir.resolve("bad"), "--recolour-weight", "-0.1"))
                .isEqualTo("gallop train: --recolour-weight -0.1 is out of range; allowed: 0 (off) to below 1");
        assertThat(refusedWithFootageAndATeacher(dir, "--recolour-weight", "0.3")).containsExactly(
                "gallop train: --recolour-weight repaints world scenes; it does not apply to --data footage",
                "gallop train: --recolour-weight needs the clips' own targets; it does not apply with --distill-from");
    }

    /** FLAG VALUE with --data footage and with a --distill-from teacher (the run in DIR/run): the two refusals. */
    private static List<String> refusedWithFootageAndATeacher(Path dir, String flag, String value) throws IOException {
        Files.createDirectories(dir.resolve("footage"));
        return List.of(refusal(dir.resolve("own"), flag, value, "--data", dir.resolve("footage").toString()),
                refusal(dir.resolve("taught"), flag, value, "--distill-from", dir.resolve("run").toString()));
    }

    @Test
    void aReferenceShareIsStoredWithTheRunAndMakesItsCheckpointsTakeAReference(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("run"), "--threads", "1", "--reference-share", "1", "--reference-text-drop", "0.5");
        assertThat(stored.conditions().referenceRate()).isEqualTo(1.0);
        assertThat(stored.conditions().referenceTextDrop()).isEqualTo(0.5);
        try (Gallop gallop = Gallop.load(dir.resolve("run"))) {
            assertThat(gallop.capabilities().references()).as("generation reads it from trainer.json").isTrue();
        }
        assertThat(refusal(dir.resolve("bad"), "--reference-share", "1.5"))
                .isEqualTo("gallop train: --reference-share 1.5 is out of range; allowed: 0 to 1");
        assertThat(refusal(dir.resolve("bad-drop"), "--reference-text-drop", "-1"))
                .isEqualTo("gallop train: --reference-text-drop -1.0 is out of range; allowed: 0 to 1");
        assertThat(refusedWithFootageAndATeacher(dir, "--reference-share", "0.5")).containsExactly(
                "gallop train: --reference-share shows the world's subjects; it does not apply to --data footage",
                "gallop train: --reference-share needs the clips' own targets; it does not apply with --distill-from");
    }

    @Test
    void anEditShareIsStoredWithTheRunAndMakesItsCheckpointsEdit(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("run"), "--threads", "1", "--edit-share", "1").conditions().editRate()).isEqualTo(1.0);
        try (Gallop gallop = Gallop.load(dir.resolve("run"))) {
            assertThat(gallop.capabilities().edit()).as("generation reads it from trainer.json").isTrue();
        }
        assertThat(refusal(dir.resolve("bad"), "--edit-share", "2")).isEqualTo("gallop train: --edit-share 2.0 is out of range; allowed: 0 to 1");
        assertThat(refusedWithFootageAndATeacher(dir, "--edit-share", "0.5")).containsExactly(
                "gallop train: --edit-share repaints world scenes; it does not apply to --data footage",
                "gallop train: --edit-share needs the clips' own targets; it does not apply with --distill-from");
    }

    @Test
    void aSourceSkipIsStoredWithTheModelKeptByAnInitAndRefusedWithoutEditsOrOnARunUnderWay(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").model().sourceSkip()).as("off for a new model").isFalse();
        Path plain = dir.resolve("plain").resolve("checkpoints").resolve("step-00000001");
        assertThat(trainOneStep(dir.resolve("grown"), "--threads", "1", "--init", plain.toString(), "--edit-share", "1", "--source-skip")
                .model().sourceSkip()).as("a model without the skip grows one").isTrue();
        Path grown = dir.resolve("grown").resolve("checkpoints").resolve("step-00000001");
        assertThat(ModelConfig.read(grown.resolve("config.json")).sourceSkip()).as("generation reads it from the model folder").isTrue();
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", grown.toString()).model().sourceSkip())
                .as("kept by a warm start, with or without edit steps").isTrue();
        assertThat(refusal(dir.resolve("bad"), "--source-skip"))
                .isEqualTo("gallop train: --source-skip without edit steps adds weights nothing trains; allowed: with --edit-share F above 0");
        assertThat(refusal(dir.resolve("plain"), "--steps", "2", "--edit-share", "1", "--source-skip")).isEqualTo("gallop train: --source-skip "
                + "adds weights, which a run under way cannot take; allowed: a new run that starts from its checkpoint (--init DIR --out NEW)");
    }

    @Test
    void melBandsAreStoredWithTheModelGiveAnInitNewSoundProjectionsAndAreRefusedOutOfRangeOrOnARunUnderWay(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").model().melBands()).as("waveform tokens for a new model").isZero();
        Path plain = dir.resolve("plain").resolve("checkpoints").resolve("step-00000001");
        assertThat(trainOneStep(dir.resolve("mel"), "--threads", "1", "--init", plain.toString(), "--mel-bands", "16").model().melBands()).isEqualTo(16);
        Path mel = dir.resolve("mel").resolve("checkpoints").resolve("step-00000001");
        try (PointerScope scope = new PointerScope();
             AudioVideoTransformer before = AudioVideoTransformer.load(plain); AudioVideoTransformer after = AudioVideoTransformer.load(mel)) {
            assertThat(after.config().melBands()).as("generation reads it from the model folder").isEqualTo(16);
            assertThat(after.namedParameters().get("audio.in.weight").shape()).containsExactly(64, 8 * 16);
            assertThat(after.namedParameters().get("audio.out.weight").shape()).containsExactly(8 * 16, 64);
            // one step at a 1e-3 warm-up rate moves every weight a little; the kept ones stay near where they were
            Tensor kept = before.namedParameters().get("video.in.weight"), moved = after.namedParameters().get("video.in.weight");
            assertThat(moved.sub(kept).abs().max().item_double()).as("the picture's weights are kept").isLessThan(0.01);
        }
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", mel.toString()).model().melBands())
                .as("kept by a warm start").isEqualTo(16);
        assertThat(trainOneStep(dir.resolve("back"), "--threads", "1", "--init", mel.toString(), "--mel-bands", "0").model().melBands())
                .as("and undone by one").isZero();
        assertThat(refusal(dir.resolve("bad"), "--mel-bands", "4")).isEqualTo("gallop train: --mel-bands 4: log-mel bands 4 is out of range; allowed: 8 to 129 (the bins of a 256-sample window)");
        assertThat(refusal(dir.resolve("plain"), "--steps", "2", "--mel-bands", "16")).isEqualTo("gallop train: --mel-bands 16 changes the "
                + "sound tokens of a run under way (0); allowed: the run's own, or a new run that starts from its checkpoint (--init DIR --out NEW)");
    }

    @Test
    void aSemanticWeightGrowsTheHeadTrainsItAndIsRefusedWithFootageOutOfRangeOrOnARunUnderWay(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("run"), "--threads", "1", "--semantic-weight", "0.5");
        assertThat(stored.semanticWeight()).isEqualTo(0.5);
        assertThat(stored.model().semanticLabels()).as("a new model grows the head").isEqualTo(SemanticTargets.LABELS);
        double uniform = (Math.log(8) + Math.log(11) + Math.log(11) + Math.log(6)) / 4;  // the head starts at zero: an even guess
        assertThat(MetricsLog.read(dir.resolve("run").resolve(MetricsLog.FILE)).getFirst().semanticLoss()).as("logged on its own")
                .isCloseTo(uniform, org.assertj.core.data.Offset.offset(1e-4));
        StepMetrics first = MetricsLog.read(dir.resolve("run").resolve(MetricsLog.FILE)).getFirst();
        assertThat(first.loss()).as("the loss column stays the x0 fit").isCloseTo(first.videoLoss() + stored.audioWeight() * first.audioLoss(),
                org.assertj.core.data.Offset.offset(1e-6));
        Path step = dir.resolve("run").resolve("checkpoints").resolve("step-00000001");
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = AudioVideoTransformer.load(step)) {
            assertThat(model.namedParameters().get("semantic.weight").abs().max().item_double()).as("one step moved the head off zero").isPositive();
        }
        assertThat(trainOneStep(dir.resolve("kept"), "--threads", "1", "--init", step.toString()).model().semanticLabels())
                .as("kept by a warm start, with or without the weight").isEqualTo(SemanticTargets.LABELS);
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").model().semanticLabels()).as("none otherwise").isZero();
        assertThat(refusal(dir.resolve("bad"), "--semantic-weight", "11"))
                .isEqualTo("gallop train: --semantic-weight 11.0 is out of range; allowed: 0 (off) to 10");
        Files.createDirectories(dir.resolve("footage"));
        assertThat(refusal(dir.resolve("own"), "--semantic-weight", "0.5", "--data", dir.resolve("footage").toString()))
                .isEqualTo("gallop train: --semantic-weight needs the world's label maps; it does not apply to --data footage");
        assertThat(refusal(dir.resolve("plain"), "--steps", "2", "--semantic-weight", "0.5")).isEqualTo("gallop train: --semantic-weight "
                + "adds a head, which a run under way cannot take; allowed: a new run that starts from its checkpoint (--init DIR --out NEW)");
    }

    @Test
    void anAudioWeightIsStoredWithTheRunKeptOnResumeAndRefusedBelowZero(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("plain"), "--threads", "1").audioWeight()).as("the default").isEqualTo(0.5);
        Path out = dir.resolve("run");
        assertThat(trainOneStep(out, "--threads", "1", "--audio-weight", "0.1").audioWeight()).isEqualTo(0.1);
        StepMetrics first = MetricsLog.read(out.resolve(MetricsLog.FILE)).getFirst();
        assertThat(first.loss()).as("the loss adds the sound at that weight").isCloseTo(first.videoLoss() + 0.1 * first.audioLoss(),
                org.assertj.core.data.Offset.offset(1e-6));
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", out.toString(), "--steps", "2", "--resume")).as(err.toString()).isZero();
        assertThat(TrainerState.read(out.resolve("checkpoints").resolve("step-00000002").resolve(TrainerState.FILE)).options().audioWeight())
                .as("a resumed run keeps its weight").isEqualTo(0.1);
        StepMetrics second = MetricsLog.read(out.resolve(MetricsLog.FILE)).get(1);
        assertThat(second.loss()).isCloseTo(second.videoLoss() + 0.1 * second.audioLoss(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(refusal(dir.resolve("bad"), "--audio-weight", "-1")).isEqualTo("gallop train: audio weight -1.0 is out of range; allowed: 0 or more");
    }

    @Test
    void aReverseWeightIsStoredWithTheRunAndRefusedOutOfRangeOrWithATeacher(@TempDir Path dir) throws Exception {
        assertThat(trainOneStep(dir.resolve("run"), "--threads", "1", "--reverse-weight", "0.3").reverseWeight()).isEqualTo(0.3);
        assertThat(refusal(dir.resolve("bad"), "--reverse-weight", "1"))
                .isEqualTo("gallop train: --reverse-weight 1.0 is out of range; allowed: 0 (off) to below 1");
        assertThat(refusal(dir.resolve("taught"), "--reverse-weight", "0.3", "--distill-from", dir.resolve("run").toString()))
                .isEqualTo("gallop train: --reverse-weight needs the clips' own targets; it does not apply with --distill-from");
    }

    @Test
    void withoutThreadsARunLeavesOneCoreToTheClipRenderer(@TempDir Path dir) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(trainOneStep(dir.resolve("run")).threads()).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void aMissingFootageFolderAndOutOfRangeLossWeightsAreRefusedInOneLine(@TempDir Path dir) {
        assertThat(refusal(dir.resolve("a"), "--size", "32x32", "--seconds", "1", "--data", dir.resolve("nothing").toString()))
                .startsWith("gallop train: footage folder ").contains("does not exist; allowed:").doesNotContain("\n");
        assertThat(refusal(dir.resolve("b"), "--subject-weight", "500"))
                .isEqualTo("gallop train: subject weight 500.0 is out of range; allowed: 0 (off) to 100");
        assertThat(refusal(dir.resolve("c"), "--min-weight-time", "0"))
                .isEqualTo("gallop train: --min-weight-time 0.0 is out of range; allowed: above 0, at most 1");
    }

    @Test
    void trainAutoencoderTrainsResumesAndRefusesBadShapesInOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("ae").toString();
        StringWriter err = new StringWriter();
        String[] small = {"train-autoencoder", "--out", out, "--latent", "16", "--width", "16", "--levels", "2", "--size", "32", "--batch", "8",
                "--checkpoint-every", "2", "--threads", "1"};
        assertThat(run(err, concat(small, "--steps", "2"))).as(err.toString()).isZero();
        assertThat(Files.isRegularFile(Path.of(out, "checkpoints", "step-00000002", "autoencoder.safetensors"))).isTrue();
        assertThat(run(err, "train-autoencoder", "--out", out, "--steps", "3", "--checkpoint-every", "3")).as(err.toString()).isZero();
        assertThat(AutoencoderTrainer.readSteps(Path.of(out, AutoencoderTrainer.METRICS_FILE))).hasSize(3);
        Files.delete(Path.of(out, AutoencoderPictures.SHEET_FILE));
        assertThat(run(err, "train-autoencoder", "--out", out, "--steps", "3")).as("a finished run redraws its pictures").isZero();
        assertThat(Files.isRegularFile(Path.of(out, AutoencoderPictures.SHEET_FILE))).isTrue();
        assertThat(AutoencoderTrainer.readQuality(Path.of(out, AutoencoderTrainer.EVAL_FILE))).extracting(AutoencoderTrainer.Quality::step)
                .containsExactly(2, 3);
        StringWriter refused = new StringWriter();
        assertThat(run(refused, "train-autoencoder", "--out", out, "--lr", "0.5")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(refused.toString().strip()).startsWith("gallop train-autoencoder: checkpoint ").contains("was trained with other settings")
                .doesNotContain("\n");
        StringWriter shape = new StringWriter();
        assertThat(run(shape, "train-autoencoder", "--out", dir.resolve("b").toString(), "--latent", "8")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(shape.toString().strip()).isEqualTo("gallop train-autoencoder: autoencoder 'tiny' (latent 8, width 32) has partial channel blocks;"
                + " allowed: latent channels and width in multiples of 16");
        // the decoder-only fine-tune: from the first run's autoencoder, its shape taken from there
        String decoder = dir.resolve("decoder").toString();
        assertThat(run(err, "train-autoencoder", "--out", decoder, "--init", Path.of(out, "checkpoints", "step-00000003").toString(),
                "--decoder-only", "--size", "32", "--batch", "8", "--steps", "1", "--threads", "1")).as(err.toString()).isZero();
        assertThat(Files.isRegularFile(Path.of(decoder, "checkpoints", "step-00000001", "autoencoder.safetensors"))).isTrue();
        assertThat(run(err, "train-autoencoder", "--out", decoder, "--decoder-only", "--steps", "2"))
                .as("a resumed decoder-only run keeps its --init: %s", err).isZero();
        assertThat(Files.isRegularFile(Path.of(decoder, "checkpoints", "step-00000002", "autoencoder.safetensors"))).isTrue();
        StringWriter noInit = new StringWriter();
        assertThat(run(noInit, "train-autoencoder", "--out", dir.resolve("d").toString(), "--decoder-only")).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(noInit.toString().strip()).isEqualTo("gallop train-autoencoder: --decoder-only keeps a trained encoder but no --init was given;"
                + " allowed: --init DIR with --decoder-only");
        StringWriter badInit = new StringWriter();
        assertThat(run(badInit, "train-autoencoder", "--out", dir.resolve("e").toString(), "--init", dir.toString(), "--decoder-only"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(badInit.toString().strip()).isEqualTo("gallop train-autoencoder: --init " + dir + " has no autoencoder.json;"
                + " allowed: a model folder or an autoencoder checkpoint");
        assertThat(refusal(dir.resolve("c"), "--autoencoder", dir.toString()))
                .startsWith("gallop train: --autoencoder ").contains("is not an autoencoder folder; allowed:");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
