package ai.gallop.diffusion;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

public class FrameNoiseTest {
    private static final int TOKEN_FRAMES = 5, PATCH_FRAMES = 2, POSITIONS = 64, PER_FRAME_VALUES = 32;

    private static GeneratorOptional generator(long seed) { return new GeneratorOptional(createCPUGenerator(seed)); }

    private static Tensor independent(GeneratorOptional g) {
        return randn(new long[]{2, TOKEN_FRAMES * POSITIONS, PATCH_FRAMES * PER_FRAME_VALUES}, g);  // [B, Lv, pv]
    }

    /**
     * Pearson correlation over every position and channel of noise [B, Lv, pv] between the value at frame a and the
     * value at frame b (frames counted as the tokens hold them: token frame times patch frames plus the frame in it),
     * with b's position moved by {@code positionOffset} (0: the same position).
     */
    public static double correlation(Tensor noise, int tokenFrames, int patchFrames, int a, int b, int positionOffset) {
        long batch = noise.size(0), perFrame = noise.size(1) / tokenFrames, q = noise.size(2) / patchFrames;
        Tensor contiguous = noise.contiguous();
        float[] v = new float[(int) contiguous.numel()];
        contiguous.<FloatBuffer>createBuffer().get(v);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (long i = 0; i < batch; i++)
            for (long s = 0; s < perFrame; s++)
                for (long c = 0; c < q; c++) {
                    double x = v[index(i, a, s, c, tokenFrames, patchFrames, perFrame, q)];
                    double y = v[index(i, b, (s + positionOffset) % perFrame, c, tokenFrames, patchFrames, perFrame, q)];
                    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
                    n++;
                }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    private static int index(long batch, int frame, long position, long channel, int tokenFrames, int patchFrames, long perFrame, long q) {
        long tokenFrame = frame / patchFrames, inPatch = frame % patchFrames;
        return (int) ((((batch * tokenFrames + tokenFrame) * perFrame + position) * patchFrames + inPatch) * q + channel);
    }

    @Test
    void withoutAShareTheNoiseIsTheIndependentDrawItselfAndTheGeneratorIsNotTouched() {
        try (PointerScope scope = new PointerScope()) {
            GeneratorOptional g = generator(3);
            Tensor noise = independent(g);
            assertThat(FrameNoise.mix(noise, TOKEN_FRAMES, PATCH_FRAMES, 0, g)).isSameAs(noise);
            GeneratorOptional fresh = generator(3);
            independent(fresh);
            assertThat(randn(new long[]{8}, g).equal(randn(new long[]{8}, fresh))).isTrue();
        }
    }

    @Test
    void framesCorrelateByTheShareAtOnePositionAndNotAcrossPositionsAndEachValueKeepsUnitVariance() {
        try (PointerScope scope = new PointerScope()) {
            for (double share : new double[]{0, 0.5, 0.8}) {
                GeneratorOptional g = generator(11);
                Tensor noise = FrameNoise.mix(independent(g), TOKEN_FRAMES, PATCH_FRAMES, share, g);
                assertThat(noise.shape()).containsExactly(2, TOKEN_FRAMES * POSITIONS, PATCH_FRAMES * PER_FRAME_VALUES);
                // 4,096 pairs per estimate: its standard error is below 0.02
                assertThat(correlation(noise, TOKEN_FRAMES, PATCH_FRAMES, 1, 8, 0)).as("frames in different tokens, share %s", share)
                        .isCloseTo(share, within(0.06));
                assertThat(correlation(noise, TOKEN_FRAMES, PATCH_FRAMES, 3, 4, 0)).as("the two frames of one token, share %s", share)
                        .isCloseTo(share, within(0.06));
                assertThat(correlation(noise, TOKEN_FRAMES, PATCH_FRAMES, 1, 8, 5)).as("different positions, share %s", share)
                        .isCloseTo(0, within(0.06));
                assertThat(noise.std().item_double()).isCloseTo(1, within(0.03));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndAnotherSeedOther() {
        try (PointerScope scope = new PointerScope()) {
            GeneratorOptional a = generator(5), b = generator(5), c = generator(6);
            Tensor first = FrameNoise.mix(independent(a), TOKEN_FRAMES, PATCH_FRAMES, 0.5, a);
            assertThat(first.equal(FrameNoise.mix(independent(b), TOKEN_FRAMES, PATCH_FRAMES, 0.5, b))).isTrue();
            assertThat(first.equal(FrameNoise.mix(independent(c), TOKEN_FRAMES, PATCH_FRAMES, 0.5, c))).isFalse();
        }
    }

    @Test
    void noiseThatIsNotOneClipsVideoTokensIsRefusedInOneLine() {
        try (PointerScope scope = new PointerScope()) {
            GeneratorOptional g = generator(1);
            assertThatThrownBy(() -> FrameNoise.mix(randn(new long[]{1, 7, 64}, g), 2, 2, 0.5, g))
                    .hasMessage("noise of 7 tokens x 64 values does not split into 2 token frames of 2 frames; allowed: the video tokens of one clip");
        }
    }
}
