package ai.gallop.model;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.stack;

/** Small synthetic clips and batches for the model tests. */
final class ModelFixtures {
    private ModelFixtures() {}

    /** A square of one colour sliding right over a two-tone background, one pixel per frame. */
    static List<RgbFrame> movingSquare(int width, int height, int frames, int colour) {
        List<RgbFrame> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            RgbFrame f = RgbFrame.blank(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) f.set(x, y, y < height / 2 ? 0x3050A0 : 0x40A040);
            int side = Math.max(2, width / 4), top = height / 2 - side / 2;
            for (int y = top; y < top + side; y++)
                for (int x = k; x < Math.min(width, k + side); x++) f.set(x, y, colour);
            out.add(f);
        }
        return out;
    }

    /** A sine tone with a click at each whole second. */
    static Sound tone(double seconds, int sampleRate, double hz) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) s[i] = (float) (0.2 * Math.sin(2 * Math.PI * hz * i / sampleRate) + (i % sampleRate < 40 ? 0.5 : 0));
        return new Sound(s, sampleRate);
    }

    static Tensor noise(long seed, long... shape) {
        return randn(shape, new GeneratorOptional(createCPUGenerator(seed)));
    }

    /** B copies of one [L, P] token tensor: [B, L, P]. */
    static Tensor repeat(Tensor tokens, int batch) {
        return stack(new TensorVector(Collections.nCopies(batch, tokens).toArray(Tensor[]::new)), 0);
    }

    /** x_t = (1 - t) x0 + t e per token; t is [B, L]. */
    static Tensor noisy(Tensor x0, Tensor t, Tensor e) {
        Tensor tt = t.unsqueeze(2);
        return x0.mul(tt.neg().add(new org.bytedeco.pytorch.Scalar(1.0))).add(e.mul(tt));
    }

    /** Adds small seeded noise to every weight, so zero-initialised heads and gates stop hiding behaviour. */
    static void perturb(AudioVideoTransformer model, long seed) {
        try (NoGradGuard g = new NoGradGuard()) {
            long i = 0;
            for (Tensor p : model.namedParameters().values()) p.add_(noise(seed + i++, p.shape()).mul(new org.bytedeco.pytorch.Scalar(0.05)));
        }
    }
}
