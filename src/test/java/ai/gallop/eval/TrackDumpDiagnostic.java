package ai.gallop.eval;

import ai.gallop.Json;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.FrameTruth;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a CI test: dumps every track the picture side finds in the dev suite's real clips (cached
 * under /tmp/gdiag) with its blobs (boxes, masks, shape features), the shot's camera motions and,
 * for study only, the rendered subject it overlaps most (kind, action, direction, size), to
 * tracks.jsonl, so detectors can be studied offline. Run with -Dtest=TrackDumpDiagnostic.
 */
class TrackDumpDiagnostic {
    @Test void dumpTracks() throws Exception {
        int limit = Integer.getInteger("gallop.diag.limit", 350);
        Path cache = Path.of(System.getProperty("gallop.diag.cache", "/tmp/gdiag"));
        World world = new World();
        PictureAnalyzer analyzer = new PictureAnalyzer();
        // -Dgallop.diag.sampled=FIRST:COUNT:WxH@FPS dumps sampled specs instead of the dev suite
        String sampled = System.getProperty("gallop.diag.sampled");
        List<PromptSuite.Entry> entries = new ArrayList<>();
        String name = "tracks.jsonl";
        if (sampled == null) entries.addAll(PromptSuite.load("dev").entries());
        else {
            String[] p = sampled.split("[:x@]");
            long first = Long.parseLong(p[0]);
            VideoFormat format = new VideoFormat(Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]), 17);
            SpecSampler sampler = new SpecSampler();
            for (long seed = first; seed < first + Integer.parseInt(p[1]); seed++)
                entries.add(new PromptSuite.Entry("s" + p[2] + "x" + p[3] + "f" + p[4] + "-" + seed, PromptSuite.Task.T2V,
                        Language.EN, "sampled", seed, sampler.sample(seed, format)));
            name = "tracks-" + sampled.replace(':', '-').replace('@', 'f') + ".jsonl";
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(cache.resolve(name)))) {
            for (PromptSuite.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
                Path file = cache.resolve(e.id() + ".mp4");
                RenderedClip truth = world.render(e.spec());
                if (!Files.exists(file)) Mp4Writer.write(file, truth.video(), Map.of("prompt", e.prompt()));
                Video video = Mp4Reader.read(file).video();
                PictureAnalysis analysis = analyzer.analyse(video);
                List<Object> shots = new ArrayList<>();
                for (ShotAnalysis shot : analysis.shots()) {
                    List<Object> tracks = new ArrayList<>();
                    for (SubjectTrack st : shot.subjects()) {
                        Map<Integer, Integer> votes = new HashMap<>();
                        List<Object> blobs = new ArrayList<>();
                        for (int i = 0; i < st.track().length(); i++) {
                            Blob b = st.track().at(i);
                            if (b == null) continue;
                            int frame = shot.start() + i;
                            FrameTruth ft = truth.truth().frames().get(frame);
                            int best = -1;
                            double bestIou = 0;
                            for (SubjectTruth s : ft.subjects()) {
                                if (s.box() == null || s.colour() != b.colour()) continue;
                                double iou = iou(b, s.box().x0(), s.box().y0(), s.box().x1(), s.box().y1());
                                if (iou > bestIou) { bestIou = iou; best = s.index(); }
                            }
                            if (best >= 0) votes.merge(ft.shot() * 100 + best, 1, Integer::sum);
                            StringBuilder mask = new StringBuilder();
                            for (boolean m : b.mask()) mask.append(m ? '1' : '0');
                            Map<String, Object> bm = new LinkedHashMap<>();
                            bm.put("f", frame);
                            bm.put("box", new int[]{b.x0(), b.y0(), b.x1(), b.y1()});
                            bm.put("area", b.area());
                            bm.put("c", new double[]{b.cx(), b.cy()});
                            bm.put("mask", mask.toString());
                            bm.put("feat", ShapeClassifier.features(b, analysis.frames().get(frame)));
                            bm.put("truthIou", bestIou);
                            bm.put("tyre", tyre(b, analysis.frames().get(frame)));
                            blobs.add(bm);
                        }
                        Map<String, Object> tm = new LinkedHashMap<>();
                        tm.put("colour", st.colour());
                        tm.put("kind", st.kind());
                        tm.put("action", st.action());
                        tm.put("dir", st.direction());
                        tm.put("outline", ActionClassifier.outlineChange(st.track()));
                        tm.put("turn", ActionClassifier.medianTurn(st.track()));
                        int key = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
                        if (key >= 0) {
                            SubjectSpec s = e.spec().shots().get(key / 100).subjects().get(key % 100);
                            tm.put("truth", Map.of("shot", key / 100, "index", key % 100, "kind", s.kind(), "action", s.action(),
                                    "dir", s.direction(), "size", s.size()));
                        }
                        tm.put("blobs", blobs);
                        tracks.add(tm);
                    }
                    List<double[]> motions = shot.motions().stream().map(m -> new double[]{m.dx(), m.dy(), m.scale(), m.residual()}).toList();
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("start", shot.start());
                    sm.put("end", shot.end());
                    sm.put("scene", shot.scene());
                    sm.put("camera", shot.camera());
                    sm.put("motions", motions);
                    CameraMotion across = shot.end() - shot.start() < 2 ? CameraMotion.NONE
                            : new CameraEstimator().estimateAcross(analysis.frames().get(shot.start()), analysis.frames().get(shot.end() - 1),
                            analysis.blobs().get(shot.start()), analysis.blobs().get(shot.end() - 1));
                    sm.put("across", new double[]{across.dx(), across.dy(), across.scale(), across.residual()});
                    sm.put("tracks", tracks);
                    shots.add(sm);
                }
                Map<String, Object> clip = new LinkedHashMap<>();
                clip.put("id", e.id());
                clip.put("fps", video.fps());
                clip.put("w", video.width());
                clip.put("h", video.height());
                clip.put("spec", e.spec());
                clip.put("shots", shots);
                List<Object> truthFrames = new ArrayList<>();
                for (FrameTruth ft : truth.truth().frames()) {
                    List<Object> subs = new ArrayList<>();
                    for (SubjectTruth st : ft.subjects())
                        subs.add(st.box() == null ? null : new int[]{st.index(), st.box().x0(), st.box().y0(), st.box().x1(), st.box().y1(), st.pixels()});
                    truthFrames.add(subs);
                }
                clip.put("truthBoxes", truthFrames);
                out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(clip));
            }
        }
    }

    /** Tyre-grey pixels 8-adjacent to the mask: {count, largest 4-connected cluster, count within RGB 10}. */
    static int[] tyre(Blob blob, RgbFrame frame) {
        int w = frame.width(), h = frame.height();
        boolean[] t = new boolean[w * h];
        int count = 0, tight = 0;
        for (int y = Math.max(0, blob.y0() - 1); y < Math.min(h, blob.y1() + 1); y++)
            for (int x = Math.max(0, blob.x0() - 1); x < Math.min(w, blob.x1() + 1); x++) {
                if (blob.covers(x, y)) continue;
                boolean adjacent = false;
                for (int dy = -1; dy <= 1 && !adjacent; dy++) for (int dx = -1; dx <= 1; dx++) if (blob.covers(x + dx, y + dy)) { adjacent = true; break; }
                if (!adjacent) continue;
                int p = frame.get(x, y);
                double dr = (p >> 16 & 255) - 38, dg = (p >> 8 & 255) - 38, db = (p & 255) - 38;
                double d = dr * dr + dg * dg + db * db;
                if (d <= 256) { t[y * w + x] = true; count++; }
                if (d <= 100) tight++;
            }
        int best = 0;
        boolean[] seen = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            if (!t[i] || seen[i]) continue;
            ArrayDeque<Integer> q = new ArrayDeque<>(List.of(i));
            seen[i] = true;
            int n = 0;
            while (!q.isEmpty()) {
                int c = q.poll(); n++;
                int cx = c % w, cy = c / w;
                int[][] nb = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                for (int[] d : nb) {
                    int nx = cx + d[0], ny = cy + d[1];
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                    int k = ny * w + nx;
                    if (t[k] && !seen[k]) { seen[k] = true; q.add(k); }
                }
            }
            best = Math.max(best, n);
        }
        return new int[]{count, best, tight};
    }

    private static double iou(Blob b, int x0, int y0, int x1, int y1) {
        int ix = Math.max(0, Math.min(b.x1(), x1) - Math.max(b.x0(), x0)), iy = Math.max(0, Math.min(b.y1(), y1) - Math.max(b.y0(), y0));
        double inter = (double) ix * iy;
        return inter / ((double) b.boxWidth() * b.boxHeight() + (double) (x1 - x0) * (y1 - y0) - inter);
    }
}
