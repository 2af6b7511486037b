package ai.gallop.train;

import ai.gallop.media.RgbFrame;
import ai.gallop.model.ModelConfig;
import ai.gallop.Cancellation;
import ai.gallop.pipeline.Generated;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.Gallop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunGenerationTest {
    @Test
    void aTrainedRunFolderGeneratesTextAndImageToVideoWithSound(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, TrainerTest.options(ModelConfig.micro(), 1, 1e-3, 1, 1))) {
            t.run(TrainingListener.NONE);
        }
        try (Gallop generator = Gallop.load(dir)) {
            assertThat(generator.usesEma()).isTrue();
            assertThat(generator.id()).isEqualTo("gallop-micro");
            List<Integer> steps = new ArrayList<>();
            GenerationRequest text = new GenerationRequest("a red ball bounces", null, 3, TrainerTest.CLIP, true, 3, 2.0, null, null, List.of());
            Generated g = generator.generate(text, (stage, done, total) -> steps.add(done), new Cancellation());
            assertThat(g.video().frames()).hasSize(9);
            assertThat(g.video().sound().samples()).hasSize(18000);
            assertThat(steps).containsExactly(1, 2, 3);
            assertThat(generator.generate(text, (s, d, n) -> {}, new Cancellation()).video().frames())
                    .as("same seed, same video").isEqualTo(g.video().frames());
            RgbFrame first = g.video().frames().get(4);
            GenerationRequest image = new GenerationRequest("a red ball bounces", null, 4, TrainerTest.CLIP, false, 2, null, null, first, List.of());
            Generated i2v = generator.generate(image, (s, d, n) -> {}, new Cancellation());
            assertThat(i2v.video().frames().getFirst()).isEqualTo(first);
            assertThat(i2v.video().sound()).isNull();
            GenerationRequest odd = new GenerationRequest("a ball", null, 1, new ai.gallop.world.VideoFormat(34, 34, 8, 9), true, 2, null, null, null, List.of());
            assertThatThrownBy(() -> generator.generate(odd, (s, d, n) -> {}, new Cancellation()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: sides divisible by 4");
        }
    }
}
