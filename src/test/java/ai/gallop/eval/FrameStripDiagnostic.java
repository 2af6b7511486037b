package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a CI test: writes the decoded frames of cached clips (/tmp/gdiag/ID.mp4) as one PNG per clip,
 * frames in a row of up to 9, scaled 4x, for looking at a detector miss.
 * Run with -Dtest=FrameStripDiagnostic -Dgallop.diag.ids=dev-0106,dev-0233.
 */
class FrameStripDiagnostic {
    @Test void writeStrips() throws Exception {
        Path cache = Path.of(System.getProperty("gallop.diag.cache", "/tmp/gdiag"));
        for (String id : System.getProperty("gallop.diag.ids", "").split(",")) {
            if (id.isBlank()) continue;
            Video v = Mp4Reader.read(cache.resolve(id + ".mp4")).video();
            int n = v.frames().size(), cols = Math.min(9, n), rows = (n + cols - 1) / cols, w = v.width(), h = v.height();
            RgbFrame sheet = RgbFrame.blank(cols * (w + 2), rows * (h + 2));
            for (int k = 0; k < n; k++) {
                RgbFrame f = v.frames().get(k);
                int ox = (k % cols) * (w + 2), oy = (k / cols) * (h + 2);
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) sheet.set(ox + x, oy + y, f.get(x, y));
            }
            Files.createDirectories(cache.resolve("strips"));
            Png.write(cache.resolve("strips").resolve(id + ".png"), Png.scaleUp(sheet, 4));
        }
    }
}
