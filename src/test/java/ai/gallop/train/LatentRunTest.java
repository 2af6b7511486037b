package ai.gallop.train;

import ai.gallop.Cancellation;
import ai.gallop.media.RgbFrame;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.ModelConfig;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.Generated;
import ai.gallop.pipeline.GenerationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A latent model end to end: a frozen autoencoder, a training run on its latents, generation from the run. */
class LatentRunTest {
    static final AutoencoderConfig SMALL = new AutoencoderConfig("small", 16, 16, 2, 1, 8);

    @Test
    void aLatentRunTrainsCheckpointsItsAutoencoderAndGenerates(@TempDir Path dir) throws Exception {
        Path aeFolder = dir.resolve("ae");
        try (FrameAutoencoder ae = new FrameAutoencoder(SMALL, 3)) {
            ae.save(aeFolder);
        }
        ModelConfig latent = ModelConfig.micro().withLatents(SMALL, 2);                 // 8x8-pixel tokens: 16 per 32x32 frame
        assertThat(latent.videoPatchDim()).isEqualTo(2 * 2 * 16 * 2);
        TrainOptions o = TrainerTest.options(latent, 2, 1e-3, 2, 1);
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> Trainer.open(run, o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("works on latents but no autoencoder was given");
        try (Trainer t = Trainer.open(run, o, null, aeFolder)) {
            assertThat(t.model().autoencoder()).isNotNull();
            t.run(TrainingListener.NONE);
        }
        Path checkpoint = run.resolve("checkpoints/step-00000002");
        assertThat(Files.readAllBytes(checkpoint.resolve(FrameAutoencoder.WEIGHTS_FILE)))
                .as("the autoencoder is frozen: saved as given").isEqualTo(Files.readAllBytes(aeFolder.resolve(FrameAutoencoder.WEIGHTS_FILE)));
        try (AudioVideoTransformer model = AudioVideoTransformer.load(checkpoint)) {
            assertThat(model.config()).isEqualTo(latent);
            assertThat(model.namedParameters().keySet()).noneMatch(name -> name.startsWith("enc.") || name.startsWith("dec."));
        }
        try (Trainer t = Trainer.open(run, TrainerTest.options(latent, 3, 1e-3, 2, 1))) {
            assertThat(t.step()).as("resumes with the checkpoint's autoencoder").isEqualTo(2);
            t.trainStep();
        }
        try (Gallop generator = Gallop.load(run)) {
            GenerationRequest text = new GenerationRequest("a red ball bounces", null, 3, TrainerTest.CLIP, true, 2, 2.0, null, null, List.of());
            Generated g = generator.generate(text, (s, d, n) -> {}, new Cancellation());
            assertThat(g.video().frames()).hasSize(9);
            assertThat(g.provenance()).as("a latent model's pictures depend on its autoencoder too")
                    .containsEntry("autoencoder_sha256", Gallop.sha256(checkpoint.resolve(FrameAutoencoder.WEIGHTS_FILE)));
            assertThat(generator.autoencoderSha256()).contains(g.provenance().get("autoencoder_sha256"));
            assertThat(generator.generate(text, (s, d, n) -> {}, new Cancellation()).video().frames()).as("same seed, same video")
                    .isEqualTo(g.video().frames());
            RgbFrame first = g.video().frames().get(4);
            GenerationRequest image = new GenerationRequest("a red ball bounces", null, 4, TrainerTest.CLIP, false, 2, null, null, first, List.of());
            assertThat(generator.generate(image, (s, d, n) -> {}, new Cancellation()).video().frames().getFirst()).isEqualTo(first);
            GenerationRequest odd = new GenerationRequest("a ball", null, 1, new ai.gallop.world.VideoFormat(36, 36, 8, 9), true, 2, null, null, null, List.of());
            assertThatThrownBy(() -> generator.generate(odd, (s, d, n) -> {}, new Cancellation()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: sides divisible by 8");
        }
        Path otherAe = dir.resolve("other-ae");
        try (FrameAutoencoder ae = new FrameAutoencoder(SMALL, 4)) {
            ae.save(otherAe);
        }
        try (Trainer warm = Trainer.open(dir.resolve("moved"), TrainerTest.options(latent, 1, 1e-3, 2, 1), checkpoint, otherAe)) {
            warm.run(TrainingListener.NONE);
        }
        assertThat(Files.readAllBytes(dir.resolve("moved/checkpoints/step-00000001").resolve(FrameAutoencoder.WEIGHTS_FILE)))
                .as("a warm start given an autoencoder trains on its latents, not the init's")
                .isEqualTo(Files.readAllBytes(otherAe.resolve(FrameAutoencoder.WEIGHTS_FILE)));
        try (Trainer warm = Trainer.open(dir.resolve("kept"), TrainerTest.options(latent, 1, 1e-3, 2, 1), checkpoint)) {
            assertThat(warm.model().autoencoder()).isNotNull();
            warm.run(TrainingListener.NONE);
        }
        assertThat(Files.readAllBytes(dir.resolve("kept/checkpoints/step-00000001").resolve(FrameAutoencoder.WEIGHTS_FILE)))
                .as("without one it keeps the init's").isEqualTo(Files.readAllBytes(checkpoint.resolve(FrameAutoencoder.WEIGHTS_FILE)));
        Path exported = dir.resolve("model");
        assertThat(ai.gallop.cli.GallopCli.commandLine().execute("export", "--from", run.toString(), "--out", exported.toString())).isZero();
        try (Gallop generator = Gallop.load(exported)) {
            GenerationRequest text = new GenerationRequest("a red ball bounces", null, 3, TrainerTest.CLIP, true, 2, 2.0, null, null, List.of());
            assertThat(generator.generate(text, (s, d, n) -> {}, new Cancellation()).video().frames()).hasSize(9);
        }
        assertThat(Files.size(exported.resolve(FrameAutoencoder.WEIGHTS_FILE)))
                .as("bfloat16 autoencoder weights").isLessThan(Files.size(checkpoint.resolve(FrameAutoencoder.WEIGHTS_FILE)) * 6 / 10);
        Files.delete(checkpoint.resolve(FrameAutoencoder.CONFIG_FILE));
        assertThatThrownBy(() -> AudioVideoTransformer.load(checkpoint)).hasMessageContaining("holds a latent model but no autoencoder.json");
    }
}
