package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameGridTest {
    private static RgbFrame filled(int rgb) {
        RgbFrame f = RgbFrame.blank(3, 2);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) f.set(x, y, rgb);
        return f;
    }

    @Test
    void eachListIsARowAndShortRowsLeaveTheirCellsDark() {
        RgbFrame red = filled(0xFF0000), green = filled(0x00FF00), blue = filled(0x0000FF);

        RgbFrame grid = FrameGrid.of(List.of(List.of(red, green), List.of(blue)));

        assertThat(grid.width()).isEqualTo(2 * (3 + 2));
        assertThat(grid.height()).isEqualTo(2 * (2 + 2));
        assertThat(grid.get(0, 0)).isEqualTo(0xFF0000);
        assertThat(grid.get(5 + 2, 1)).isEqualTo(0x00FF00);
        assertThat(grid.get(3, 0)).as("gap").isZero();
        assertThat(grid.get(0, 4 + 1)).isEqualTo(0x0000FF);
        assertThat(grid.get(5, 4)).as("the short row's missing cell").isZero();
    }
}
