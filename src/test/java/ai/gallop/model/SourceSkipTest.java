package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static ai.gallop.model.AudioVideoTransformerTest.FPS;
import static ai.gallop.model.AudioVideoTransformerTest.FRAMES;
import static ai.gallop.model.AudioVideoTransformerTest.H;
import static ai.gallop.model.AudioVideoTransformerTest.MICRO;
import static ai.gallop.model.AudioVideoTransformerTest.W;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceSkipTest {
    private static final ModelConfig SKIP = MICRO.withSourceSkip(true);

    /** The micro edit input: a noisy clip at t = 0.7 and a clean source clip of the given colour and tone, in the sequence. */
    private static ModelInput edit(int colour, double hz) {
        ModelInput clip = AudioVideoTransformerTest.input(2, List.of("make the square blue", "mach das Quadrat blau"), 0, false, true, 0.7, 4);
        Tensor video = ModelFixtures.repeat(MICRO.videoTokeniser().encode(ModelFixtures.movingSquare(W, H, FRAMES, colour)), 2);        // [2, 48, 96]
        Tensor audio = ModelFixtures.repeat(MICRO.audioTokeniser().encode(ModelFixtures.tone(FRAMES / (double) FPS, 16000, hz)), 2);  // [2, 16, 640]
        return new ModelInput(clip.layout().withEditSource(), clip.text(), null, clip.video(), clip.videoTime(), clip.audio(), clip.audioTime(),
                new EditSource(video, audio));
    }

    @Test
    void aModelGrownTheSkipPredictsExactlyAsBeforeAndItsSkipLearnsFromEdits() {
        try (PointerScope scope = new PointerScope()) {
            AudioVideoTransformer plain = new AudioVideoTransformer(MICRO, 1);
            ModelFixtures.perturb(plain, 3);
            ModelInput in = edit(0x1E1EDC, 220);
            ModelOutput before;
            try (NoGradGuard g = new NoGradGuard()) {
                before = plain.forward(in);
            }
            try (AudioVideoTransformer grown = plain.withSourceSkip()) {
                assertThat(grown.config()).isEqualTo(SKIP);
                assertThat(grown.parameterCount()).isEqualTo(SKIP.parameterCount()).isGreaterThan(MICRO.parameterCount());
                ModelOutput out = grown.forward(in);
                assertThat(out.video().equal(before.video())).as("zero skip: the same picture").isTrue();
                assertThat(out.audio().equal(before.audio())).as("zero skip: the same sound").isTrue();
                out.video().square().mean().add(out.audio().square().mean()).backward();
                for (String name : List.of("source.video.weight", "source.audio.weight"))
                    assertThat(grown.namedParameters().get(name).grad().abs().max().item_float()).as(name + " gets a gradient").isPositive();
                assertThatThrownBy(grown::withSourceSkip).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already adds");
            }
        }
    }

    @Test
    void theSkipCarriesTheSourcesPictureToTheVideoAndItsSoundToTheAudioAndNothingWithoutASource(@TempDir Path dir) throws Exception {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(SKIP, 1); NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 5);
            ModelInput plain = AudioVideoTransformerTest.input(2, List.of("a red square", "ein rotes Quadrat"), 0, false, true, 0.7, 4);
            Tensor withoutSkip = model.forward(plain).video().clone();
            for (String name : List.of("source.video.weight", "source.audio.weight"))
                model.namedParameters().get(name).copy_(ModelFixtures.noise(9, model.namedParameters().get(name).shape()).mul(new Scalar(0.05)));
            assertThat(model.forward(plain).video().equal(withoutSkip)).as("no source, no skip").isTrue();

            ModelOutput base = model.forward(edit(0x1E1EDC, 220));
            ModelInput otherPicture = edit(0xDC1E1E, 220), otherSound = edit(0x1E1EDC, 880);
            // attention also carries the source, so each output changes with either; the skip adds the token's own
            double pictureSkip = gap(model.forward(otherPicture).video(), base.video()), soundSkip = gap(model.forward(otherSound).audio(), base.audio());
            for (String name : List.of("source.video.weight", "source.audio.weight")) model.namedParameters().get(name).zero_();
            double pictureAttention = gap(model.forward(otherPicture).video(), model.forward(edit(0x1E1EDC, 220)).video());
            double soundAttention = gap(model.forward(otherSound).audio(), model.forward(edit(0x1E1EDC, 220)).audio());
            assertThat(pictureSkip).as("the source's picture reaches its video tokens").isGreaterThan(2 * pictureAttention);
            assertThat(soundAttention).as("without the skip the sequence holds the source's picture only").isZero();
            assertThat(soundSkip).as("the source's sound reaches its audio tokens").isPositive();

            model.save(dir);
            try (AudioVideoTransformer loaded = AudioVideoTransformer.load(dir)) {
                assertThat(loaded.config().sourceSkip()).isTrue();
                assertThat(loaded.namedParameters().keySet()).contains("source.video.weight", "source.audio.weight");
            }
        }
    }

    private static double gap(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }
}
