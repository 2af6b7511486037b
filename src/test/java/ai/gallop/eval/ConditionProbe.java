package ai.gallop.eval;

import ai.gallop.diffusion.FlowMatching;
import ai.gallop.diffusion.FrameNoise;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.TokenLayout;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * How much does a clean first frame help the model? For world clips of seeds 2000 on (English captions), the model
 * predicts x0 from the clip noised to time t twice: every token noised (text-to-video), and with token frame 0 clean
 * (image-to-video, as the trainer's image examples). It prints the mean squared error in latent units of the later
 * token frames' prediction each way, next to copying token frame 0 into every later one. A model that uses the clean
 * frame falls well under its text-to-video error, and where the scene holds still, under the copy's; one that does
 * not stays near its text-to-video error. Not a test; run by hand (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.ConditionProbe MODEL [CLIPS]
 * </pre>
 */
public final class ConditionProbe {
    private ConditionProbe() {}

    public static void main(String[] args) throws Exception {
        int clips = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        double[] times = {0.3, 0.6, 0.9, 1.0};
        double[] t2v = new double[times.length], i2v = new double[times.length], firstT2v = new double[times.length], firstI2v = new double[times.length];
        double copy = 0, firstCopy = 0;
        World world = new World();
        try (AudioVideoTransformer model = AudioVideoTransformer.loadForSampling(Path.of(args[0])); NoGradGuard g = new NoGradGuard()) {
            ModelConfig config = model.config();
            for (int c = 0; c < clips; c++)
                try (PointerScope scope = new PointerScope()) {
                    SceneSpec spec = world.sample(2000 + c, VideoFormat.DEFAULT);
                    RenderedClip clip = world.render(spec);
                    Tensor x0 = model.videoTokeniser().encode(clip.video().frames()).unsqueeze(0);          // [1, Lv, pv]
                    Tensor audio = config.audioTokeniser().encode(clip.video().sound()).unsqueeze(0);      // [1, La, pa]
                    Tensor text = config.textTokeniser().batch(List.of(world.caption(spec, Language.EN)));  // [1, Lt]
                    int perFrame = config.videoTokeniser().tokensPerFrame(64, 64), lv = (int) x0.size(1), later = lv - perFrame;
                    Tensor truth = x0.narrow(1, perFrame, later);                                          // [1, later, pv]
                    Tensor copied = x0.narrow(1, 0, perFrame).repeat(1, later / perFrame, 1);              // [1, later, pv]
                    copy += mse(copied, truth) / clips;
                    firstCopy += mse(copied.narrow(1, 0, perFrame), truth.narrow(1, 0, perFrame)) / clips;
                    TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, 64, 64, VideoFormat.DEFAULT.frames(),
                            VideoFormat.DEFAULT.fps(), (int) audio.size(1));
                    GeneratorOptional rng = new GeneratorOptional(createCPUGenerator(7000 + c));
                    Tensor videoNoise = FrameNoise.forModel(randn(x0.shape(), rng), config, List.of(WorldRenderer.cameraViews(spec)), 64, 64,
                            VideoFormat.DEFAULT.frames(), rng);
                    Tensor audioNoise = randn(audio.shape(), rng);
                    for (int k = 0; k < times.length; k++)
                        for (boolean clean : new boolean[]{false, true}) {
                            float[] vt = new float[lv];
                            for (int j = 0; j < lv; j++) vt[j] = clean && j < perFrame ? 0f : (float) times[k];
                            float[] at = new float[(int) audio.size(1)];
                            java.util.Arrays.fill(at, (float) times[k]);
                            Tensor videoTime = Tensor.create(vt, 1, lv), audioTime = Tensor.create(at, 1, at.length);
                            ModelInput in = new ModelInput(layout, text, null, FlowMatching.noisy(x0, videoNoise, videoTime), videoTime,
                                    FlowMatching.noisy(audio, audioNoise, audioTime), audioTime);
                            Tensor predicted = model.forward(in).video().narrow(1, perFrame, later);       // [1, later, pv]
                            double all = mse(predicted, truth) / clips, first = mse(predicted.narrow(1, 0, perFrame), truth.narrow(1, 0, perFrame)) / clips;
                            if (clean) { i2v[k] += all; firstI2v[k] += first; } else { t2v[k] += all; firstT2v[k] += first; }
                        }
                }
        }
        System.out.printf(Locale.ROOT, "%d clips; MSE of token frames 1-8 (token frame 1 alone in brackets)%n", clips);
        System.out.printf(Locale.ROOT, "copy token frame 0: %.4f (%.4f)%n", copy, firstCopy);
        for (int k = 0; k < times.length; k++)
            System.out.printf(Locale.ROOT, "t %.1f: text-to-video %.4f (%.4f), clean frame 0 %.4f (%.4f)%n", times[k], t2v[k], firstT2v[k], i2v[k], firstI2v[k]);
    }

    private static double mse(Tensor a, Tensor b) {
        return a.sub(b).square().mean().item_double();
    }
}
