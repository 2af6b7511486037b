package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.VideoFormat;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** What each video token shows, from the world's label maps, and the semantic head's loss against it. */
class SemanticTargetsTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);
    private static final ModelConfig MICRO = ModelConfig.micro();  // 4-pixel patches of 2 frames: 5 token frames of 64 tokens
    private static final List<TrainingClip> CLIPS = ClipSource.render(new DataOrder(3), CLIP, 3, 0, false, List.of());

    @Test
    void eachGroupsSharesAddUpToOneAndTheSubjectSharesCountTheLabelledPixels() {
        try (PointerScope scope = new PointerScope()) {
            for (TrainingClip clip : CLIPS) {
                Tensor targets = SemanticTargets.of(clip, MICRO);                                  // [320, 36]
                assertThat(targets.shape()).containsExactly(320, SemanticTargets.LABELS);
                long start = 0;
                for (int g : SemanticTargets.GROUPS) {
                    Tensor sums = targets.narrow(1, start, g).sum(1);
                    assertThat(sums.sub(new Scalar(1.0)).abs().max().item_double()).as("group at " + start).isLessThan(1e-5);
                    start += g;
                }
                // a token's subject share times the pixels it covers (frame 0 alone, then 2 frames a token frame)
                float[] background = floats(targets.select(1, 0));
                double counted = 0;
                for (int token = 0; token < 320; token++) counted += (1 - background[token]) * 16 * (token < 64 ? 1 : 2);
                long labelled = 0;
                for (byte[] label : clip.labels()) for (byte b : label) if (b != 0) labelled++;
                assertThat(labelled).as("the clip shows a subject").isPositive();
                assertThat(counted).isCloseTo(labelled, offset(0.01 * labelled));
            }
        }
    }

    @Test
    void theSharesNameTheClipsOwnSubjectsColours() {
        try (PointerScope scope = new PointerScope()) {
            for (TrainingClip clip : CLIPS) {
                Set<Integer> own = new HashSet<>();
                for (List<SubjectSpec> shot : clip.subjects()) for (SubjectSpec s : shot) own.add(1 + s.colour().ordinal());
                Tensor colours = SemanticTargets.of(clip, MICRO).narrow(1, SemanticTargets.GROUPS[0], SemanticTargets.GROUPS[1]).sum(0);  // [11]
                Set<Integer> shown = new HashSet<>();
                float[] share = floats(colours);
                for (int c = 1; c < share.length; c++) if (share[c] > 0) shown.add(c);
                assertThat(shown).isNotEmpty().isSubsetOf(own);
            }
        }
    }

    @Test
    void theLossIsTheUniformGuessAtZeroAndLowestForTheClipsOwnTargets() {
        try (PointerScope scope = new PointerScope()) {
            Tensor mine = SemanticTargets.of(CLIPS.get(0), MICRO).unsqueeze(0), other = SemanticTargets.of(CLIPS.get(1), MICRO).unsqueeze(0);  // [1, 320, 36]
            double uniform = (Math.log(8) + Math.log(11) + Math.log(11) + Math.log(6)) / 4;
            assertThat(SemanticTargets.loss(mine.mul(new Scalar(0.0)), mine).item_double()).isCloseTo(uniform, offset(1e-5));
            double right = SemanticTargets.loss(mine.mul(new Scalar(20.0)), mine).item_double();
            double wrong = SemanticTargets.loss(other.mul(new Scalar(20.0)), mine).item_double();
            assertThat(right).as("logits that say what the tokens show").isLessThan(0.5 * uniform);
            assertThat(wrong).as("another clip's answers").isGreaterThan(2 * right);
        }
    }

    @Test
    void aBatchCarriesTargetsOnlyWhenItsRecipeAsksAndFootageHasNone() {
        try (PointerScope scope = new PointerScope()) {
            ModelConfig headed = MICRO.withSemanticLabels(SemanticTargets.LABELS);
            List<TrainingClip> world = CLIPS.subList(0, 2);
            Tensor targets = batch(headed, world, true).semanticTargets();
            assertThat(targets.shape()).containsExactly(2, 320, SemanticTargets.LABELS);
            assertThat(targets.select(0, 1).equal(SemanticTargets.of(world.get(1), MICRO))).isTrue();
            assertThat(batch(headed, world, false).semanticTargets()).as("a head trained on without the term: no targets to make").isNull();
            List<TrainingClip> footage = world.stream().map(c -> new TrainingClip(c.seed(), c.caption(), c.frames(), c.sound(), List.of())).toList();
            assertThatThrownBy(() -> batch(headed, footage, true))
                    .hasMessage("a clip without label maps and subjects (footage) has no semantic targets; allowed: world clips");
        }
    }

    private static float[] floats(Tensor t) {
        Tensor dense = t.contiguous();
        float[] out = new float[(int) dense.numel()];
        dense.data_ptr_float().get(out);
        return out;
    }

    private static FlowBatch batch(ModelConfig config, List<TrainingClip> clips, boolean semantic) {
        FlowBatch.Recipe recipe = new FlowBatch.Recipe(config, config.videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                ConditionDropout.standard(), 0, null, false, false, semantic, null);
        return FlowBatch.of(recipe, clips, 7, new double[]{0.5, 0.5});
    }
}
