package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.media.RgbFrame;
import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.pytorch.global.torch.stack;

/** Reference-to-video examples: world clips carry their first subject alone, and reference steps show it as image tokens. */
class ReferenceBatchTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);
    private static final ModelConfig MICRO = ModelConfig.micro();

    private static FlowBatch.Recipe recipe(double referenceRate) { return recipe(referenceRate, 0.1); }

    private static FlowBatch.Recipe recipe(double referenceRate, double referenceTextDrop) {
        return new FlowBatch.Recipe(MICRO, MICRO.videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                new ConditionDropout(0, 0.1, 0.25, 0.1, referenceRate, referenceTextDrop, 0), 0, null, false, false, false, null);
    }

    @Test void worldClipsCarryTheirFirstSubjectAlone() {
        DataOrder order = new DataOrder(3);
        List<TrainingClip> clips = ClipSource.render(order, CLIP, 3, 5, false, List.of());
        for (int slot = 0; slot < 3; slot++) {
            SceneSpec spec = SpecSampler.training().sample(order.specSeed(5, slot), CLIP);
            RgbFrame expected = WorldRenderer.referenceImage(spec.shots().getFirst().subjects().getFirst(), 32, 32);
            assertThat(clips.get(slot).references()).hasSize(1);
            assertThat(clips.get(slot).references().getFirst().rgb()).isEqualTo(expected.rgb());
        }
    }

    @Test void aReferenceStepShowsEveryClipItsReferenceAsCleanImageTokens() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
            FlowBatch shown = FlowBatch.of(recipe(1), clips, 7, null);
            int perImage = MICRO.videoTokeniser().tokensPerFrame(32, 32);
            assertThat(shown.input().layout().count(Modality.IMAGE)).isEqualTo(perImage);
            Tensor expected = stack(new TensorVector(clips.stream().map(c -> MICRO.videoTokeniser().encodeImage(c.references().getFirst()))
                    .toArray(Tensor[]::new)), 0);                                                      // [2, Li, pi]
            assertThat(shown.input().image().equal(expected)).isTrue();

            assertThat(FlowBatch.of(recipe(0), clips, 7, null).input().image()).as("no reference steps").isNull();
            assertThat(FlowBatch.of(recipe(1), clips, 7, new double[]{0.5, 0.5}).input().image()).as("an evaluation batch shows none").isNull();
            int steps = 0;
            for (long seed = 0; seed < 40; seed++) if (FlowBatch.of(recipe(0.5), clips, seed, null).input().image() != null) steps++;
            assertThat(steps).as("about half of 40 steps at rate 0.5").isBetween(10, 30);

            Tensor empty = MICRO.textTokeniser().batch(List.of("", ""));
            assertThat(FlowBatch.of(recipe(1, 1), clips, 7, null).input().text().equal(empty)).as("every caption dropped on a reference step").isTrue();
            assertThat(FlowBatch.of(recipe(0, 1), clips, 7, null).input().text().equal(empty)).as("without references the usual drop, here none").isFalse();

            List<TrainingClip> footage = clips.stream().map(c -> new TrainingClip(c.seed(), c.caption(), c.frames(), c.sound(), List.of())).toList();
            assertThatThrownBy(() -> FlowBatch.of(recipe(1), footage, 7, null)).hasMessageContaining("clips without reference images");
        }
    }
}
