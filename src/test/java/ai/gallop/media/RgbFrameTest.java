package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbFrameTest {
    @Test void packedPixelsBecomeAFrameRowByRow() {
        RgbFrame frame = RgbFrame.ofPacked(3, 2, new int[]{0x102030, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0xAB123456});
        assertThat(frame.get(0, 0)).isEqualTo(0x102030);
        assertThat(frame.get(1, 0)).isEqualTo(0xFF0000);
        assertThat(frame.get(0, 1)).isEqualTo(0x0000FF);
        assertThat(frame.get(2, 1)).as("the top byte is ignored").isEqualTo(0x123456);
        assertThatThrownBy(() -> RgbFrame.ofPacked(3, 2, new int[5])).hasMessage("5 packed pixels for a 3x2 frame; expected 6");
    }
}
