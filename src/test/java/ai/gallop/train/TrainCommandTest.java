package ai.gallop.train;

import ai.gallop.cli.GallopCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void textWordsSetsTheWordTableAndZeroTrainsOnBytesOnly(@TempDir Path dir) throws Exception {
        for (String rows : new String[]{"0", "64"}) {
            ai.gallop.model.ModelConfig model = trainOneStep(dir.resolve("run" + rows), "--threads", "1", "--text-words", rows).model();
            assertThat(model.textWordBuckets()).isEqualTo(Integer.parseInt(rows));
            assertThat(model.textInputNorm()).isEqualTo(!rows.equals("0"));
        }
        StringWriter bad = new StringWriter();
        assertThat(run(bad, "train", "--preset", "micro", "--out", dir.resolve("bad").toString(), "--text-words", "1"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(bad.toString().strip()).isEqualTo("gallop train: textWordBuckets 1 is out of range; allowed: 0 (none) or 2 to 1048576");
    }

    @Test
    void languagesNarrowTheCaptionsOfWorldClipsAndAnUnknownTagIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        TrainOptions stored = trainOneStep(dir.resolve("en"), "--threads", "1", "--languages", "EN,de");
        assertThat(stored.languages()).containsExactly("en", "de");
        DataOrder order = new DataOrder(stored.seed(), stored.captionLanguages());
        java.util.Set<ai.gallop.world.Vocabulary.Language> drawn = new java.util.TreeSet<>();
        for (int step = 0; step < 200; step++) drawn.add(order.language(step, 0));
        assertThat(drawn).containsExactly(ai.gallop.world.Vocabulary.Language.EN, ai.gallop.world.Vocabulary.Language.DE);
        DataOrder all = new DataOrder(stored.seed());
        for (int step = 0; step < 200; step++) drawn.add(all.language(step, 0));
        assertThat(drawn).as("without --languages all 7 are drawn").hasSize(7);
        StringWriter bad = new StringWriter();
        assertThat(run(bad, "train", "--preset", "micro", "--out", dir.resolve("bad").toString(), "--languages", "en,xx"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(bad.toString().strip()).isEqualTo("gallop train: unknown language 'xx'; allowed: en, zh, yue, ja, ko, de, fr");
    }

    @Test
    void withoutThreadsARunLeavesOneCoreToTheClipRenderer(@TempDir Path dir) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(trainOneStep(dir.resolve("run")).threads()).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void aMissingFootageFolderAndOutOfRangeLossWeightsAreRefusedInOneLine(@TempDir Path dir) {
        StringWriter missing = new StringWriter();
        assertThat(run(missing, "train", "--preset", "micro", "--out", dir.resolve("a").toString(), "--size", "32x32", "--seconds", "1",
                "--data", dir.resolve("nothing").toString())).isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(missing.toString().strip()).startsWith("gallop train: footage folder ").contains("does not exist; allowed:").doesNotContain("\n");
        StringWriter weight = new StringWriter();
        assertThat(run(weight, "train", "--preset", "micro", "--out", dir.resolve("b").toString(), "--subject-weight", "500"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(weight.toString().strip()).isEqualTo("gallop train: subject weight 500.0 is out of range; allowed: 0 (off) to 100");
        StringWriter floor = new StringWriter();
        assertThat(run(floor, "train", "--preset", "micro", "--out", dir.resolve("c").toString(), "--min-weight-time", "0"))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(floor.toString().strip()).isEqualTo("gallop train: --min-weight-time 0.0 is out of range; allowed: above 0, at most 1");
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
        StringWriter notAe = new StringWriter();
        assertThat(run(notAe, "train", "--preset", "micro", "--out", dir.resolve("c").toString(), "--autoencoder", dir.toString()))
                .isEqualTo(GallopCli.EXIT_BAD_INPUT);
        assertThat(notAe.toString().strip()).startsWith("gallop train: --autoencoder ").contains("is not an autoencoder folder; allowed:");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
