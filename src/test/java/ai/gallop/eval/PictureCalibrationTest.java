package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.PixelBox;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.ShotSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibrates the picture judge on the world's own renders: real clips must score high on every
 * semantic dimension, and each corruption must pull down the dimension it targets.
 */
class PictureCalibrationTest {
    private static final VideoFormat FORMAT = new VideoFormat(64, 64, 8, 17);
    private final WorldRenderer renderer = new WorldRenderer();
    private final PictureEvaluator evaluator = new PictureEvaluator();

    /** Travelling subjects over a static camera: every motion corruption has something to break. */
    private static final List<SubjectSpec> TRAVELLERS = List.of(
            new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.LARGE, Action.GALLOP, Direction.RIGHT),
            new SubjectSpec(Subject.CAR, Colour.RED, Size.MEDIUM, Action.MOVE, Direction.LEFT),
            new SubjectSpec(Subject.BIRD, Colour.BLUE, Size.LARGE, Action.FLY, Direction.RIGHT),
            new SubjectSpec(Subject.FISH, Colour.ORANGE, Size.LARGE, Action.SWIM, Direction.LEFT),
            new SubjectSpec(Subject.BOX, Colour.PURPLE, Size.MEDIUM, Action.MOVE, Direction.RIGHT),
            new SubjectSpec(Subject.STAR, Colour.YELLOW, Size.LARGE, Action.MOVE, Direction.LEFT));

    /**
     * Sampled specs rendered, written to MP4 and read back (the codec is part of every real clip's
     * score). The CI sample is seeds 0 to 95 (about 15 s); -Dgallop.eval.calibrationCount=N changes it.
     * A clip whose own render does not show a stated relation by VBench's rule (the renderer's visible
     * boxes on the first frame both subjects are seen) is left out: the world could not stage that
     * spec (seed 84 asks for three large subjects side by side, shrinking from 1.4 times their size,
     * in a zooming shot 64 pixels wide), and the judge is calibrated on clips that show what they claim.
     */
    @Test void realRendersScoreHighOnEverySemanticDimension(@TempDir Path scratch) throws IOException {
        int count = Integer.getInteger("gallop.eval.calibrationCount", 96);
        SpecSampler sampler = new SpecSampler();
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<Long> unstaged = new ArrayList<>();
        for (long seed = 0; seed < count; seed++) {
            SceneSpec spec = sampler.sample(seed, FORMAT);
            RenderedClip clip = renderer.render(spec);
            if (!stagesEveryRelation(spec, clip)) { unstaged.add(seed); continue; }
            Path file = scratch.resolve("clip-" + seed + ".mp4");
            Mp4Writer.write(file, clip.video(), Map.of());
            PictureEvaluator.Scores s = evaluator.evaluate(Mp4Reader.read(file).video(), Expectation.of(spec));
            Map<String, Double> all = new LinkedHashMap<>(s.semantic());
            all.putAll(s.quality());
            all.forEach((name, v) -> { double[] a = sums.computeIfAbsent(name, k -> new double[2]); a[0] += v; a[1]++; });
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((name, a) -> mean.put(name, a[0] / a[1]));
        System.out.printf(Locale.ROOT, "calibration: %d clips, left out (relations the world could not stage): %s%n", count - unstaged.size(), unstaged);
        mean.forEach((name, v) -> System.out.printf(Locale.ROOT, "calibration %-22s %.3f (n=%d)%n", name, v, (int) sums.get(name)[1]));
        assertThat(unstaged.size()).as("clips the world could not stage").isLessThanOrEqualTo(count / 20);
        // seeds 0-95 (84 left out): action 0.991 and camera_motion 0.995, every other semantic dimension 1.000;
        // seeds 96-191 are harder (camera_motion 0.958: zooms over a flat studio or night sky or behind a
        // subject covering a seventh of the picture; action 0.969; shots 0.979), see docs/evaluation.md
        for (String d : SemanticDimensions.NAMES)
            assertThat(mean.get(d)).as(d).isGreaterThanOrEqualTo(0.98);
        assertThat(mean.get(QualityDimensions.TEMPORAL_FLICKERING)).isGreaterThanOrEqualTo(0.99);
        assertThat(mean.get(QualityDimensions.BACKGROUND_CONSISTENCY)).isGreaterThanOrEqualTo(0.95);
    }

    /** Whether the renderer's own visible boxes pass VBench's dominant-axis rule for every stated relation. */
    private static boolean stagesEveryRelation(SceneSpec spec, RenderedClip clip) {
        for (int s = 0; s < spec.shots().size(); s++)
            for (RelationSpec r : spec.shots().get(s).relations()) {
                boolean shown = false;
                for (int k = spec.shotStart(s); k < spec.shotEnd(s); k++) {
                    PixelBox a = null, b = null;
                    for (SubjectTruth t : clip.truth().frames().get(k).subjects()) {
                        if (t.index() == r.subject()) a = t.box();
                        if (t.index() == r.reference()) b = t.box();
                    }
                    if (a == null || b == null) continue;
                    double dx = b.centreX() - a.centreX(), dy = b.centreY() - a.centreY();
                    shown = switch (r.relation()) {
                        case LEFT_OF -> dx > 0 && Math.abs(dx) > Math.abs(dy);
                        case RIGHT_OF -> dx < 0 && Math.abs(dx) > Math.abs(dy);
                        case ABOVE -> dy > 0 && Math.abs(dy) > Math.abs(dx);
                        case BELOW -> dy < 0 && Math.abs(dy) > Math.abs(dx);
                    };
                    break;
                }
                if (!shown) return false;
            }
        return true;
    }

    /**
     * Generated videos are noisy: the same sampled renders (through the codec) with Gaussian noise
     * added must keep their kinds, colours and scenes, because the detectors see such frames
     * cleaned ({@link FrameDenoiser}); the clean renders must stay well under its trigger, so their
     * scores above are untouched.
     */
    @Test void noisyRendersKeepKindColourAndScene(@TempDir Path scratch) throws IOException {
        SpecSampler sampler = new SpecSampler();
        double maxCleanNoise = 0; // clean renders measure 0 or 1
        double[][] sums = new double[2][3];
        int[][] counts = new int[2][3];
        double[] sigmas = {10, 20};
        String[] dims = {SemanticDimensions.OBJECT_CLASS, SemanticDimensions.COLOUR, SemanticDimensions.SCENE};
        for (long seed = 0; seed < 24; seed++) {
            SceneSpec spec = sampler.sample(seed, FORMAT);
            Path file = scratch.resolve("clip-" + seed + ".mp4");
            Mp4Writer.write(file, renderer.render(spec).video(), Map.of());
            Video clean = Mp4Reader.read(file).video();
            for (RgbFrame f : clean.frames()) maxCleanNoise = Math.max(maxCleanNoise, FrameDenoiser.noiseLevel(f));
            for (int s = 0; s < sigmas.length; s++) {
                double sigma = sigmas[s];
                long base = seed * 1000;
                List<RgbFrame> noisyFrames = new ArrayList<>();
                for (int k = 0; k < clean.frames().size(); k++)
                    noisyFrames.add(SyntheticFrames.noisy(clean.frames().get(k), sigma, base + k + (long) sigma * 100_000));
                Map<String, Double> sem = evaluator.evaluate(new Video(clean.fps(), noisyFrames, null), Expectation.of(spec)).semantic();
                for (int d = 0; d < dims.length; d++)
                    if (sem.containsKey(dims[d])) { sums[s][d] += sem.get(dims[d]); counts[s][d]++; }
            }
        }
        System.out.printf(Locale.ROOT, "noise: clean renders' highest noise level %.1f (trigger %.1f)%n", maxCleanNoise, FrameDenoiser.TRIGGER);
        assertThat(maxCleanNoise).as("clean noise level").isLessThanOrEqualTo(FrameDenoiser.TRIGGER / 2);
        for (int s = 0; s < sigmas.length; s++)
            for (int d = 0; d < dims.length; d++) {
                double mean = sums[s][d] / counts[s][d];
                System.out.printf(Locale.ROOT, "noise sigma %.0f %-14s %.3f (n=%d)%n", sigmas[s], dims[d], mean, counts[s][d]);
                // seeds 0-23 reach 1.000 / 0.986 object_class at sigma 10 / 20, colour and scene 1.000 (0.1 before the denoiser)
                assertThat(mean).as("sigma " + sigmas[s] + " " + dims[d]).isGreaterThanOrEqualTo(0.9);
            }
    }

    @Test void travellersAreRecognisedExactly() {
        for (SubjectSpec s : TRAVELLERS) {
            SceneSpec spec = single(s, 1);
            Map<String, Double> sem = evaluator.evaluate(renderer.render(spec).video(), Expectation.of(spec)).semantic();
            assertThat(sem).as(s.toString()).containsEntry(SemanticDimensions.OBJECT_CLASS, 1.0)
                    .containsEntry(SemanticDimensions.COLOUR, 1.0).containsEntry(SemanticDimensions.ACTION, 1.0)
                    .containsEntry(SemanticDimensions.SCENE, 1.0).containsEntry(SemanticDimensions.CAMERA_MOTION, 1.0);
        }
    }

    @Test void swappedColoursLoseTheColourDimension() {
        double drop = meanDrop(SemanticDimensions.COLOUR, true, video -> map(video, PictureCalibrationTest::swapColours));
        assertThat(drop).isGreaterThanOrEqualTo(0.9);
    }

    @Test void mirroredMotionLosesTheDirectionOfEveryTraveller() {
        // the right action going the wrong way scores 0.5 instead of 1
        double drop = meanDrop(SemanticDimensions.ACTION, true, video -> map(video, PictureCalibrationTest::mirror));
        assertThat(drop).isGreaterThanOrEqualTo(0.45);
    }

    @Test void frozenFramesLoseDynamicDegreeAndAction() {
        UnaryOperator<Video> freeze = video -> new Video(video.fps(), Collections.nCopies(video.frames().size(), video.frames().getFirst()), null);
        assertThat(meanDrop(QualityDimensions.DYNAMIC_DEGREE, false, freeze)).isGreaterThanOrEqualTo(0.99);
        assertThat(meanDrop(SemanticDimensions.ACTION, true, freeze)).isGreaterThanOrEqualTo(0.9);
    }

    @Test void shuffledFramesLoseMotionSmoothness() {
        UnaryOperator<Video> shuffle = video -> {
            List<RgbFrame> frames = new ArrayList<>(video.frames());
            Collections.shuffle(frames, new Random(7));
            return new Video(video.fps(), frames, null);
        };
        assertThat(meanDrop(QualityDimensions.MOTION_SMOOTHNESS, false, shuffle)).isGreaterThanOrEqualTo(0.3);
    }

    @Test void noiseLowersFlickeringScoreAndFirstFrameFidelity() {
        SceneSpec spec = single(TRAVELLERS.getFirst(), 3);
        Video real = renderer.render(spec).video();
        Video noisy = map(real, f -> SyntheticFrames.noisy(f, 20, f.hashCode()));
        RgbFrame image = real.frames().getFirst();
        PictureEvaluator.Scores clean = evaluator.evaluate(real, Expectation.of(spec), image);
        PictureEvaluator.Scores dirty = evaluator.evaluate(noisy, Expectation.of(spec), image);
        // VBench's flicker formula moves little: noise of sigma 20 adds ~22/255 to the mean frame difference
        assertThat(clean.quality().get(QualityDimensions.TEMPORAL_FLICKERING) - dirty.quality().get(QualityDimensions.TEMPORAL_FLICKERING))
                .isGreaterThanOrEqualTo(0.04);
        assertThat(clean.imageToVideo().get(ImageToVideoDimensions.FIRST_FRAME_SSIM)).isEqualTo(1.0);
        assertThat(clean.imageToVideo().get(ImageToVideoDimensions.FIRST_FRAME_SSIM)
                - dirty.imageToVideo().get(ImageToVideoDimensions.FIRST_FRAME_SSIM)).isGreaterThanOrEqualTo(0.3);
        assertThat(clean.imageToVideo().get(ImageToVideoDimensions.SUBJECT)).isGreaterThanOrEqualTo(0.9);
    }

    @Test void theSameVideoAlwaysGetsTheSameScores() {
        SceneSpec spec = new SpecSampler().sample(11, FORMAT);
        Video v = renderer.render(spec).video();
        assertThat(evaluator.evaluate(v, Expectation.of(spec)).semantic())
                .isEqualTo(evaluator.evaluate(v, Expectation.of(spec)).semantic());
    }

    /** Mean over the travellers of score(real) - score(corrupted). */
    private double meanDrop(String dimension, boolean semantic, UnaryOperator<Video> corrupt) {
        double sum = 0;
        for (int i = 0; i < TRAVELLERS.size(); i++) {
            SceneSpec spec = single(TRAVELLERS.get(i), i);
            Video real = renderer.render(spec).video();
            sum += score(real, spec, dimension, semantic) - score(corrupt.apply(real), spec, dimension, semantic);
        }
        return sum / TRAVELLERS.size();
    }

    private double score(Video v, SceneSpec spec, String dimension, boolean semantic) {
        PictureEvaluator.Scores s = evaluator.evaluate(v, Expectation.of(spec));
        return (semantic ? s.semantic() : s.quality()).get(dimension);
    }

    private static SceneSpec single(SubjectSpec subject, long seed) {
        Scene scene = Scene.values()[(int) (seed % Scene.values().length)];
        return SceneSpec.of(seed, FORMAT, new ShotSpec(scene, Camera.STATIC, List.of(subject), List.of()));
    }

    private static Video map(Video v, UnaryOperator<RgbFrame> f) {
        return new Video(v.fps(), v.frames().stream().map(f).toList(), null);
    }

    private static RgbFrame mirror(RgbFrame f) {
        RgbFrame out = RgbFrame.blank(f.width(), f.height());
        for (int y = 0; y < f.height(); y++)
            for (int x = 0; x < f.width(); x++) out.set(f.width() - 1 - x, y, f.get(x, y));
        return out;
    }

    /** Repaints every exact vocabulary-colour pixel in the next colour of the vocabulary. */
    private static RgbFrame swapColours(RgbFrame f) {
        Colour[] colours = Colour.values();
        RgbFrame out = f.copy();
        for (int y = 0; y < f.height(); y++)
            for (int x = 0; x < f.width(); x++)
                for (int c = 0; c < colours.length; c++)
                    if (f.get(x, y) == colours[c].rgb()) out.set(x, y, colours[(c + 3) % colours.length].rgb());
        return out;
    }
}
