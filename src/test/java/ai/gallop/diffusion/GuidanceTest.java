package ai.gallop.diffusion;

import ai.gallop.model.ModelOutput;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuidanceTest {
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
            ModelOutput guided = new Guidance(4, 0.5).combine(new ModelOutput(c, c), new ModelOutput(u, u));
            float[] video = new float[2], audio = new float[2];
            guided.video().<java.nio.FloatBuffer>createBuffer().get(video);
            guided.audio().<java.nio.FloatBuffer>createBuffer().get(audio);
            assertThat(video).containsExactly(4f, 8f);
            assertThat(audio).containsExactly(0.5f, 1f);
            assertThat(new Guidance(4, 0.5).combine(new ModelOutput(c, null), new ModelOutput(u, null)).audio()).isNull();
        }
    }
}
