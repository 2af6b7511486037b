package ai.gallop.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameScalerTest {
    private static RgbFrame halves(int width, int height, int left, int right) {
        RgbFrame frame = RgbFrame.blank(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) frame.set(x, y, x < width / 2 ? left : right);
        return frame;
    }

    @Test
    void aWideFrameIsCroppedToTheCentreBeforeScaling() {
        // 8x2, left half red, right half green; the centred 2x2 crop is columns 3-4: one red, one green
        RgbFrame fitted = FrameScaler.fit(halves(8, 2, 0xFF0000, 0x00FF00), 2, 2);
        assertThat(fitted.get(0, 0)).isEqualTo(0xFF0000);
        assertThat(fitted.get(1, 1)).isEqualTo(0x00FF00);
    }

    @Test
    void shrinkingAveragesEverySourcePixelAndEnlargingRepeatsThem() {
        RgbFrame checker = RgbFrame.blank(4, 4);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++) checker.set(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
        RgbFrame grey = FrameScaler.fit(checker, 1, 1);
        assertThat(grey.get(0, 0) & 0xFF).isBetween(127, 128);  // a sampling scaler would give 0 or 255

        RgbFrame big = FrameScaler.fit(halves(2, 2, 0x102030, 0x405060), 4, 4);
        assertThat(big.get(1, 3)).isEqualTo(0x102030);
        assertThat(big.get(2, 0)).isEqualTo(0x405060);
        assertThat(FrameScaler.fit(checker, 4, 4)).isSameAs(checker);
    }

    @Test
    void anEmptyTargetIsRefused() {
        assertThatThrownBy(() -> FrameScaler.fit(RgbFrame.blank(4, 4), 0, 4))
                .hasMessage("target size 0x4 is out of range; allowed: at least 1x1");
    }
}
