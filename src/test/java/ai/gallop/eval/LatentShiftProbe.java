package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.model.Autocast;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How far a small camera move takes a frame in the model's latent space: for the first frames of world clips (seeds
 * 2000 on), the mean squared difference between the latent tokens of the frame and of the frame shifted sideways by
 * 1, 2, 4 and 8 pixels (the edge column repeated), as a share of the values' variance within a frame (about 1 means
 * as far apart as two unrelated frames), in the normalised latents the transformer's tokens are cut from (of a model
 * folder's autoencoder, or an autoencoder checkpoint's) and in RGB for scale. Not a test; run by hand (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.LatentShiftProbe MODEL|AUTOENCODER [CLIPS]
 * </pre>
 */
public final class LatentShiftProbe {
    private LatentShiftProbe() {}

    public static void main(String[] args) throws Exception {
        int clips = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int[] shifts = {1, 2, 4, 8};
        double[] latent = new double[shifts.length], rgb = new double[shifts.length];
        double latentVariance = 0, rgbVariance = 0;
        World world = new World();
        try (FrameAutoencoder autoencoder = FrameAutoencoder.load(Path.of(args[0])); NoGradGuard g = new NoGradGuard()) {
            for (int c = 0; c < clips; c++)
                try (PointerScope scope = new PointerScope()) {
                    RgbFrame frame = world.render(world.sample(2000 + c, VideoFormat.DEFAULT)).video().frames().getFirst();
                    Tensor base = encode(autoencoder, frame);
                    latentVariance += base.var().item_double() / clips;
                    rgbVariance += variance(frame) / clips;
                    for (int s = 0; s < shifts.length; s++) {
                        RgbFrame moved = shifted(frame, shifts[s]);
                        latent[s] += encode(autoencoder, moved).sub(base).square().mean().item_double() / clips;
                        rgb[s] += rgbMse(frame, moved) / clips;
                    }
                }
        }
        System.out.printf(Locale.ROOT, "variance within a frame: latent %.4f, RGB %.5f; shifted against unshifted, mean squared difference / variance:%n",
                latentVariance, rgbVariance);
        for (int s = 0; s < shifts.length; s++)
            System.out.printf(Locale.ROOT, "shift %d px: latent %.3f, RGB %.3f%n", shifts[s], latent[s] / latentVariance, rgb[s] / rgbVariance);
    }

    /** The frame's normalised latent grid [1, C, h, w], as the video tokens are cut from it (VideoTokeniser). */
    private static Tensor encode(FrameAutoencoder autoencoder, RgbFrame frame) {
        return autoencoder.normalise(Autocast.bfloat16(() -> autoencoder.encode(FrameAutoencoder.pixels(List.of(frame)))).to(ScalarType.Float));
    }

    private static RgbFrame shifted(RgbFrame f, int dx) {
        RgbFrame out = RgbFrame.blank(f.width(), f.height());
        for (int y = 0; y < f.height(); y++)
            for (int x = 0; x < f.width(); x++) out.set(x, y, f.get(Math.max(0, x - dx), y));
        return out;
    }

    private static double variance(RgbFrame f) {
        double sum = 0, squares = 0;
        for (byte b : f.rgb()) {
            double v = (b & 255) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / f.rgb().length;
        return squares / f.rgb().length - mean * mean;
    }

    private static double rgbMse(RgbFrame a, RgbFrame b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            double d = ((a.rgb()[i] & 255) - (b.rgb()[i] & 255)) / 255.0;
            sum += d * d;
        }
        return sum / a.rgb().length;
    }
}
