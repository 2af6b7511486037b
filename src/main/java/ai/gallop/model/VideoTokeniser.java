package ai.gallop.model;

import ai.gallop.media.RgbFrame;
import org.bytedeco.pytorch.Tensor;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures as pixel-space patches, no autoencoder: each token is a patchSize x patchSize block of
 * RGB over patchFrames consecutive frames, values mapped from 0..255 to [-1, 1]. Like Wan's causal
 * VAE, frame 0 is a token frame of its own (its patches hold frame 0 repeated patchFrames times, so
 * every token has the same size); after it each token frame covers patchFrames frames. A clip thus
 * needs 1 + k * patchFrames frames. That lets an image-to-video condition be exactly the frame-0
 * tokens, clean, with timestep 0.
 *
 * <p>Token order: token frame, then patch row, then patch column. Values inside a token: frame
 * within the patch, row, column, channel (R, G, B). Decoding rounds to the nearest 8-bit value, so
 * encode then decode returns the input frames exactly.
 */
public final class VideoTokeniser {
    private final int patch, patchFrames;

    public VideoTokeniser(int patchSize, int patchFrames) {
        if (patchSize < 1 || patchFrames < 1)
            throw new IllegalArgumentException("patch " + patchSize + "x" + patchSize + "x" + patchFrames + " is out of range; allowed: positive sizes");
        this.patch = patchSize;
        this.patchFrames = patchFrames;
    }

    public int patchDim() { return patch * patch * 3 * patchFrames; }

    public int imagePatchDim() { return patch * patch * 3; }

    /** Token frames of a clip: frame 0 alone, then one per patchFrames frames. */
    public int tokenFrames(int frames) {
        if (frames < 1 || (frames - 1) % patchFrames != 0)
            throw new IllegalArgumentException("frame count " + frames + " does not fit " + patchFrames
                    + "-frame patches; allowed: 1 + a multiple of " + patchFrames + " (e.g. " + (1 + 8 * patchFrames) + ")");
        return 1 + (frames - 1) / patchFrames;
    }

    /** First video frame covered by token frame j: the instant that token frame sits at on the time axis. */
    public int firstFrameOf(int tokenFrame) { return tokenFrame == 0 ? 0 : 1 + (tokenFrame - 1) * patchFrames; }

    public int tokensPerFrame(int width, int height) {
        if (width % patch != 0 || height % patch != 0)
            throw new IllegalArgumentException("size " + width + "x" + height + " is not a multiple of the patch size " + patch
                    + "; allowed: sides divisible by " + patch);
        return (width / patch) * (height / patch);
    }

    public int tokens(int width, int height, int frames) { return tokenFrames(frames) * tokensPerFrame(width, height); }

