package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            List<RgbFrame> frames = Mp4Reader.read(cache.resolve(id + ".mp4")).video().frames();
            List<List<RgbFrame>> rows = new ArrayList<>();
            for (int k = 0; k < frames.size(); k += 9) rows.add(frames.subList(k, Math.min(k + 9, frames.size())));
            Files.createDirectories(cache.resolve("strips"));
            Png.write(cache.resolve("strips").resolve(id + ".png"), Png.scaleUp(FrameGrid.of(rows), 4));
        }
    }
}
