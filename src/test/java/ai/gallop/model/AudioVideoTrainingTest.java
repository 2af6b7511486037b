package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.pytorch.global.torch.mse_loss;

class AudioVideoTrainingTest {
    private static final ModelConfig MICRO = AudioVideoTransformerTest.MICRO;

    /** Plain x0 MSE over video and audio tokens. */
    private static Tensor loss(AudioVideoTransformer model, ModelInput in, Tensor cleanVideo, Tensor cleanAudio) {
        ModelOutput out = model.forward(in);
        return mse_loss(out.video(), cleanVideo).add(mse_loss(out.audio(), cleanAudio));
    }

    @Test
    void aMicroModelLearnsToReproduceOneClipFromNoise() {
        try (PointerScope outer = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 11)) {
            int batch = 4;
            Tensor video = ModelFixtures.repeat(MICRO.videoTokeniser().encode(ModelFixtures.movingSquare(16, 16, 5, 0xDC1E1E)), batch);  // [4, 48, 96]
            Tensor audio = ModelFixtures.repeat(MICRO.audioTokeniser().encode(ModelFixtures.tone(5 / 8.0, 16000, 440)), batch);           // [4, 16, 640]
            Tensor text = MICRO.textTokeniser().batch(java.util.Collections.nCopies(batch, "a red square slides right"));
            TokenLayout layout = TokenLayout.of(MICRO, (int) text.size(1), 0, 16, 16, 5, 8, 16);
            float[] evalTimes = {0.3f, 0.6f, 0.9f, 1.0f};  // mostly noise: the clip must come from the weights
            Tensor tEval = Tensor.create(evalTimes, batch, 1);
            ModelInput eval = batchAt(layout, text, video, audio, tEval, 1000);
            float before, after;
            try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                before = loss(model, eval, video, audio).item_float();
            }
            Adam adam = new Adam(model.parameters(), new AdamOptions(3e-3));
            for (int step = 0; step < 80; step++) {
                try (PointerScope s = new PointerScope()) {
                    float[] ts = new float[batch];
                    for (int b = 0; b < batch; b++) ts[b] = (float) ((step * 0.618 + b * 0.25) % 1.0);  // spread over [0, 1)
                    Tensor t = Tensor.create(ts, batch, 1);
                    adam.zero_grad();
                    loss(model, batchAt(layout, text, video, audio, t, step), video, audio).backward();
                    adam.step();
                }
            }
            try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                after = loss(model, eval, video, audio).item_float();
            }
            assertThat(after).as("x0 loss before %.4f, after %.4f", before, after).isLessThan(before / 5);
        }
    }

    private static ModelInput batchAt(TokenLayout layout, Tensor text, Tensor video, Tensor audio, Tensor t, long seed) {
        Tensor videoTime = t.expand(video.size(0), video.size(1)).contiguous();   // [B, Lv]
        Tensor audioTime = t.expand(audio.size(0), audio.size(1)).contiguous();   // [B, La]
        return new ModelInput(layout, text, null,
                ModelFixtures.noisy(video, videoTime, ModelFixtures.noise(seed, video.shape())), videoTime,
                ModelFixtures.noisy(audio, audioTime, ModelFixtures.noise(seed + 7, audio.shape())), audioTime);
    }

    @Test
    void twoHundredScopedForwardPassesDoNotGrowMemory() throws Exception {
        try (PointerScope outer = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelFixtures.perturb(model, 1);
            ModelInput in = AudioVideoTransformerTest.input(2, List.of("a", "bcd"), 1, true, true, 0.5, 3);
            long warm = 0;
            for (int i = 0; i < 200; i++) {
                if (i == 20) warm = ModelFixtures.rssBytes();
                try (PointerScope step = new PointerScope()) {
                    Tensor out = model.forward(in).video();
                    out.sum().backward();  // the autograd graph must be freed too
                    assertThat(out.size(1)).isEqualTo(48);
                }
            }
            long growth = ModelFixtures.rssBytes() - warm;
            assertThat(growth).as("RSS growth over 180 scoped steps: %d bytes", growth).isLessThan(24L << 20);
        }
    }
}
