package ai.gallop.train;

import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoencoderTrainerTest {
    static AutoencoderOptions options(int steps, int checkpointEvery, boolean bf16) {
        return new AutoencoderOptions(new AutoencoderConfig("small", 16, 16, 2, 1, 8), 32, 8, steps, 3e-3, 2, 4, 0.1, 1.0, 7, bf16,
                checkpointEvery, 2, 1, null, false, 0);
    }

    @Test
    void trainingRaisesHeldOutPsnr(@TempDir Path dir) throws Exception {
        try (AutoencoderTrainer t = AutoencoderTrainer.open(dir, options(40, 1000, true))) {
            double before = t.evaluate().psnr();
            for (int i = 0; i < 40; i++) assertThat(t.trainStep().skipped()).isFalse();
            double after = t.evaluate().psnr();
            assertThat(after).as("held-out PSNR before %.2f dB, after 40 steps %.2f dB", before, after).isGreaterThan(before + 3);
        }
    }

    @Test
    void aResumedRunComputesBitIdenticalWeights(@TempDir Path dir) throws Exception {
        AutoencoderOptions o = options(6, 3, false);
        Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
        try (AutoencoderTrainer t = AutoencoderTrainer.open(straight, o)) {
            while (t.step() < 6) if (t.trainStep().step() % 3 == 0) t.checkpoint();
        }
        try (AutoencoderTrainer t = AutoencoderTrainer.open(resumed, o)) {
            for (int i = 0; i < 3; i++) t.trainStep();
            t.checkpoint();
            t.trainStep();  // logged, never saved: the "killed" run's lost step
        }
        try (AutoencoderTrainer t = AutoencoderTrainer.open(resumed, o)) {
            assertThat(t.step()).isEqualTo(3);
            while (t.step() < 6) if (t.trainStep().step() % 3 == 0) t.checkpoint();
        }
        Path a = straight.resolve("checkpoints/step-00000006"), b = resumed.resolve("checkpoints/step-00000006");
        for (String file : List.of("autoencoder.safetensors", "optimizer.safetensors"))
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        assertThat(Files.readAllBytes(straight.resolve("checkpoints/step-00000003/autoencoder.safetensors")))
                .as("the weights moved, so the equality means something").isNotEqualTo(Files.readAllBytes(a.resolve("autoencoder.safetensors")));
        assertThat(AutoencoderTrainer.readSteps(resumed.resolve(AutoencoderTrainer.METRICS_FILE))).extracting(AutoencoderTrainer.Step::step)
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(AutoencoderTrainer.readQuality(resumed.resolve(AutoencoderTrainer.EVAL_FILE))).extracting(AutoencoderTrainer.Quality::step)
                .containsExactly(3, 6);
        assertThat(new Checkpoints(resumed.resolve(Checkpoints.FOLDER)).list()).hasSize(2);
        assertThat(Files.exists(resumed.resolve("loss.png"))).isTrue();
        assertThat(ai.gallop.media.Png.read(resumed.resolve(AutoencoderPictures.CURVE_FILE)).width()).isEqualTo(720);
        ai.gallop.media.RgbFrame sheet = ai.gallop.media.Png.read(resumed.resolve(AutoencoderPictures.SHEET_FILE));
        assertThat(sheet.width()).isEqualTo(8 * (96 + 4) + 4);  // 8 held-out 32x32 frames, 3 times enlarged
        assertThat(sheet.height()).isEqualTo(2 * 96 + 12);
    }

    @Test
    void decoderOnlyTrainingKeepsTheEncoderAndItsLatentStatistics(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first"), second = dir.resolve("second");
        try (AutoencoderTrainer t = AutoencoderTrainer.open(first, options(20, 1000, true))) {
            for (int i = 0; i < 20; i++) t.trainStep();
            t.checkpoint();
        }
        Path init = new Checkpoints(first.resolve(Checkpoints.FOLDER)).latest().orElseThrow();
        AutoencoderOptions o = options(20, 1000, true);
        AutoencoderOptions decoder = new AutoencoderOptions(o.autoencoder(), o.size(), o.batch(), 20, o.learningRate(), o.warmupSteps(), 12,
                o.latentNoise(), o.gradClip(), 8, o.bf16(), o.checkpointEvery(), o.keep(), o.threads(), init.toString(), true, 0);
        try (AutoencoderTrainer t = AutoencoderTrainer.open(second, decoder)) {
            double before = t.evaluate().subjectPsnr();
            for (int i = 0; i < 20; i++) t.trainStep();
            t.checkpoint();
            assertThat(t.evaluate().subjectPsnr()).as("held-out subject PSNR before %.2f dB", before).isGreaterThan(before);
        }
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            var kept = ai.gallop.model.Safetensors.read(init.resolve(ai.gallop.model.FrameAutoencoder.WEIGHTS_FILE));
            var trained = ai.gallop.model.Safetensors.read(new Checkpoints(second.resolve(Checkpoints.FOLDER)).latest().orElseThrow()
                    .resolve(ai.gallop.model.FrameAutoencoder.WEIGHTS_FILE));
            assertThat(trained.keySet()).isEqualTo(kept.keySet());
            int decoderChanged = 0;
            for (String name : kept.keySet()) {
                boolean same = trained.get(name).equal(kept.get(name));
                if (name.startsWith(ai.gallop.model.FrameAutoencoder.DECODER_PREFIX)) decoderChanged += same ? 0 : 1;
                else assertThat(same).as("%s (encoder or latent statistics) unchanged", name).isTrue();
            }
            assertThat(decoderChanged).isGreaterThan(0);
        }
        assertThatThrownBy(() -> new AutoencoderOptions(o.autoencoder(), o.size(), o.batch(), 1, 1e-3, 0, 0, 0, 1, 1, false, 1, 1, 1, null, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--decoder-only keeps a trained encoder but no --init was given; allowed: --init DIR with --decoder-only");
    }

    @Test
    void resumingWithOtherSettingsIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        try (AutoencoderTrainer t = AutoencoderTrainer.open(dir, options(1, 1, false))) {
            t.trainStep();
            t.checkpoint();
        }
        AutoencoderOptions o = options(1, 1, false);
        AutoencoderOptions other = new AutoencoderOptions(o.autoencoder(), o.size(), o.batch(), 5, 1e-2, o.warmupSteps(), o.subjectWeight(),
                o.latentNoise(), o.gradClip(), o.seed(), o.bf16(), o.checkpointEvery(), o.keep(), o.threads(), null, false, 0);
        assertThatThrownBy(() -> AutoencoderTrainer.open(dir, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was trained with other settings").hasMessageContaining("allowed: the checkpoint's settings, or a new --out folder");
        assertThatThrownBy(() -> new AutoencoderOptions(o.autoencoder(), 30, 8, 1, 1e-3, 0, 0, 0, 1, 1, false, 1, 1, 1, null, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--size 30 is out of range; allowed: 16 to 256, a multiple of 4");
        assertThatThrownBy(() -> new AutoencoderConfig("c8", 8, 16, 2, 1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: latent channels and width in multiples of 16");
    }

    @Test
    void theShiftTermComparesShiftedFramesWithTheirLatentsMovedAsMuch() {
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            float[] ramp = new float[6];
            for (int i = 0; i < 6; i++) ramp[i] = i;
            org.bytedeco.pytorch.Tensor frames = org.bytedeco.pytorch.Tensor.create(ramp, 1, 1, 1, 6);                  // [1, 1, 1, 6]
            org.bytedeco.pytorch.Tensor right = AutoencoderTrainer.shifted(frames, 2, 3);
            float[] moved = new float[6];
            right.contiguous().data_ptr_float().get(moved);
            assertThat(moved).as("moved right by 2, the first column repeated").containsExactly(0, 0, 0, 1, 2, 3);

            // latents that move with the picture: a ramp over cells shifted by a quarter cell is the ramp less a quarter
            float[] cells = {0, 4, 8, 16, 32};
            org.bytedeco.pytorch.Tensor z = org.bytedeco.pytorch.Tensor.create(cells, 1, 1, 1, 5);
            float[] quarter = new float[5];
            for (int i = 1; i < 5; i++) quarter[i] = 0.75f * cells[i] + 0.25f * cells[i - 1];
            org.bytedeco.pytorch.Tensor following = org.bytedeco.pytorch.Tensor.create(quarter, 1, 1, 1, 5);
            assertThat(AutoencoderTrainer.shiftError(z, following, 0.25, 3).item_double()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
            double unmoved = AutoencoderTrainer.shiftError(z, z, 0.25, 3).item_double();
            assertThat(unmoved).as("latents that stay put while the picture moves cost").isGreaterThan(0.01);
            assertThat(AutoencoderTrainer.shiftError(z.mul(new org.bytedeco.pytorch.Scalar(10)), z.mul(new org.bytedeco.pytorch.Scalar(10)), 0.25, 3).item_double())
                    .as("a share of the variance: smaller latents do not pay").isCloseTo(unmoved, org.assertj.core.data.Offset.offset(1e-6));
        }
        AutoencoderOptions o = options(1, 1, false);
        assertThatThrownBy(() -> new AutoencoderOptions(o.autoencoder(), o.size(), o.batch(), 1, 1e-3, 0, 0, 0, 1, 1, false, 1, 1, 1, "x", true, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--shift-weight shapes the encoder's latents but --decoder-only keeps the encoder; allowed: one of them");
        assertThatThrownBy(() -> new AutoencoderOptions(o.autoencoder(), o.size(), o.batch(), 1, 1e-3, 0, 0, 0, 1, 1, false, 1, 1, 1, null, false, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--shift-weight -1.0 is out of range; allowed: 0 (none) to 100");
    }

    @Test
    void aShiftWeightChangesWhatAStepLearnsAndIsPartOfTheRun(@TempDir Path dir) throws Exception {
        AutoencoderOptions plain = options(2, 2, false);
        AutoencoderOptions shift = new AutoencoderOptions(plain.autoencoder(), plain.size(), plain.batch(), plain.steps(), plain.learningRate(),
                plain.warmupSteps(), plain.subjectWeight(), plain.latentNoise(), plain.gradClip(), plain.seed(), plain.bf16(), plain.checkpointEvery(),
                plain.keep(), plain.threads(), null, false, 1);
        double plainLoss, shiftLoss;
        try (AutoencoderTrainer t = AutoencoderTrainer.open(dir.resolve("plain"), plain)) { plainLoss = t.trainStep().loss(); }
        try (AutoencoderTrainer t = AutoencoderTrainer.open(dir.resolve("shift"), shift)) {
            AutoencoderTrainer.Step first = t.trainStep();
            shiftLoss = first.loss();
            assertThat(first.mse()).as("the reconstruction error is the same frames' and weights'").isEqualTo(
                    AutoencoderTrainer.readSteps(dir.resolve("plain").resolve(AutoencoderTrainer.METRICS_FILE)).getFirst().mse());
            t.trainStep();
            t.checkpoint();
        }
        assertThat(shiftLoss).as("the shift term adds to the loss").isGreaterThan(plainLoss);
        assertThatThrownBy(() -> AutoencoderTrainer.open(dir.resolve("shift"), plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was trained with other settings");
    }

    @Test
    void psnrDropsWithTheError() {
        assertThat(AutoencoderTrainer.psnr(1e-3)).isGreaterThan(AutoencoderTrainer.psnr(1e-2));
        assertThat(AutoencoderTrainer.psnr(4.0 / 1000)).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-9));
    }
}
