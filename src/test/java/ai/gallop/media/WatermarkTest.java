package ai.gallop.media;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatermarkTest {
    @Test void marksOnlyTheBottomRightCornerOfEveryFrameAndKeepsTheSound() {
        RgbFrame grey = RgbFrame.blank(64, 48);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) grey.set(x, y, 0x808080);
        Sound sound = Sound.silence(1, 16000);
        Video video = new Video(8, List.of(grey, grey.copy()), sound);
        Video marked = Watermark.apply(video, Watermark.TEXT);
        assertThat(marked.sound()).isSameAs(sound);
        assertThat(video.frames().getFirst()).as("the input is not drawn on").isEqualTo(grey);
        for (RgbFrame f : marked.frames()) {
            int changed = 0, ink = 0;
            for (int y = 0; y < 48; y++)
                for (int x = 0; x < 64; x++) {
                    if (f.get(x, y) == 0x808080) continue;
                    changed++;
                    assertThat(x).as("changed pixel column").isGreaterThanOrEqualTo(64 - 2 - 1 - BitmapFont.width(Watermark.TEXT, 1));
                    assertThat(y).as("changed pixel row").isGreaterThanOrEqualTo(48 - 2 - 1 - BitmapFont.height(1));
                    if (f.get(x, y) == Watermark.INK) ink++;
                }
            assertThat(ink).as("the mark's light pixels").isGreaterThan(10);
            assertThat(changed).isLessThan(64 * 48 / 10);
        }
        assertThatThrownBy(() -> Watermark.apply(video, "A VERY LONG WATERMARK TEXT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit a 64x48 frame; allowed: at most");
    }
}
