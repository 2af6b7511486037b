package ai.gallop.diffusion;

import ai.gallop.model.VideoTokeniser;
import ai.gallop.world.CameraView;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.stack;

/**
 * The clip-wide part of {@link FrameNoise} fixed to the world instead of the screen: one draw lies on a canvas in
 * world coordinates and each frame sees it through its own camera view, so where the camera pans or zooms the noise
 * moves and scales as the picture does (the warped-noise prior of Burgert et al., "Go-with-the-Flow", 2025, here
 * for the camera moves the world knows exactly). Why: the tiny models draw every shot still, and the first sampling
 * steps, which the caption alone decides, settle a clip's motion; noise carried along with the camera could settle
 * it instead. At the tiny scale 1,200 steps of it did not make the model draw the move (docs/training.md, "The noise
 * carried by the camera").
 *
 * <p>Each frame's cell reads the canvas at its centre's world position, between the four nearest canvas cells,
 * and is divided by the root of the summed squared weights so that every value keeps unit variance. A still camera
 * reads canvas cells exactly, so its grids hold the same kind of draw as the screen-fixed share.
 */
public final class CameraNoise {
    private CameraNoise() {}

    /**
     * The shared noise of one clip, [F, C, rows, cols]: frame f's grid is the canvas seen through {@code views[f]}.
     * A grid cell covers {@code width / cols} pixels; the canvas covers every view, a cell wider on each side.
     */
    public static Tensor grids(List<CameraView> views, int channels, int rows, int cols, int width, int height, GeneratorOptional generator) {
        if (views.isEmpty()) throw new IllegalArgumentException("no camera views; allowed: one per frame");
        double cellX = width / (double) cols, cellY = height / (double) rows;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (CameraView v : views) {
            minX = Math.min(minX, v.worldX(0, width));
            maxX = Math.max(maxX, v.worldX(width, width));
            minY = Math.min(minY, v.worldY(0, height));
            maxY = Math.max(maxY, v.worldY(height, height));
        }
        // canvas cell (0, 0) is centred one cell before the leftmost, topmost world point any view shows
        double originX = Math.floor(minX / cellX) - 1, originY = Math.floor(minY / cellY) - 1;
        int canvasCols = (int) Math.ceil(maxX / cellX - originX) + 2, canvasRows = (int) Math.ceil(maxY / cellY - originY) + 2;
        float[] canvas = new float[channels * canvasRows * canvasCols];
        randn(new long[]{channels, canvasRows, canvasCols}, generator).contiguous().<FloatBuffer>createBuffer().get(canvas);
        float[] out = new float[views.size() * channels * rows * cols];
        int n = 0;
        for (CameraView view : views)
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < rows; y++) {
                    double cy = view.worldY((y + 0.5) * cellY, height) / cellY - 0.5 - originY;
                    for (int x = 0; x < cols; x++) {
                        double cx = view.worldX((x + 0.5) * cellX, width) / cellX - 0.5 - originX;
                        out[n++] = (float) read(canvas, c, canvasRows, canvasCols, cx, cy);
                    }
                }
        return Tensor.create(out, views.size(), channels, rows, cols);
    }

    /**
     * The shared noise of a batch of clips as video tokens [B, Lv, pv], each clip's seen through its own camera views
     * (an empty list: a still camera, as footage and prompts without a move get).
     */
    public static Tensor tokens(List<List<CameraView>> cameras, VideoTokeniser tokeniser, int width, int height, int frames,
                                GeneratorOptional generator) {
        int cell = tokeniser.cellPixels();
        Tensor[] shared = new Tensor[cameras.size()];
        for (int i = 0; i < shared.length; i++) {
            List<CameraView> views = cameras.get(i).isEmpty() ? Collections.nCopies(frames, CameraView.STILL) : cameras.get(i);
            shared[i] = tokeniser.tokensOfGrid(grids(views, tokeniser.gridChannels(), height / cell, width / cell, width, height, generator));  // [Lv, pv]
        }
        return stack(new TensorVector(shared), 0);                                                                // [B, Lv, pv]
    }

    /** The canvas between the four cells around (cx, cy), at unit variance. */
    private static double read(float[] canvas, int channel, int rows, int cols, double cx, double cy) {
        int x0 = (int) Math.floor(cx), y0 = (int) Math.floor(cy);
        double ax = cx - x0, ay = cy - y0, sum = 0, squares = 0;
        for (int dy = 0; dy <= 1; dy++)
            for (int dx = 0; dx <= 1; dx++) {
                double w = (dx == 0 ? 1 - ax : ax) * (dy == 0 ? 1 - ay : ay);
                if (w == 0) continue;
                int x = Math.clamp(x0 + dx, 0, cols - 1), y = Math.clamp(y0 + dy, 0, rows - 1);
                sum += w * canvas[(channel * rows + y) * cols + x];
                squares += w * w;
            }
        return sum / Math.sqrt(squares);
    }
}
