package ai.gallop.diffusion;

import ai.gallop.media.RgbFrame;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TokenLayout;
import ai.gallop.model.VideoTokeniser;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuidanceTest {
    private static final ModelConfig MICRO = ModelConfig.micro();  // 4-pixel patches of 2 frames
    /** A 16x16 clip of 5 frames: 3 token frames of 16 tokens, frame 0 alone in the first. */
    private static final TokenLayout CLIP = TokenLayout.of(MICRO, 4, 0, 16, 16, 5, 8, 0);
    @Test
    void combinesAsUnconditionalPlusScaleTimesTheDifference() {
        try (PointerScope s = new PointerScope()) {
            Tensor c = Tensor.create(new float[]{1, 2, 3}, 3), u = Tensor.create(new float[]{0.5f, 2, -1}, 3);
            float[] out = new float[3];
            Guidance.combine(c, u, 3).<java.nio.FloatBuffer>createBuffer().get(out);
            assertThat(out).containsExactly(0.5f + 3 * 0.5f, 2f, -1f + 3 * 4f);
            assertThat(Guidance.combine(c, u, 1).equal(c)).isTrue();
            assertThat(Guidance.combine(c, u, 0).equal(u)).isTrue();
        }
        assertThat(new Guidance(1).needsUnconditional()).isFalse();
        assertThat(new Guidance(5).needsUnconditional()).isTrue();
        assertThat(new Guidance(1, 2).needsUnconditional()).as("sound guidance alone needs the unconditional pass").isTrue();
        assertThatThrownBy(() -> new Guidance(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("guidance -1.0 is out of range; allowed: 0 to 30");
        assertThatThrownBy(() -> new Guidance(3, 31)).isInstanceOf(IllegalArgumentException.class).hasMessage("audio guidance 31.0 is out of range; allowed: 0 to 30");
    }

    @Test
    void pictureAndSoundEachTakeTheirOwnScale() {
        try (PointerScope s = new PointerScope()) {
            Tensor c = Tensor.create(new float[]{1, 2}, 2), u = Tensor.create(new float[]{0, 0}, 2);
            ModelOutput guided = new Guidance(4, 0.5).combine(new ModelOutput(c, c), new ModelOutput(u, u), CLIP);
            float[] video = new float[2], audio = new float[2];
            guided.video().<java.nio.FloatBuffer>createBuffer().get(video);
            guided.audio().<java.nio.FloatBuffer>createBuffer().get(audio);
            assertThat(video).containsExactly(4f, 8f);
            assertThat(audio).containsExactly(0.5f, 1f);
            assertThat(new Guidance(4, 0.5).combine(new ModelOutput(c, null), new ModelOutput(u, null), CLIP).audio()).isNull();
        }
    }

    /** Grey frames of these levels, as the micro model's tokens [1, 48, 96]. */
    private static Tensor clip(int... levels) {
        List<RgbFrame> frames = new ArrayList<>();
        for (int level : levels) {
            byte[] rgb = new byte[16 * 16 * 3];
            Arrays.fill(rgb, (byte) level);
            frames.add(new RgbFrame(16, 16, rgb));
        }
        return new VideoTokeniser(MICRO.patchSize(), MICRO.patchFrames()).encode(frames).unsqueeze(0);  // [1, 48, 96]
    }

    /** Each decoded frame's level (the middle pixel's red). */
    private static int[] levels(Tensor tokens) {
        return new VideoTokeniser(MICRO.patchSize(), MICRO.patchFrames()).decode(tokens.squeeze(0), 16, 16, 5).stream()
                .mapToInt(f -> f.get(8, 8) >> 16 & 0xFF).toArray();
    }

    @Test
    void frameSmoothingAveragesOnlyThePushOverNeighbouringFrames() {
        try (PointerScope s = new PointerScope()) {
            // the conditional prediction is flat grey; the unconditional one is 20 levels darker on frame 2 only
            Tensor c = clip(128, 128, 128, 128, 128), u = clip(128, 128, 108, 128, 128);
            ModelOutput conditional = new ModelOutput(c, null), unconditional = new ModelOutput(u, null);
            assertThat(levels(new Guidance(3).combine(conditional, unconditional, CLIP).video()))
                    .as("plain guidance pushes frame 2 by (g - 1) 20 on top of c").containsExactly(128, 128, 168, 128, 128);
            assertThat(levels(new Guidance(3, 3, 1).combine(conditional, unconditional, CLIP).video()))
                    .as("the push 40 is spread 1/4, 1/2, 1/4 over frames 1 to 3").containsExactly(128, 138, 148, 138, 128);
            assertThat(levels(new Guidance(3, 3, 0.5).combine(conditional, unconditional, CLIP).video()))
                    .as("half the smoothing: 1/8, 3/4, 1/8").containsExactly(128, 133, 158, 133, 128);

            Tensor rising = clip(100, 110, 120, 130, 140), flat = clip(128, 128, 128, 128, 128);
            int[] guided = levels(new Guidance(3, 3, 1).combine(new ModelOutput(rising, null), new ModelOutput(flat, null), CLIP).video());
            assertThat(Arrays.copyOfRange(guided, 1, 5))
                    .as("a push that rises evenly (-18, -8, 2, 12 on frames 1-4) is kept; the last frame lacks a next one: 2/4 + 3 12/4")
                    .containsExactly(110 - 36, 120 - 16, 130 + 4, 140 + 19);
        }
    }

    @Test
    void noSmoothingIsPlainGuidanceToTheBit() {
        try (PointerScope s = new PointerScope()) {
            Tensor c = FlowMatchingTest.randomTensor(3, 1, 48, MICRO.videoPatchDim()), u = FlowMatchingTest.randomTensor(4, 1, 48, MICRO.videoPatchDim());
            assertThat(new Guidance(7, 7, 0).combine(new ModelOutput(c, null), new ModelOutput(u, null), CLIP).video()
                    .equal(Guidance.combine(c, u, 7))).isTrue();
        }
        assertThatThrownBy(() -> new Guidance(3, 3, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guidance smoothing 1.5 is out of range; allowed: 0 (off) to 1");
    }
}
