package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.EditInstruction;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.pytorch.global.torch.stack;

/** Edit examples: a world clip made from its recoloured twin, shown as clean source tokens, with the instruction as caption. */
class EditBatchTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);
    private static final ModelConfig MICRO = ModelConfig.micro();

    private static FlowBatch.Recipe recipe(double textDrop, double referenceRate, double editRate) {
        return recipe(textDrop, referenceRate, editRate, false);
    }

    private static FlowBatch.Recipe recipe(double textDrop, double referenceRate, double editRate, boolean recolour) {
        return new FlowBatch.Recipe(MICRO, MICRO.videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                new ConditionDropout(textDrop, 0.1, 0.25, 0.1, referenceRate, 0.1, editRate), 0, null, false, recolour, false, null);
    }

    @Test void worldClipsWithTwinsCarryTheInstructionThatTurnsTheTwinIntoThem() {
        DataOrder order = new DataOrder(3);
        List<TrainingClip> clips = ClipSource.render(order, CLIP, 3, 5, true, List.of());
        for (int slot = 0; slot < 3; slot++) {
            SceneSpec spec = SpecSampler.training().sample(order.specSeed(5, slot), CLIP);
            SceneSpec twin = SpecSampler.training().recoloured(spec, order.twinSeed(5, slot));
            assertThat(clips.get(slot).twinInstruction()).isEqualTo(EditInstruction.between(twin, spec, order.language(5, slot))).isNotEmpty();
        }
        assertThat(ClipSource.render(order, CLIP, 1, 5, false, List.of()).getFirst().twinInstruction()).as("no twin, no instruction").isEmpty();
    }

    @Test void anEditStepShowsEveryClipItsTwinAsSourceAndTheInstructionAsCaption() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, true, List.of());
            FlowBatch edit = FlowBatch.of(recipe(0, 0, 1), clips, 7, null);
            int lv = (int) edit.cleanVideo().size(1);
            assertThat(edit.input().layout().count(Modality.SOURCE)).isEqualTo(lv);
            Tensor twins = stack(new TensorVector(clips.stream().map(c -> MICRO.videoTokeniser().encode(c.twin())).toArray(Tensor[]::new)), 0);
            assertThat(edit.input().source().video().equal(twins)).as("the twins, clean").isTrue();
            assertThat(edit.input().source().audio().equal(edit.cleanAudio())).as("the twin's sound: a recolour keeps the clip's").isTrue();
            assertThat(edit.input().text().equal(MICRO.textTokeniser().batch(clips.stream().map(TrainingClip::twinInstruction).toList())))
                    .as("the instructions as captions").isTrue();
            assertThat(edit.input().videoTime().min().item_double()).as("no clean video tokens on an edit step").isPositive();

            assertThat(edit.twinVideo().equal(twins)).as("the twins, which an edit step encodes").isTrue();
            assertThat(FlowBatch.of(recipe(0, 0, 0), clips, 7, null).input().source()).as("no edit steps").isNull();
            assertThat(FlowBatch.of(recipe(0, 0, 0), clips, 7, null).twinVideo()).as("a step that uses no twin encodes none").isNull();
            assertThat(FlowBatch.of(recipe(0, 0, 0, true), clips, 7, null).twinVideo().equal(twins)).as("the recolour term's twins").isTrue();
            assertThat(FlowBatch.of(recipe(0, 1, 1), clips, 7, null).input().source()).as("a reference step is no edit step").isNull();
            assertThat(FlowBatch.of(recipe(0, 0, 1), clips, 7, new double[]{0.5, 0.5}).input().source()).as("an evaluation batch edits nothing").isNull();
            int steps = 0;
            for (long seed = 0; seed < 40; seed++) if (FlowBatch.of(recipe(0, 0, 0.5), clips, seed, null).input().source() != null) steps++;
            assertThat(steps).as("about half of 40 steps at rate 0.5").isBetween(10, 30);
            Tensor empty = MICRO.textTokeniser().batch(List.of("", ""));
            assertThat(FlowBatch.of(recipe(1, 0, 1), clips, 7, null).input().text().equal(empty)).as("the instruction dropped like a caption").isTrue();

            List<TrainingClip> withoutTwins = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
            assertThatThrownBy(() -> FlowBatch.of(recipe(0, 0, 1), withoutTwins, 7, null)).hasMessageContaining("clips without recoloured twins");
        }
    }
}
