package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.bytedeco.pytorch.global.torch.full;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Times one model evaluation of a sampler step on one libtorch thread, the way generation runs it (caption encoded
 * once, bfloat16 autocast): the default clip (64x64, 17 frames at 8 fps, 2 s of sound) with a 52-byte caption.
 * {@code stored} keeps the linears' weights in bfloat16 as {@code Gallop.load} does, {@code autocast} lets autocast
 * cast them in every pass, {@code fp32} runs without autocast. Prints the median and the 10th and 90th percentile
 * over the passes after a warm-up. Not a test (surefire skips it); run by hand with OMP_NUM_THREADS=1:
 * <pre>
 * java -cp target/classes:target/test-classes:target/lib/* ai.gallop.model.ForwardPassTiming models/gallop-tiny stored 300
 * </pre>
 */
public final class ForwardPassTiming {
    private ForwardPassTiming() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "models/gallop-tiny");
        String mode = args.length > 1 ? args[1] : "stored";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 300, warmUp = Math.min(50, passes / 4);
        if (!mode.equals("stored") && !mode.equals("autocast") && !mode.equals("fp32"))
            throw new IllegalArgumentException("mode '" + mode + "' is unknown; allowed: stored, autocast, fp32");
        set_num_threads(1);
        try (AudioVideoTransformer model = AudioVideoTransformer.load(folder); NoGradGuard noGrad = new NoGradGuard();
             PointerScope scope = new PointerScope()) {
            if (mode.equals("stored")) model.storeLinearWeightsAs(ScalarType.BFloat16);
            boolean autocast = !mode.equals("fp32");
            ModelConfig c = model.config();
            TokenLayout layout = TokenLayout.of(c, 52, 0, 64, 64, 17, 8, 50);
            manual_seed(1);
            Tensor text = randint(1, 200, new long[]{1, layout.textBytes()});                                 // [1, 52]
            Tensor video = randn(1, layout.count(Modality.VIDEO), c.videoPatchDim());                        // [1, Lv, pv]
            Tensor audio = randn(1, layout.count(Modality.AUDIO), c.audioPatchDim());                        // [1, La, pa]
            Tensor videoTime = full(new long[]{1, layout.count(Modality.VIDEO)}, new Scalar(0.7));            // [1, Lv]
            Tensor audioTime = full(new long[]{1, layout.count(Modality.AUDIO)}, new Scalar(0.7));            // [1, La]
            ModelInput in = new ModelInput(layout, text, null, video, videoTime, audio, audioTime);
            AudioVideoTransformer.EncodedCaption caption = autocast ? Autocast.bfloat16(() -> model.encodeCaption(text)) : model.encodeCaption(text);
            double[] ms = new double[passes];
            for (int i = 0; i < passes; i++) {
                long start = System.nanoTime();
                try (PointerScope pass = new PointerScope()) {
                    if (autocast) Autocast.bfloat16(() -> model.forward(in, caption));
                    else model.forward(in, caption);
                }
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] timed = Arrays.copyOfRange(ms, warmUp, passes);
            Arrays.sort(timed);
            System.out.printf("%s, %s, %d tokens: median %.2f ms, p10 %.2f, p90 %.2f over %d passes%n", folder, mode, layout.tokens(),
                    timed[timed.length / 2], timed[timed.length / 10], timed[timed.length * 9 / 10], timed.length);
        }
    }
}
