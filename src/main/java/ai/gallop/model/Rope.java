package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * Rotary positions over the four axes of {@link TokenLayout}. Each head's D dimensions form D/2
 * rotation pairs (i, i + D/2); the pairs are dealt out to the axes: one eighth to the text index,
 * the rest split between time, row and column with time taking the remainder (head 64: 4 / 10 / 9 / 9
 * pairs; head 128: 8 / 20 / 18 / 18), in the spirit of Wan's 44/42/42 split. Within an axis with n
 * pairs, pair i turns by position * theta^(-i / n).
 */
final class Rope {
    private Rope() {}

    /** Rotation pairs per axis (text, time, row, column) for a head dimension. */
    static int[] pairsPerAxis(int headDim) {
        int half = headDim / 2, text = Math.max(1, half / 8), rest = half - text, side = rest / 3;
        return new int[]{text, rest - 2 * side, side, side};
    }

    /** cos and sin tables, each [1, 1, N, D], for a layout. */
    static Tensor[] tables(ModelConfig config, TokenLayout layout) {
        int[] pairs = pairsPerAxis(config.headDim());
        int[] axisOf = new int[config.headDim() / 2], indexInAxis = new int[axisOf.length];
        for (int axis = 0, i = 0; axis < TokenLayout.AXES; axis++)
            for (int p = 0; p < pairs[axis]; p++, i++) {
                axisOf[i] = axis;
                indexInAxis[i] = p;
            }
        return build(layout.tokens(), axisOf.length, (t, i) -> layout.position(t, axisOf[i])
                * Math.pow(config.ropeTheta(), -indexInAxis[i] / (double) pairs[axisOf[i]]));
    }

    /** cos and sin tables, each [1, 1, N, D], for positions 0..N-1 on one axis that turns every pair (the text encoder). */
    static Tensor[] line(int headDim, int n, double theta) {
        int half = headDim / 2;
        return build(n, half, (t, i) -> t * Math.pow(theta, -i / (double) half));
    }

    /** The angle of rotation pair i at token t. */
    @FunctionalInterface
    private interface Angle {
        double of(int token, int pair);
    }

    private static Tensor[] build(int n, int half, Angle angle) {
        float[] cos = new float[n * half], sin = new float[n * half];
        for (int t = 0; t < n; t++)
            for (int i = 0; i < half; i++) {
                double a = angle.of(t, i);
                cos[t * half + i] = (float) Math.cos(a);
                sin[t * half + i] = (float) Math.sin(a);
            }
        Tensor c = Tensor.create(cos, n, half), s = Tensor.create(sin, n, half);    // [N, D/2]
        return new Tensor[]{
                cat(new TensorVector(c, c), 1).view(1, 1, n, 2L * half),          // [1, 1, N, D]
                cat(new TensorVector(s, s), 1).view(1, 1, n, 2L * half)};         // [1, 1, N, D]
    }

    /** Rotates x [B, H, N, D] by the tables. */
    static Tensor apply(Tensor x, Tensor[] tables) {
        long half = x.size(3) / 2;
        Tensor x1 = x.narrow(3, 0, half), x2 = x.narrow(3, half, half);           // [B, H, N, D/2] each
        Tensor rotated = cat(new TensorVector(x2.neg(), x1), 3);                  // [B, H, N, D]
        return x.mul(tables[0]).add(rotated.mul(tables[1]));                      // [B, H, N, D]
    }
}
