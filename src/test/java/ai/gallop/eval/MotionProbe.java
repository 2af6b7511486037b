package ai.gallop.eval;

import ai.gallop.Cancellation;
import ai.gallop.diffusion.FlowMatching;
import ai.gallop.diffusion.FrameNoise;
import ai.gallop.media.Video;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.TokenLayout;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * Where does a model lose a clip's motion? For each caption (NAME.txt) in a folder, the world's clip of that prompt
 * (seed 1, as {@code gallop world --prompt P --seed 1} renders it) is set against the model twice. First the model
 * generates the prompt from seed 1 and both clips' camera moves are named by the evaluator's estimator, with the
 * horizontal shift and the zoom. Then the model predicts x0 from the world clip noised to t (4 noise draws each),
 * and the probe prints the squared error of token frames 1.. against the clip, against the clip's mean over time (a
 * still picture), and the prediction's own spread over time next to the clip's: a model that draws the motion
 * spreads as the clip does; one that holds the picture still spreads near 0. Trained on those captions' clips
 * ({@code gallop train --data}), it shows whether the model can learn to draw a move at all, and at which noise
 * level it decides it. The x0 part draws the noise the model was trained with (FrameNoise.forModel: for a camera-noise
 * model, carried by the world clip's camera). Not a test; run by hand (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.MotionProbe MODEL FOLDER [STEPS GUIDANCE]
 * </pre>
 */
public final class MotionProbe {
    private MotionProbe() {}

    private static final double[] TIMES = {1.0, 0.8, 0.6, 0.4, 0.2};
    private static final int DRAWS = 4;

    public static void main(String[] args) throws Exception {
        World world = new World();
        Integer steps = args.length > 2 ? Integer.valueOf(args[2]) : 16;
        Double guidance = args.length > 3 ? Double.valueOf(args[3]) : 1.0;
        List<Path> captions;
        try (var files = Files.list(Path.of(args[1]))) {
            captions = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        PictureAnalyzer analyzer = new PictureAnalyzer();
        try (Gallop gallop = Gallop.load(Path.of(args[0]))) {
            for (Path caption : captions) {
                String prompt = Files.readString(caption).strip();
                Video truth = world.render(world.parse(prompt).toSpec(1, VideoFormat.DEFAULT)).video();
                GenerationRequest request = new GenerationRequest(prompt, null, 1, VideoFormat.DEFAULT, false, steps, guidance, null, null,
                        List.of(), null, null, null);
                Video made = gallop.generate(request, (stage, done, total) -> { }, new Cancellation()).video();
                System.out.printf(Locale.ROOT, "%s%n  world %s | model %s%n", prompt, camera(analyzer.analyse(truth)), camera(analyzer.analyse(made)));
            }
        }
        try (AudioVideoTransformer model = AudioVideoTransformer.loadForSampling(Path.of(args[0])); NoGradGuard g = new NoGradGuard()) {
            for (Path caption : captions)
                try (PointerScope scope = new PointerScope()) {
                    String prompt = Files.readString(caption).strip();
                    System.out.println(prompt);
                    predictions(model, world.render(world.parse(prompt).toSpec(1, VideoFormat.DEFAULT)), prompt);
                }
        }
    }

    private static String camera(PictureAnalysis picture) {
        ShotAnalysis shot = picture.shots().getFirst();
        double dx = 0, logZoom = 0;
        for (CameraMotion m : shot.motions()) {
            dx += m.dx();
            logZoom += Math.log(m.scale());
        }
        return String.format(Locale.ROOT, "%-9s shift %6.2f px, zoom %.3f", shot.camera().id(), dx, Math.exp(logZoom));
    }

    private static void predictions(AudioVideoTransformer model, RenderedClip clip, String prompt) {
        ModelConfig config = model.config();
        Tensor x0 = model.videoTokeniser().encode(clip.video().frames()).unsqueeze(0);          // [1, Lv, pv]
        Tensor audio = config.audioTokeniser().encode(clip.video().sound()).unsqueeze(0);      // [1, La, pa]
        Tensor text = config.textTokeniser().batch(List.of(prompt));                          // [1, Lt]
        int perFrame = config.videoTokeniser().tokensPerFrame(64, 64), lv = (int) x0.size(1), frames = lv / perFrame;
        TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, 64, 64, VideoFormat.DEFAULT.frames(), VideoFormat.DEFAULT.fps(),
                (int) audio.size(1));
        Tensor truth = later(x0, perFrame, frames);                                             // [1, T-1, S, pv]
        Tensor still = truth.mean(new long[]{1}, true, null).expand_as(truth);                  // [1, T-1, S, pv]
        System.out.printf(Locale.ROOT, "  the clip's spread over time %.4f%n", truth.sub(still).square().mean().item_double());
        for (double t : TIMES) {
            double error = 0, toStill = 0, spread = 0;
            for (int draw = 0; draw < DRAWS; draw++) {
                GeneratorOptional rng = new GeneratorOptional(createCPUGenerator(7000 + draw));
                Tensor videoNoise = FrameNoise.forModel(randn(x0.shape(), rng), config, List.of(WorldRenderer.cameraViews(clip.spec())), 64, 64,
                        VideoFormat.DEFAULT.frames(), rng);                                     // the noise it was trained on, camera and all
                Tensor audioNoise = randn(audio.shape(), rng);
                float[] vt = new float[lv], at = new float[(int) audio.size(1)];
                Arrays.fill(vt, (float) t);
                Arrays.fill(at, (float) t);
                Tensor videoTime = Tensor.create(vt, 1, lv), audioTime = Tensor.create(at, 1, at.length);
                ModelInput in = new ModelInput(layout, text, null, FlowMatching.noisy(x0, videoNoise, videoTime), videoTime,
                        FlowMatching.noisy(audio, audioNoise, audioTime), audioTime);
                Tensor predicted = later(model.forward(in).video(), perFrame, frames);          // [1, T-1, S, pv]
                Tensor own = predicted.mean(new long[]{1}, true, null).expand_as(predicted);
                error += predicted.sub(truth).square().mean().item_double() / DRAWS;
                toStill += predicted.sub(still).square().mean().item_double() / DRAWS;
                spread += predicted.sub(own).square().mean().item_double() / DRAWS;
            }
            System.out.printf(Locale.ROOT, "  t %.1f: error %.4f, to the still mean %.4f, spread over time %.4f%n", t, error, toStill, spread);
        }
    }

    /** Token frames 1.. of video tokens [1, Lv, pv] as [1, T-1, S, pv]. */
    private static Tensor later(Tensor x, int perFrame, int frames) {
        return x.narrow(1, perFrame, (long) (frames - 1) * perFrame).reshape(1, frames - 1, perFrame, x.size(2));
    }
}
