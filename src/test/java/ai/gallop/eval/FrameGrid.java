package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.List;

/** Frames laid out in rows for looking at (the probes' and diagnostics' pictures): 2 dark pixels between cells. */
final class FrameGrid {
    private FrameGrid() {}

    /** One row per list, its frames left to right; rows may differ in length. All frames share the first one's size. */
    static RgbFrame of(List<List<RgbFrame>> rows) {
        RgbFrame first = rows.getFirst().getFirst();
        int w = first.width(), h = first.height(), columns = rows.stream().mapToInt(List::size).max().orElseThrow();
        RgbFrame grid = RgbFrame.blank(columns * (w + 2), rows.size() * (h + 2));
        for (int r = 0; r < rows.size(); r++)
            for (int c = 0; c < rows.get(r).size(); c++) {
                RgbFrame frame = rows.get(r).get(c);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) grid.set(c * (w + 2) + x, r * (h + 2) + y, frame.get(x, y));
            }
        return grid;
    }
}
