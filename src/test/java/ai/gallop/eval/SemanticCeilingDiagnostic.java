package ai.gallop.eval;

import ai.gallop.Json;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a CI test (its name escapes surefire's patterns): renders the dev suite through MP4 (cached
 * under /tmp/gdiag), scores every clip, prints expected against detected shots and subjects for
 * every clip scoring under 1 on a semantic dimension, and writes the clip reports, per-frame cut
 * signals and per-track outline changes as JSON to reports.jsonl for closer study.
 * Run with -Dtest=SemanticCeilingDiagnostic -Dgallop.diag.limit=N.
 */
class SemanticCeilingDiagnostic {
    @Test void writeDevSuiteReports() throws Exception {
        int limit = Integer.getInteger("gallop.diag.limit", 350);
        Path cache = Path.of(System.getProperty("gallop.diag.cache", "/tmp/gdiag"));
        Files.createDirectories(cache);
        World world = new World();
        Evaluator evaluator = new Evaluator();
        ColourSegmenter segmenter = new ColourSegmenter();
        CameraEstimator camera = new CameraEstimator();
        List<PromptSuite.Entry> entries = PromptSuite.load("dev").entries();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(cache.resolve("reports.jsonl")))) {
            for (PromptSuite.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
                Path file = cache.resolve(e.id() + ".mp4");
                RenderedClip truth = null;
                if (!Files.exists(file)) {
                    truth = world.render(e.spec());
                    Mp4Writer.write(file, truth.video(), Map.of("prompt", e.prompt()));
                }
                Video video = Mp4Reader.read(file).video();
                RgbFrame image = null;
                if (e.task() == PromptSuite.Task.I2V) {
                    if (truth == null) truth = world.render(e.spec());
                    image = truth.video().frames().getFirst();
                }
                ClipReport report = evaluator.evaluate(video, e.prompt(), image);
                List<RgbFrame> frames = video.frames();
                List<List<Blob>> blobs = frames.stream().map(segmenter::segment).toList();
                List<double[]> signals = new ArrayList<>();
                for (int t = 1; t < frames.size(); t++) {
                    CameraMotion m = camera.estimate(frames.get(t - 1), frames.get(t), blobs.get(t - 1), blobs.get(t));
                    double hist = ColourHistogram.distance(ColourHistogram.of(frames.get(t - 1), null), ColourHistogram.of(frames.get(t), null));
                    signals.add(new double[]{t, hist, m.residual(), m.dx(), m.dy(), Math.log(m.scale()),
                            ShotCutDetector.subjectChange(blobs.get(t - 1), blobs.get(t), video.width(), video.height()),
                            inner(blobs.get(t - 1), video.width(), video.height()) + inner(blobs.get(t), video.width(), video.height())});
                }
                List<String> gaits = new ArrayList<>();
                for (ShotAnalysis shot : new PictureAnalyzer().analyse(video).shots())
                    for (SubjectTrack st : shot.subjects())
                        gaits.add(String.format(Locale.ROOT, "%d %s %s %s %.3f", shot.start(), st.colour(), st.kind(), st.action(), ActionClassifier.outlineChange(st.track())));
                out.println(Json.MAPPER.writeValueAsString(Map.of("id", e.id(), "spec", e.spec(), "report", report, "signals", signals, "gaits", gaits)));
                List<String> missed = report.dimensions().stream()
                        .filter(d -> d.group() == DimensionGroup.SEMANTIC && d.score() < 1).map(d -> d.name() + "=" + d.score()).toList();
                if (!missed.isEmpty()) {
                    System.out.printf(Locale.ROOT, "== %s %s (cut %d)%n", e.id(), missed, e.spec().cutFrame());
                    for (var shot : e.spec().shots()) System.out.println("  expected " + shot);
                    for (var shot : report.diagnostics().shots()) System.out.println("  found    " + shot);
                    for (var subject : report.diagnostics().subjects()) System.out.println("  found    " + subject);
                }
                out.flush();
            }
        }
        System.out.printf(Locale.ROOT, "diagnostic written to %s%n", cache.resolve("reports.jsonl"));
    }

    private static int inner(List<Blob> blobs, int w, int h) {
        return blobs.stream().filter(b -> b.x0() > 0 && b.y0() > 0 && b.x1() < w && b.y1() < h).mapToInt(Blob::area).sum();
    }
}
