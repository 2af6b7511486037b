package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.Collections;

import static org.bytedeco.pytorch.global.torch.clear_cache;
import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Measures one training step (forward, x0 MSE on video and audio, backward, Adam) of a preset on
 * the default clip: 64x64, 17 frames at 8 fps, 2.125 s of 16 kHz audio, a 40-byte caption. Not a
 * test (surefire skips it); run by hand:
 * <pre>
 * java -cp target-model/classes:target-model/test-classes:$(cat cp.txt) ai.gallop.model.ModelStepTiming tiny 4 3 fp32,bf16 [patchSize] [threads]
 * </pre>
 */
public final class ModelStepTiming {
    private ModelStepTiming() {}

    public static void main(String[] args) {
        ModelConfig preset = ModelConfig.preset(args.length > 0 ? args[0] : "tiny");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] modes = (args.length > 3 ? args[3] : "fp32,bf16").split(",");
        int patch = args.length > 4 ? Integer.parseInt(args[4]) : preset.patchSize();
        if (args.length > 5) set_num_threads(Integer.parseInt(args[5]));
        ModelConfig config = new ModelConfig(preset.name(), preset.width(), preset.heads(), preset.specificLayers(), preset.sharedLayers(),
                preset.mlpRatio(), preset.maxTextTokens(), patch, preset.patchFrames(), preset.sampleRate(), preset.samplesPerAudioToken(),
                preset.ropeTheta(), preset.ropeTicksPerSecond(), preset.textLayers(), preset.textStride()).withTextWords(preset.textWordBuckets(), preset.textInputNorm());
        int w = 64, h = 64, frames = 17, fps = 8;
        try (PointerScope outer = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(config, 1)) {
            Tensor video = ModelFixtures.repeat(config.videoTokeniser().encode(ModelFixtures.movingSquare(w, h, frames, 0xDC1E1E)), batch);
            Tensor audio = ModelFixtures.repeat(config.audioTokeniser().encode(ModelFixtures.tone(frames / (double) fps, config.sampleRate(), 440)), batch);
            Tensor text = config.textTokeniser().batch(Collections.nCopies(batch, "a red ball bounces on the beach at noon"));
            TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, w, h, frames, fps, (int) audio.size(1));
            System.out.printf("%s: %,d parameters, patch %d, %s = %d tokens, batch %d, %d threads%n", config.name(), model.parameterCount(),
                    patch, layout, layout.tokens(), batch, get_num_threads());
            double flops = config.trainingFlopsPerToken(layout.tokens()) * layout.tokens() * batch;
            Adam adam = new Adam(model.parameters(), new AdamOptions(1e-4));
            for (String mode : modes) {
                boolean bf16 = mode.trim().equals("bf16");
                double best = Double.MAX_VALUE;
                for (int step = 0; step <= steps; step++) {  // step 0 warms up
                    long t0 = System.nanoTime();
                    try (PointerScope s = new PointerScope()) {
                        Tensor t = ones(batch, 1).mul(new Scalar(0.5));
                        Tensor vt = t.expand(batch, video.size(1)).contiguous(), at = t.expand(batch, audio.size(1)).contiguous();
                        ModelInput in = new ModelInput(layout, text, null, ModelFixtures.noisy(video, vt, ModelFixtures.noise(step, video.shape())), vt,
                                ModelFixtures.noisy(audio, at, ModelFixtures.noise(step + 99, audio.shape())), at);
                        adam.zero_grad();
                        set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
                        set_autocast_enabled(DeviceType.CPU, bf16);
                        ModelOutput out = model.forward(in);
                        Tensor loss = mse_loss(out.video().to(ScalarType.Float), video).add(mse_loss(out.audio().to(ScalarType.Float), audio));
                        set_autocast_enabled(DeviceType.CPU, false);
                        loss.backward();
                        adam.step();
                        if (bf16) clear_cache();  // the autocast weight casts are stale once Adam has stepped
                        if (!Float.isFinite(loss.item_float())) throw new IllegalStateException("loss is " + loss.item_float());
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (step > 0) best = Math.min(best, seconds);
                    System.out.printf("  %s step %d: %.2f s%n", mode, step, seconds);
                }
                System.out.printf("%s: best %.2f s per step, %.1f GFLOP per step, %.0f GFLOP/s effective%n", mode, best, flops / 1e9, flops / best / 1e9);
            }
        }
    }
}
