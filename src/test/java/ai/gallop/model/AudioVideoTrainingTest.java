package ai.gallop.model;

import ai.gallop.NativeHeap;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Collections;
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
            // 400 Hz repeats exactly every 40 ms token: a raw-waveform tone whose phase drifts from token to token
            // (440 Hz) is far slower to learn at pure noise; see docs/model.md
            Tensor video = MICRO.videoTokeniser().encode(ModelFixtures.movingSquare(16, 16, 5, 0xDC1E1E));   // [48, 96]
            Tensor audio = MICRO.audioTokeniser().encode(ModelFixtures.tone(5 / 8.0, 16000, 400));          // [16, 640]
            String caption = "a red square slides right";
            Tensor evalVideo = ModelFixtures.repeat(video, 4), evalAudio = ModelFixtures.repeat(audio, 4);
            Tensor evalText = MICRO.textTokeniser().batch(Collections.nCopies(4, caption));
            TokenLayout layout = TokenLayout.of(MICRO, (int) evalText.size(1), 0, 16, 16, 5, 8, 16);
            Tensor evalTimes = Tensor.create(new float[]{0.3f, 0.6f, 0.9f, 1.0f}, 4, 1);  // up to pure noise: the clip must come from the weights
            ModelInput eval = batchAt(layout, evalText, evalVideo, evalAudio, evalTimes, 1000);
            float before = evalLoss(model, eval, evalVideo, evalAudio);

            int batch = 2;
            Tensor trainVideo = ModelFixtures.repeat(video, batch), trainAudio = ModelFixtures.repeat(audio, batch);
            Tensor trainText = MICRO.textTokeniser().batch(Collections.nCopies(batch, caption));
            Adam adam = new Adam(model.parameters(), new AdamOptions(5e-3));
            for (int step = 0; step < 60; step++) {
                try (PointerScope s = new PointerScope()) {
                    float[] ts = new float[batch];
                    for (int b = 0; b < batch; b++) ts[b] = (float) ((step * 0.618 + b / (double) batch) % 1.0);  // spread over [0, 1)
                    adam.zero_grad();
                    loss(model, batchAt(layout, trainText, trainVideo, trainAudio, Tensor.create(ts, batch, 1), step), trainVideo, trainAudio).backward();
                    adam.step();
                }
            }
            float after = evalLoss(model, eval, evalVideo, evalAudio);
            assertThat(after).as("x0 loss before %.4f, after %.4f", before, after).isLessThan(before / 5);
        }
    }

    private static float evalLoss(AudioVideoTransformer model, ModelInput eval, Tensor video, Tensor audio) {
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            return loss(model, eval, video, audio).item_float();
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
        // one shared layer and one text-encoder layer: the scopes are what is tested, and 200 passes must stay quick
        ModelConfig oneLayer = new ModelConfig("leak", 64, 2, 0, 1, 2, 32, 4, 2, 16000, 640, 10000, 25, 1, 2);
        try (PointerScope outer = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(oneLayer, 1)) {
            ModelFixtures.perturb(model, 1);
            ModelInput in = AudioVideoTransformerTest.input(1, List.of("a red square"), 0, true, true, 0.5, 3);
            long warm = 0;
            for (int i = 0; i < 200; i++) {
                if (i == 20) warm = NativeHeap.inUse();
                try (PointerScope step = new PointerScope()) {
                    Tensor out = model.forward(in).video();  // with autograd on: the graph must be freed too
                    assertThat(out.size(1)).isEqualTo(48);
                }
            }
            long growth = NativeHeap.inUse() - warm;
            assertThat(growth).as("native heap growth over 180 scoped steps: %d bytes", growth).isLessThan(24L << 20);
        }
    }
}
