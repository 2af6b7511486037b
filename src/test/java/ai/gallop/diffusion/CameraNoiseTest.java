package ai.gallop.diffusion;

import ai.gallop.world.CameraView;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;

public class CameraNoiseTest {
    private static final int CHANNELS = 4, ROWS = 8, COLS = 8, WIDTH = 64, HEIGHT = 64;  // 8-pixel cells, as the tiny model's latents

    private static GeneratorOptional generator(long seed) { return new GeneratorOptional(createCPUGenerator(seed)); }

    private static float[] values(Tensor t) {
        float[] v = new float[(int) t.numel()];
        t.contiguous().<FloatBuffer>createBuffer().get(v);
        return v;
    }

    private static float at(float[] grids, int frame, int channel, int y, int x) {
        return grids[((frame * CHANNELS + channel) * ROWS + y) * COLS + x];
    }

    private static List<CameraView> pan(double pixelsPerFrame, int frames) {
        List<CameraView> views = new ArrayList<>();
        for (int f = 0; f < frames; f++) views.add(new CameraView(pixelsPerFrame * f, 0, 1));
        return views;
    }

    @Test void aStillCameraSeesTheSameUnitVarianceNoiseInEveryFrame() {
        try (PointerScope scope = new PointerScope()) {
            float[] g = values(CameraNoise.grids(Collections.nCopies(5, new CameraView(0, 0, 1)), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(1)));
            double sum = 0, squares = 0;
            for (int c = 0; c < CHANNELS; c++)
                for (int y = 0; y < ROWS; y++)
                    for (int x = 0; x < COLS; x++) {
                        for (int f = 1; f < 5; f++) assertThat(at(g, f, c, y, x)).isEqualTo(at(g, 0, c, y, x));
                        sum += at(g, 0, c, y, x);
                        squares += at(g, 0, c, y, x) * at(g, 0, c, y, x);
                    }
            int n = CHANNELS * ROWS * COLS;
            assertThat(sum / n).isCloseTo(0, within(0.2));
            assertThat(squares / n).isCloseTo(1, within(0.25));
        }
    }

    @Test void theNoiseMovesWithThePictureWhenTheCameraPans() {
        try (PointerScope scope = new PointerScope()) {
            // the view moving right by one cell a frame: what was at column x shows at column x - 1 a frame later
            float[] g = values(CameraNoise.grids(pan(8, 3), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(2)));
            for (int c = 0; c < CHANNELS; c++)
                for (int y = 0; y < ROWS; y++)
                    for (int x = 0; x < COLS - 2; x++) {
                        assertThat(at(g, 1, c, y, x)).isEqualTo(at(g, 0, c, y, x + 1));
                        assertThat(at(g, 2, c, y, x)).isEqualTo(at(g, 0, c, y, x + 2));
                    }
            // and the columns the view newly shows are new noise, not the first frame's wrapped round
            assertThat(at(g, 1, 0, 0, COLS - 1)).isNotEqualTo(at(g, 0, 0, 0, 0));
        }
    }

    @Test void betweenCellsTheNoiseKeepsUnitVariance() {
        try (PointerScope scope = new PointerScope()) {
            double squares = 0;
            int n = 0;
            for (long seed = 0; seed < 20; seed++) {
                float[] g = values(CameraNoise.grids(pan(3, 2), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(seed)));
                for (int i = CHANNELS * ROWS * COLS; i < g.length; i++, n++) squares += g[i] * g[i];
            }
            assertThat(squares / n).isCloseTo(1, within(0.1));
        }
    }

    @Test void aZoomMagnifiesTheNoiseAboutTheCentre() {
        try (PointerScope scope = new PointerScope()) {
            List<CameraView> zoom = List.of(new CameraView(0, 0, 1), new CameraView(0, 0, 2));
            // at zoom 2 columns 3 and 4 both read between the canvas cells of the first frame's columns 3 and 4: they
            // correlate by 0.6, where the unzoomed frame's neighbours do not
            double near = 0, far = 0;
            int n = 0;
            for (long seed = 0; seed < 20; seed++) {
                float[] g = values(CameraNoise.grids(zoom, CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(seed)));
                for (int c = 0; c < CHANNELS; c++)
                    for (int y = 0; y < ROWS; y++, n++) {
                        near += at(g, 1, c, y, 3) * at(g, 1, c, y, 4);
                        far += at(g, 0, c, y, 3) * at(g, 0, c, y, 4);
                    }
            }
            assertThat(near / n).isCloseTo(0.6, within(0.15));
            assertThat(far / n).isCloseTo(0, within(0.15));
        }
    }

    @Test void theSameSeedAndViewsGiveTheSameNoise() {
        try (PointerScope scope = new PointerScope()) {
            float[] a = values(CameraNoise.grids(pan(1, 17), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(4)));
            float[] b = values(CameraNoise.grids(pan(1, 17), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(4)));
            float[] c = values(CameraNoise.grids(pan(1, 17), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(5)));
            assertThat(a).isEqualTo(b);
            assertThat(a).isNotEqualTo(c);
        }
    }

    @Test void noViewsAreRefused() {
        assertThatThrownBy(() -> CameraNoise.grids(List.of(), CHANNELS, ROWS, COLS, WIDTH, HEIGHT, generator(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no camera views");
    }
}