    /** Frames to a [tokens, patchDim] float tensor in [-1, 1]. */
    public Tensor encode(List<RgbFrame> frames) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames given; allowed: 1 + a multiple of " + patchFrames);
        int w = frames.getFirst().width(), h = frames.getFirst().height();
        for (RgbFrame f : frames)
            if (f.width() != w || f.height() != h)
                throw new IllegalArgumentException("frames differ in size: " + w + "x" + h + " and " + f.width() + "x" + f.height());
        int tokenFrames = tokenFrames(frames.size()), perFrame = tokensPerFrame(w, h), dim = patchDim();
        float[] out = new float[tokenFrames * perFrame * dim];
        int o = 0;
        for (int j = 0; j < tokenFrames; j++)
            for (int py = 0; py < h / patch; py++)
                for (int px = 0; px < w / patch; px++)
                    for (int dt = 0; dt < patchFrames; dt++) {
                        byte[] rgb = frames.get(j == 0 ? 0 : firstFrameOf(j) + dt).rgb();
                        o = copyPatch(rgb, w, py, px, out, o);
                    }
        return Tensor.create(out, tokenFrames * perFrame, dim);  // [tokens, patchDim]
    }

    /** [tokens, patchDim] back to frames; frame 0 is the mean of its repeated copies. */
    public List<RgbFrame> decode(Tensor tokens, int width, int height, int frames) {
        int tokenFrames = tokenFrames(frames), perFrame = tokensPerFrame(width, height), dim = patchDim();
        float[] v = floats(tokens, (long) tokenFrames * perFrame, dim);
        List<RgbFrame> out = new ArrayList<>(frames);
        for (int k = 0; k < frames; k++) out.add(RgbFrame.blank(width, height));
        int row = patch * 3;
        for (int j = 0; j < tokenFrames; j++)
            for (int py = 0; py < height / patch; py++)
                for (int px = 0; px < width / patch; px++) {
                    int base = ((j * (height / patch) + py) * (width / patch) + px) * dim;
                    for (int dy = 0; dy < patch; dy++)
                        for (int i = 0; i < row; i++) {
                            int pixel = ((py * patch + dy) * width + px * patch) * 3 + i;
                            if (j == 0) {
                                float sum = 0;
                                for (int dt = 0; dt < patchFrames; dt++) sum += v[base + dt * patch * row + dy * row + i];
                                out.getFirst().rgb()[pixel] = toByte(sum / patchFrames);
                            } else {
                                for (int dt = 0; dt < patchFrames; dt++)
                                    out.get(firstFrameOf(j) + dt).rgb()[pixel] = toByte(v[base + dt * patch * row + dy * row + i]);
                            }
                        }
                }
        return out;
    }

    /** One picture (a reference image) to a [tokens, patchSize * patchSize * 3] tensor in [-1, 1]. */
    public Tensor encodeImage(RgbFrame image) {
        int perFrame = tokensPerFrame(image.width(), image.height());
        float[] out = new float[perFrame * imagePatchDim()];
        int o = 0;
        for (int py = 0; py < image.height() / patch; py++)
            for (int px = 0; px < image.width() / patch; px++) o = copyPatch(image.rgb(), image.width(), py, px, out, o);
        return Tensor.create(out, perFrame, imagePatchDim());  // [tokens, imagePatchDim]
    }

    public RgbFrame decodeImage(Tensor tokens, int width, int height) {
        int perFrame = tokensPerFrame(width, height);
        float[] v = floats(tokens, perFrame, imagePatchDim());
        RgbFrame image = RgbFrame.blank(width, height);
        int row = patch * 3, t = 0;
        for (int py = 0; py < height / patch; py++)
            for (int px = 0; px < width / patch; px++)
                for (int dy = 0; dy < patch; dy++)
                    for (int i = 0; i < row; i++)
                        image.rgb()[((py * patch + dy) * width + px * patch) * 3 + i] = toByte(v[t++]);
        return image;
    }

    private int copyPatch(byte[] rgb, int width, int py, int px, float[] out, int o) {
        for (int dy = 0; dy < patch; dy++) {
            int start = ((py * patch + dy) * width + px * patch) * 3;
            for (int i = 0; i < patch * 3; i++) out[o++] = (rgb[start + i] & 0xFF) / 127.5f - 1f;
        }
        return o;
    }

    private static byte toByte(float value) {
        return (byte) Math.max(0, Math.min(255, Math.round((value + 1f) * 127.5f)));
    }

    /** A [rows, cols] tensor's values as a Java array (copied to CPU float32 first when needed). */
    static float[] floats(Tensor tokens, long rows, long cols) {
        long[] shape = tokens.shape();
        if (shape.length != 2 || shape[0] != rows || shape[1] != cols)
            throw new IllegalArgumentException("tokens have shape " + java.util.Arrays.toString(shape) + "; expected [" + rows + ", " + cols + "]");
        Tensor cpu = Tensors.toCpuFloat(tokens);
        float[] v = new float[Math.toIntExact(rows * cols)];
        cpu.<FloatBuffer>createBuffer().get(v);
        return v;
    }
}
