package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.FrameTruth;
import ai.gallop.world.PromptParser;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a CI test (its name escapes surefire's patterns): scores the dev suite's real clips (rendered
 * through MP4 and cached under /tmp/gdiag, shared with {@link SemanticCeilingDiagnostic}) against
 * their prompts and prints every missed item of action, multiple_objects, object_class and
 * spatial_relationship with its reason: the actor asked for, the track it was matched with (kind,
 * action, outline change, turn), and for a relation the boxes the judge used on the first frame
 * both subjects are seen next to the renderer's own boxes there, so that a layout on the diagonal
 * tells itself apart from a detector miss. The renderer is consulted for that comparison only.
 * Run with -Dtest=SemanticMissDiagnostic [-Dgallop.diag.limit=N] [-Dgallop.diag.from=K]; the options below
 * score sampled specs instead (-Dgallop.diag.sampled=FIRST:COUNT), add noise (-Dgallop.diag.noise=SIGMA)
 * or print one colour's blobs in one clip (-Dgallop.diag.blobs=ID:COLOUR).
 */
class SemanticMissDiagnostic {
    @Test void listMisses() throws Exception {
        int from = Integer.getInteger("gallop.diag.from", 0), limit = Integer.getInteger("gallop.diag.limit", 350);
        Path cache = Path.of(System.getProperty("gallop.diag.cache", "/tmp/gdiag"));
        Files.createDirectories(cache);
        World world = new World();
        PromptParser parser = new PromptParser();
        PictureAnalyzer analyzer = new PictureAnalyzer();
        List<PromptSuite.Entry> entries = PromptSuite.load("dev").entries();
        // -Dgallop.diag.sampled=FIRST:COUNT scores sampled specs (64x64, 8 fps, 17 frames) against the strict
        // expectation of their spec, as PictureCalibrationTest does, instead of the dev suite's prompts
        String sampled = System.getProperty("gallop.diag.sampled");
        if (sampled != null) {
            String[] p = sampled.split(":");
            SpecSampler sampler = new SpecSampler();
            List<PromptSuite.Entry> list = new ArrayList<>();
            for (long seed = Long.parseLong(p[0]); seed < Long.parseLong(p[0]) + Integer.parseInt(p[1]); seed++)
                list.add(new PromptSuite.Entry("cal-" + seed, PromptSuite.Task.T2V, Language.EN, "sampled", seed,
                        sampler.sample(seed, new VideoFormat(64, 64, 8, 17))));
            entries = list;
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (PromptSuite.Entry e : entries.subList(from, Math.min(from + limit, entries.size()))) {
            Path file = cache.resolve(e.id() + ".mp4");
            if (!Files.exists(file)) Mp4Writer.write(file, world.render(e.spec()).video(), Map.of("prompt", e.prompt()));
            Video video = Mp4Reader.read(file).video();
            // -Dgallop.diag.noise=SIGMA adds Gaussian noise as PictureCalibrationTest's noisy renders do
            double sigma = Double.parseDouble(System.getProperty("gallop.diag.noise", "0"));
            if (sigma > 0) {
                List<RgbFrame> noisy = new ArrayList<>();
                for (int k = 0; k < video.frames().size(); k++)
                    noisy.add(SyntheticFrames.noisy(video.frames().get(k), sigma, e.seed() * 1000 + k + (long) sigma * 100_000));
                video = new Video(video.fps(), noisy, null);
            }
            Expectation expected = sampled != null ? Expectation.of(e.spec()) : Expectation.of(parser.parse(e.prompt()));
            PictureAnalysis analysis = analyzer.analyse(video);
            Map<String, Double> scores = SemanticDimensions.score(analysis, expected);
            // -Dgallop.diag.blobs=ID:COLOUR prints that colour's blobs in every frame of the clip
            String[] watch = System.getProperty("gallop.diag.blobs", ":").split(":");
            if (watch.length == 2 && watch[0].equals(e.id()))
                for (int k = 0; k < analysis.blobs().size(); k++)
                    for (Blob b : analysis.blobs().get(k))
                        if (b.colour().name().equalsIgnoreCase(watch[1]))
                            System.out.printf(Locale.ROOT, "   blob f%d %s area=%d c=(%.1f,%.1f)%n", k, box(b), b.area(), b.cx(), b.cy());
            scores.forEach((k, v) -> { double[] a = sums.computeIfAbsent(k, x -> new double[2]); a[0] += v; a[1]++; });
            List<String> missed = scores.entrySet().stream().filter(x -> x.getValue() < 1).map(x -> x.getKey() + "=" + String.format(Locale.ROOT, "%.3f", x.getValue())).toList();
            if (missed.isEmpty()) continue;
            System.out.printf(Locale.ROOT, "== %s %s%n   %s%n", e.id(), missed, e.prompt());
            RenderedClip truth = null;
            for (int s = 0; s < expected.shots().size(); s++) {
                Expectation.Shot want = expected.shots().get(s);
                ShotAnalysis got = analysis.shots().get(Math.min(s, analysis.shots().size() - 1));
                System.out.printf(Locale.ROOT, "  shot %d [%d,%d) %s %s (asked %s %s)%n", s, got.start(), got.end(), got.scene(), got.camera(), want.scene(), want.camera());
                for (SubjectTrack t : got.subjects())
                    System.out.printf(Locale.ROOT, "    track %s %s %s %s frames=%d area=%.0f outline=%.3f turn=%.1f%n", t.colour(), t.kind(), t.action(), t.direction(),
                            t.track().presentCount(), t.track().medianArea(), ActionClassifier.outlineChange(t.track()), ActionClassifier.medianTurn(t.track()));
                if (want.subjects().isEmpty()) continue;
                SubjectTrack[] matched = SubjectMatcher.match(want.subjects(), got.subjects());
                for (int i = 0; i < matched.length; i++) {
                    Expectation.Actor a = want.subjects().get(i);
                    SubjectTrack t = matched[i];
                    boolean ok = t != null && (a.kind() == null || a.kind() == t.kind()) && (a.colour() == null || a.colour() == t.colour())
                            && (a.action() == null || a.action() == t.action() && (a.direction() == null || a.direction() == Direction.NONE || a.direction() == t.direction()));
                    System.out.printf(Locale.ROOT, "    %s actor %d %s %s %s %s -> %s%n", ok ? "  " : "XX", i, a.colour(), a.kind(), a.action(), a.direction(),
                            t == null ? "none" : t.colour() + " " + t.kind() + " " + t.action() + " " + t.direction());
                }
                for (RelationSpec r : want.relations()) {
                    double score = SemanticDimensions.relationScore(r.relation(), matched[r.subject()], matched[r.reference()]);
                    if (score >= 1) continue;
                    SubjectTrack p = matched[r.subject()], q = matched[r.reference()];
                    System.out.printf(Locale.ROOT, "    XX relation %d %s %d: %.3f%n", r.subject(), r.relation(), r.reference(), score);
                    if (p == null || q == null) continue;
                    int first = -1;
                    for (int k = 0; k < Math.min(p.track().length(), q.track().length()); k++)
                        if (p.track().at(k) != null && q.track().at(k) != null) { first = k; break; }
                    if (first < 0) { System.out.println("       never seen together"); continue; }
                    Blob pb = p.track().at(first), qb = q.track().at(first);
                    System.out.printf(Locale.ROOT, "       frame %d judged boxes %s %s%n", got.start() + first, box(pb), box(qb));
                    if (truth == null) truth = world.render(e.spec());
                    FrameTruth ft = truth.truth().frames().get(got.start() + first);
                    List<String> tb = new ArrayList<>();
                    for (SubjectTruth st : ft.subjects())
                        tb.add(st.colour() + " " + st.kind() + " " + (st.box() == null ? "hidden" : "[" + st.box().x0() + "," + st.box().y0() + "," + st.box().x1() + "," + st.box().y1() + "]")
                                + " shape [" + st.shapeBox().x0() + "," + st.shapeBox().y0() + "," + st.shapeBox().x1() + "," + st.shapeBox().y1() + "]");
                    System.out.println("       truth " + tb);
                }
            }
        }
        sums.forEach((k, a) -> System.out.printf(Locale.ROOT, "mean %-22s %.4f (n=%d)%n", k, a[0] / a[1], (int) a[1]));
    }

    private static String box(Blob b) {
        return String.format(Locale.ROOT, "%s[%d,%d,%d,%d]", b.colour(), b.x0(), b.y0(), b.x1(), b.y1());
    }
}
