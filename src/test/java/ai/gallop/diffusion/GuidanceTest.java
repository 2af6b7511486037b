package ai.gallop.diffusion;

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
            new Guidance(3).combine(c, u).<java.nio.FloatBuffer>createBuffer().get(out);
            assertThat(out).containsExactly(0.5f + 3 * 0.5f, 2f, -1f + 3 * 4f);
            assertThat(new Guidance(1).combine(c, u).equal(c)).isTrue();
            assertThat(new Guidance(0).combine(c, u).equal(u)).isTrue();
        }
        assertThat(new Guidance(1).needsUnconditional()).isFalse();
        assertThat(new Guidance(5).needsUnconditional()).isTrue();
        assertThatThrownBy(() -> new Guidance(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("guidance -1.0 is out of range; allowed: 0 to 30");
    }
}
