package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.FlowMatching;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.VideoFormat;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subject-weighted video loss: world label maps make subject pixels count 1 + w (1 - t), everything else 1. */
class SubjectWeightTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    private static FlowBatch batch(List<TrainingClip> clips, double subjectWeight, double... times) {
        FlowBatch.Recipe recipe = new FlowBatch.Recipe(ModelConfig.micro(), ModelConfig.micro().videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                ConditionDropout.standard(), subjectWeight, null, false, false, false, null);
        return FlowBatch.of(recipe, clips, 7, times.length > 0 ? times : new double[]{0.5, 0.5});
    }

    @Test
    void subjectPixelsWeighOnePlusTheWeightTimesOneMinusTAndTheRestOne() {
        List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
        try (PointerScope scope = new PointerScope()) {
            Tensor weight = batch(clips, 9).pixelWeight();                                   // [2, Lv, pv]
            Tensor subject = weight.eq(new Scalar(5.5)), background = weight.eq(new Scalar(1.0));  // 1 + 9 x (1 - 0.5)
            long values = weight.numel(), subjects = subject.sum().item_long();
            assertThat(subjects + background.sum().item_long()).as("every weight is 1 or 5.5").isEqualTo(values);
            double fraction = (double) subjects / values;
            assertThat(fraction).as("share of subject values in two world clips").isBetween(0.001, 0.5);

            long labelled = 0, pixels = 0;
            for (TrainingClip clip : clips)
                for (byte[] label : clip.labels()) {
                    for (byte b : label) if (b != 0) labelled++;
                    pixels += label.length;
                }
            // Token frames after the first cover patchFrames frames each and frame 0 is repeated, so the shares
            // agree only roughly; a mask in the wrong place or channel would still pass that, the next check not.
            assertThat(fraction).isCloseTo((double) labelled / pixels, org.assertj.core.data.Offset.offset(0.05));

            Tensor x0 = batch(clips, 9).cleanVideo();
            Tensor subjectSpread = x0.masked_select(subject).std(), all = x0.std();
            assertThat(subjectSpread.item_double()).as("subject values are real picture values, not the background mean").isPositive();
            assertThat(all.item_double()).isPositive();

            // the extra weight fades with the noise: 1 + 9 x 0.8 at t = 0.2, 1 + 9 x 0.1 at t = 0.9, none at t = 1
            Tensor faded = batch(clips, 9, 0.2, 0.9).pixelWeight();
            assertThat(faded.select(0, 0).max().item_double()).isCloseTo(8.2, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(faded.select(0, 1).max().item_double()).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(batch(clips, 9, 1.0, 1.0).pixelWeight().eq(new Scalar(1.0)).all().item_bool()).isTrue();
        }
    }

    @Test
    void aZeroWeightGivesThePlainLossAndAnErrorOnASubjectCostsMoreWithAWeight() {
        List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
        try (PointerScope scope = new PointerScope()) {
            FlowBatch plain = batch(clips, 0), weighted = batch(clips, 9);
            assertThat(plain.pixelWeight().eq(new Scalar(1.0)).all().item_bool()).isTrue();
            Tensor clean = plain.cleanVideo(), t = plain.input().videoTime();
            FlowMatching flow = FlowMatching.standard();
            Tensor subjectError = clean.add(weighted.pixelWeight().gt(new Scalar(1.0)).to(clean.scalar_type()).mul(new Scalar(0.5)));
            Tensor backgroundError = clean.add(weighted.pixelWeight().eq(new Scalar(1.0)).to(clean.scalar_type()).mul(new Scalar(0.5)));
            double plainLoss = flow.loss(subjectError, clean, t).item_double();
            assertThat(flow.loss(subjectError, clean, t, plain.pixelWeight()).item_double()).isEqualTo(plainLoss);
            assertThat(flow.loss(subjectError, clean, t, weighted.pixelWeight()).item_double()).isCloseTo(5.5 * plainLoss,
                    org.assertj.core.data.Percentage.withPercentage(1e-3));
            assertThat(flow.loss(backgroundError, clean, t, weighted.pixelWeight()).item_double())
                    .isEqualTo(flow.loss(backgroundError, clean, t).item_double());
        }
    }

    @Test
    void aRunWrittenBeforeTheSubjectWeightAndFootageReadsAsWorldClipsWithoutIt() {
        // version 2 of gallop-tiny wrote its trainer.json before both fields; a resumed old run must compute the same steps
        TrainOptions old = TrainerState.read(resource("trainer-version-2.json")).options();
        assertThat(old.subjectWeight()).isZero();
        assertThat(old.anchorShare()).as("runs from before the anchor share resume without one").isZero();
        assertThat(old.data()).isNull();
        assertThat(old.batch()).isEqualTo(4);
    }

    @Test
    void anOutOfRangeWeightIsRefusedInOneLine() {
        ModelConfig micro = ModelConfig.micro();
        assertThatThrownBy(() -> TrainerTest.quick(micro).subjectWeight(-1).build())
                .hasMessage("subject weight -1.0 is out of range; allowed: 0 (off) to 100");
    }

    private static Path resource(String name) {
        try {
            return Path.of(SubjectWeightTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
