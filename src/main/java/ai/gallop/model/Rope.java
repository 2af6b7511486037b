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

    /**
     * The cos and sin of every rotation angle of a layout, each [N, D] as Java arrays (pair i's angle at dimensions i
     * and i + D/2). Working them out costs more than a block's norm, and a sampler's layout stays the same over all
     * its steps, so the model keeps the last layout's (see {@link #tables()}).
     */
    record Angles(TokenLayout layout, int items, int tokens, int headDim, float[] cos, float[] sin) {
        /** cos and sin tables, each [1, 1, N, D], or [B, 1, N, D] for a layout that places each item's video apart. */
        Tensor[] tables() {
            return new Tensor[]{Tensor.create(cos, items, 1, tokens, headDim), Tensor.create(sin, items, 1, tokens, headDim)};
        }
    }

    /** The angles of a layout's tokens. */
    static Angles angles(ModelConfig config, TokenLayout layout) {
        int[] pairs = pairsPerAxis(config.headDim());
        int[] axisOf = new int[config.headDim() / 2], indexInAxis = new int[axisOf.length];
        for (int axis = 0, i = 0; axis < TokenLayout.AXES; axis++)
            for (int p = 0; p < pairs[axis]; p++, i++) {
                axisOf[i] = axis;
                indexInAxis[i] = p;
            }
        double[] frequency = new double[axisOf.length];
        for (int i = 0; i < frequency.length; i++) frequency[i] = Math.pow(config.ropeTheta(), -indexInAxis[i] / (double) pairs[axisOf[i]]);
        return angles(layout, Math.max(1, layout.placedItems()), layout.tokens(), axisOf.length,
                (b, t, i) -> layout.position(b, t, axisOf[i]) * frequency[i]);
    }

    /** cos and sin tables, each [1, 1, N, D], for positions 0..N-1 on one axis that turns every pair (the text encoder). */
    static Tensor[] line(int headDim, int n, double theta) {
        int half = headDim / 2;
        return angles(null, 1, n, half, (b, t, i) -> t * Math.pow(theta, -i / (double) half)).tables();
    }

    /** The angle of rotation pair i at batch item b's token t. */
    @FunctionalInterface
    private interface Angle {
        double of(int item, int token, int pair);
    }

    private static Angles angles(TokenLayout layout, int items, int n, int half, Angle angle) {
        int d = 2 * half;
        float[] cos = new float[items * n * d], sin = new float[items * n * d];
        for (int b = 0; b < items; b++)
            for (int t = 0; t < n; t++)
                for (int i = 0, at = (b * n + t) * d; i < half; i++) {
                    double a = angle.of(b, t, i);
                    cos[at + i] = cos[at + half + i] = (float) Math.cos(a);
                    sin[at + i] = sin[at + half + i] = (float) Math.sin(a);
                }
        return new Angles(layout, items, n, d, cos, sin);
    }

    /** Rotates x [B, H, N, D] by the tables. */
    static Tensor apply(Tensor x, Tensor[] tables) {
        long half = x.size(3) / 2;
        Tensor x1 = x.narrow(3, 0, half), x2 = x.narrow(3, half, half);           // [B, H, N, D/2] each
        Tensor rotated = cat(new TensorVector(x2.neg(), x1), 3);                  // [B, H, N, D]
        return x.mul(tables[0]).add(rotated.mul(tables[1]));                      // [B, H, N, D]
    }
}
