package ai.gallop.model;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;

class FrameAutoencoderTest {
    /**
     * 16 latent channels per 4x4 pixels, 16 then 32 channels, one block a level: a step in milliseconds.
     */
    static final AutoencoderConfig SMALL = new AutoencoderConfig("small", 16, 16, 2, 1, 8);

    static List<RgbFrame> worldFrames(int size, int clips) {
        List<RgbFrame> frames = new ArrayList<>();
        WorldRenderer renderer = new WorldRenderer();
        for (int c = 0; c < clips; c++) {
            RenderedClip clip = renderer.render(SpecSampler.training().sample(100 + c, VideoFormat.ofSeconds(size, size, 8, 1)));
            frames.add(clip.video().frames().get(4));
        }
        return frames;
    }

    @Test
    void encodeAndDecodeHaveTheDocumentedShapes() {
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 1)) {
            Tensor x = FrameAutoencoder.pixels(worldFrames(32, 2));
            Tensor z = ae.encode(x);
            assertThat(z.shape()).containsExactly(2, 16, 8, 8);
            assertThat(ae.decode(z).shape()).containsExactly(2, 3, 32, 32);
            assertThat(FrameAutoencoder.frames(x)).isEqualTo(worldFrames(32, 2));  // pixels() and frames() are inverse
        }
    }

    @Test
    void everyWeightGetsAFiniteGradientAndTheSameSeedGivesTheSameWeights() {
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 1); FrameAutoencoder twin = new FrameAutoencoder(SMALL, 1)) {
            Tensor x = FrameAutoencoder.pixels(worldFrames(32, 2));
            ae.decode(ae.encode(x)).sub(x).square().mean().backward();
            for (Map.Entry<String, Tensor> p : ae.namedParameters().entrySet()) {
                Tensor g = p.getValue().grad();
                assertThat(g.defined()).as(p.getKey()).isTrue();
                assertThat(Double.isFinite(g.abs().sum().item_double())).as(p.getKey()).isTrue();
                if (!p.getKey().contains(".block.") || p.getKey().contains(".conv2."))  // the rest of a block sits behind its zero conv2 at the start
                    assertThat(g.abs().sum().item_double()).as(p.getKey()).isGreaterThan(0);
                assertThat(p.getValue().equal(twin.namedParameters().get(p.getKey()))).as(p.getKey()).isTrue();
            }
        }
    }

    /**
     * oneDNN's backward of the 3-channel convolutions gave NaN gradients on world frames in most bfloat16 steps (a
     * partial channel block; FrameAutoencoder#edge). This checks the default shape on real frames.
     */
    @Test
    void bfloat16TrainingOnWorldFramesGivesFiniteGradients() {
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(AutoencoderConfig.tiny(), 1)) {
            Tensor x = FrameAutoencoder.pixels(worldFrames(64, 8));
            for (int trial = 0; trial < 3; trial++) {
                set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
                set_autocast_enabled(DeviceType.CPU, true);
                Tensor loss;
                try {
                    loss = ae.decode(ae.encode(x)).to(ScalarType.Float).sub(x).square().mean();
                } finally {
                    set_autocast_enabled(DeviceType.CPU, false);
                }
                loss.backward();
                double squares = 0;
                for (Tensor p : ae.namedParameters().values()) {
                    squares += p.grad().square().sum().item_double();
                    p.grad().zero_();
                }
                assertThat(Double.isFinite(squares)).as("trial %d", trial).isTrue();
            }
        }
    }

    @Test
    void normalisedLatentsHaveZeroMeanAndUnitSpreadPerChannelAndDenormaliseBack() {
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 3)) {
            Tensor z = ae.encode(FrameAutoencoder.pixels(worldFrames(32, 4)));
            ae.calibrate(z);
            Tensor n = ae.normalise(z).transpose(0, 1).reshape(16, -1);                 // [C, N h w]
            for (int c = 0; c < 16; c++) {
                assertThat(n.get(c).mean().item_double()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
                assertThat(n.get(c).std().item_double()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
            }
            assertThat(ae.denormalise(ae.normalise(z)).sub(z).abs().max().item_double()).isLessThan(1e-4);
        }
    }

    @Test
    void theShippedAutoencoderReconstructsWorldFramesAndAnUntrainedOneDoesNot() throws Exception {
        List<RgbFrame> frames = worldFrames(64, 4);
        try (FrameAutoencoder shipped = FrameAutoencoder.load(Path.of("models", "gallop-tiny"));
             FrameAutoencoder untrained = new FrameAutoencoder(AutoencoderConfig.tiny(), 2)) {
            List<RgbFrame> back = shipped.reconstruct(frames);
            assertThat(back).hasSize(4).allSatisfy(f -> assertThat(new int[]{f.width(), f.height()}).containsExactly(64, 64));
            assertThat(back).isEqualTo(shipped.reconstruct(frames));
            assertThat(psnr(frames, back)).as("ae-v1 held out 30.2 dB").isGreaterThan(26);
            assertThat(psnr(frames, untrained.reconstruct(frames))).isLessThan(15);
        }
    }

    private static double psnr(List<RgbFrame> a, List<RgbFrame> b) {
        double se = 0;
        long n = 0;
        for (int i = 0; i < a.size(); i++) {
            byte[] x = a.get(i).rgb(), y = b.get(i).rgb();
            for (int k = 0; k < x.length; k++, n++) se += Math.pow((x[k] & 0xFF) - (y[k] & 0xFF), 2);
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / n));
    }

    @Test
    void savedAndLoadedGivesTheSameReconstructionAndStatistics(@TempDir Path dir) throws Exception {
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 5)) {
            Tensor x = FrameAutoencoder.pixels(worldFrames(32, 2));
            ae.calibrate(ae.encode(x));
            ae.save(dir);
            try (FrameAutoencoder back = FrameAutoencoder.load(dir)) {
                assertThat(back.config()).isEqualTo(SMALL);
                assertThat(back.decode(back.encode(x)).equal(ae.decode(ae.encode(x)))).isTrue();
                assertThat(back.latentStatistics()).isDeepEqualTo(ae.latentStatistics());
            }
        }
    }

    @Test
    void badShapesGetOneLineErrors() {
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 1)) {
            assertThatThrownBy(() -> ae.encode(org.bytedeco.pytorch.global.torch.zeros(1, 3, 30, 32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("frame size 32x30 is not a multiple of 4; allowed: sides divisible by the autoencoder's factor 4");
            assertThatThrownBy(() -> ae.encode(org.bytedeco.pytorch.global.torch.zeros(1, 4, 32, 32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [N, 3, H, W]");
            assertThatThrownBy(() -> ae.decode(org.bytedeco.pytorch.global.torch.zeros(1, 3, 8, 8)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [N, 16, h, w]");
        }
        assertThatThrownBy(() -> new AutoencoderConfig("x", 16, 16, 2, 1, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 channels do not split into 12 groups");
    }

    @Test
    void aLatentTokeniserCutsTheLatentGridLikePixelsAndDecodesThroughTheAutoencoder() {
        ModelConfig latent = ModelConfig.micro().withLatents(SMALL, 2);                  // a token: 2x2 cells = 8x8 pixels
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 2)) {
            VideoTokeniser tok = new VideoTokeniser(latent, ae);
            List<RgbFrame> frames = new ArrayList<>(worldFrames(32, 5));               // 5 frames: 1 + 2 x 2
            Tensor tokens = tok.encode(frames);
            assertThat(tokens.shape()).containsExactly(3 * 16, 2 * 2 * 16 * 2);
            assertThat(tok.tokens(32, 32, 5)).isEqualTo(48);
            // token (frame 1, row 0, col 1) holds latent cells (rows 0-1, cols 2-3) of frames 1 and 2, channels last
            Tensor grid = tok.latents(frames);                                            // [5, 16, 8, 8]
            Tensor fp32 = ae.normalise(ae.encode(FrameAutoencoder.pixels(frames)));
            assertThat(grid.sub(fp32).abs().max().item_double()).as("bfloat16 inference against float32").isLessThan(0.1 * fp32.abs().max().item_double());
            Tensor expected = grid.narrow(0, 1, 2).narrow(2, 0, 2).narrow(3, 2, 2).permute(0, 2, 3, 1).reshape(-1);
            assertThat(tokens.get(16 + 1).equal(expected)).isTrue();
            List<RgbFrame> decoded = tok.decode(tokens, 32, 32, 5);
            assertThat(decoded).hasSize(5);
            RgbFrame alone = FrameAutoencoder.frames(ae.decode(ae.encode(FrameAutoencoder.pixels(List.of(frames.get(3)))))).getFirst();
            double squares = 0;
            for (int i = 0; i < alone.rgb().length; i++) squares += Math.pow((decoded.get(3).rgb()[i] & 0xFF) - (alone.rgb()[i] & 0xFF), 2);
            double psnr = 10 * Math.log10(255.0 * 255 / Math.max(1e-9, squares / alone.rgb().length));
            assertThat(psnr).as("decoded through the autoencoder: PSNR against its float32 reconstruction").isGreaterThan(35);
            assertThatThrownBy(() -> latent.videoTokeniser().encode(frames)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no autoencoder");
            assertThatThrownBy(() -> new VideoTokeniser(latent, new FrameAutoencoder(AutoencoderConfig.tiny(), 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("makes 16 channels per 8 pixels; the model expects 16 per 4");
        }
    }

    @Test
    void bothWaysGivesTheTokensOfTheFramesAndOfTheFramesPlayedBackwards() {
        ModelConfig latent = ModelConfig.micro().withLatents(SMALL, 2);
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 2)) {
            VideoTokeniser tok = new VideoTokeniser(latent, ae);
            List<RgbFrame> frames = worldFrames(32, 5);                                   // 5 different pictures
            Tensor[] both = tok.encodeBothWays(frames);
            assertThat(both[0].equal(tok.encode(frames))).isTrue();
            assertThat(both[1].equal(tok.encode(frames.reversed()))).as("one autoencoder pass, the grid reversed").isTrue();
            assertThat(both[1].equal(both[0])).isFalse();
            assertThatThrownBy(() -> tok.encodeBothWays(List.of(frames.getFirst(), RgbFrame.blank(16, 16), frames.getFirst())))
                    .hasMessage("frames differ in size: 32x32 and 16x16");
        }
    }

    @Test
    void aLatentSubjectMaskMarksEveryCellThatHoldsASubjectPixelInTheTokenLayout() {
        ModelConfig latent = ModelConfig.micro().withLatents(SMALL, 2);                  // cells of 4x4 pixels, tokens of 2x2 cells
        try (PointerScope s = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(SMALL, 2)) {
            VideoTokeniser tok = new VideoTokeniser(latent, ae);
            List<RgbFrame> masks = new ArrayList<>();
            for (int k = 0; k < 5; k++) masks.add(RgbFrame.blank(32, 32));
            byte[] rgb = masks.get(2).rgb();                                               // frame 2: one white pixel at (x 13, y 5)
            int pixel = (5 * 32 + 13) * 3;
            rgb[pixel] = rgb[pixel + 1] = rgb[pixel + 2] = (byte) 255;
            Tensor mask = tok.encodeMask(masks);                                           // [48, 128]
            assertThat(mask.shape()).containsExactly(48, 128);
            // the pixel is in cell (row 1, col 3): token frame 1 (frames 1-2), token row 0, col 1; inside the token
            // frame 2 is dt 1, cell row 1, cell col 1, all 16 channels
            float[] v = new float[48 * 128];
            mask.contiguous().<java.nio.FloatBuffer>createBuffer().get(v);
            int ones = 0;
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isIn(-1f, 1f);
                if (v[i] == 1f) ones++;
            }
            assertThat(ones).isEqualTo(16);
            int base = (16 + 1) * 128 + ((1 * 2 + 1) * 2 + 1) * 16;
            for (int c = 0; c < 16; c++) assertThat(v[base + c]).isEqualTo(1f);
            assertThat(new VideoTokeniser(4, 2).encodeMask(masks).equal(new VideoTokeniser(4, 2).encode(masks))).as("pixel tokens: the mask as pixels").isTrue();
        }
    }
}
