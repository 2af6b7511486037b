package ai.gallop.world;

import ai.gallop.Json;
import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static ai.gallop.world.WorldFixtures.single;
import static ai.gallop.world.WorldFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WorldRendererTest {
    private final WorldRenderer renderer = new WorldRenderer();

    @Test
    void sameSpecRendersToIdenticalBytesInAnyInstance() {
        List<SceneSpec> specs = new ArrayList<>(WorldFixtures.noisy(3, 40));
        specs.add(new SpecSampler(s -> true, 1.0).sample(41, VideoFormat.ofSeconds(128, 72, 24, 2)));
        for (SceneSpec spec : specs) {
            RenderedClip a = renderer.render(spec), b = renderer.render(spec), c = new WorldRenderer().render(spec);
            for (RenderedClip other : List.of(b, c)) {
                assertThat(other.video().frames()).isEqualTo(a.video().frames());
                assertThat(other.video().sound()).isEqualTo(a.video().sound());
                assertThat(Json.write(other.truth())).isEqualTo(Json.write(a.truth()));
                for (int k = 0; k < a.labels().size(); k++) assertThat(other.labels().get(k)).isEqualTo(a.labels().get(k));
            }
        }
        RenderedClip first = renderer.render(specs.getFirst());
        SceneSpec reseeded = new SceneSpec(999, specs.getFirst().format(), specs.getFirst().shots(), specs.getFirst().cutFrame());
        assertThat(renderer.render(reseeded).video().frames()).as("another seed moves things").isNotEqualTo(first.video().frames());
    }

    @Test
    void theCameraViewsOfASpecAreTheViewsItsFramesAreDrawnThrough() {
        List<SceneSpec> specs = new ArrayList<>(WorldFixtures.noisy(7, 12));
        for (Camera camera : Camera.values())
            specs.add(single(5, VideoFormat.DEFAULT, Scene.MEADOW, camera, subject(Subject.BALL, Colour.RED, Size.LARGE, Action.STILL, null)));
        int moving = 0, cuts = 0;
        for (SceneSpec spec : specs) {
            List<CameraView> views = WorldRenderer.cameraViews(spec);
            List<FrameTruth> truth = renderer.render(spec).truth().frames();
            assertThat(views).hasSize(truth.size());
            for (int f = 0; f < views.size(); f++) {
                CameraView drawn = truth.get(f).camera(), view = views.get(f);  // the ground truth keeps two decimals
                assertThat(view.offsetX()).isCloseTo(drawn.offsetX(), within(0.01));
                assertThat(view.offsetY()).isCloseTo(drawn.offsetY(), within(0.01));
                assertThat(view.zoom()).isCloseTo(drawn.zoom(), within(0.01));
            }
            if (!views.getLast().equals(views.getFirst())) moving++;
            if (spec.shots().size() > 1) cuts++;
        }
        assertThat(moving).as("clips whose camera moves").isGreaterThanOrEqualTo(4);
        assertThat(cuts).as("clips with a cut, where the view starts again").isGreaterThan(0);
    }

    @Test
    void relationsHoldAndSubjectsAreInsideTheFrameOnTheFirstFrameOfEachShot() {
        int relations = 0;
        for (SceneSpec spec : WorldFixtures.sampled(105, 2000)) {
            GroundTruth truth = renderer.render(spec).truth();
            int w = spec.format().width(), h = spec.format().height();
            for (int s = 0; s < spec.shots().size(); s++) {
                List<SubjectTruth> first = truth.frames().get(spec.shotStart(s)).subjects();
                for (SubjectTruth t : first) {
                    PixelBox b = t.shapeBox();
                    assertThat(b.x0() >= 0 && b.y0() >= 0 && b.x1() <= w && b.y1() <= h)
                            .as("seed %d shot %d subject %d %s inside %dx%d", spec.seed(), s, t.index(), b, w, h).isTrue();
                }
                for (RelationSpec r : spec.shots().get(s).relations()) {
                    PixelBox a = first.get(r.subject()).shapeBox(), ref = first.get(r.reference()).shapeBox();
                    double gap = switch (r.relation()) {
                        case LEFT_OF -> ref.centreX() - a.centreX();
                        case RIGHT_OF -> a.centreX() - ref.centreX();
                        case ABOVE -> ref.centreY() - a.centreY();
                        case BELOW -> a.centreY() - ref.centreY();
                    };
                    String what = "seed " + spec.seed() + " shot " + s + ": " + r;
                    assertThat(gap).as(what).isPositive();
                    assertThat(iou(a, ref)).as(what + " overlap").isLessThanOrEqualTo(0.3);
                    relations++;
                }
            }
        }
        assertThat(relations).isGreaterThan(100);
    }

    @Test
    void subjectsThatStayInPlaceKeepTheirWorldPositionAndPansShiftThemOnScreen() {
        VideoFormat format = VideoFormat.ofSeconds(96, 54, 12, 2);
        for (Action action : List.of(Action.STILL, Action.SPIN, Action.GROW, Action.SHRINK)) {
            SceneSpec spec = single(5, format, Scene.MEADOW, Camera.PAN_LEFT, subject(Subject.STAR, Colour.RED, Size.MEDIUM, action, Direction.NONE));
            List<FrameTruth> frames = renderer.render(spec).truth().frames();
            Point start = frames.getFirst().subjects().getFirst().world();
            for (FrameTruth f : frames) {
                SubjectTruth s = f.subjects().getFirst();
                assertThat(s.world()).isEqualTo(start);
                // panning left moves the view left, so the subject drifts right on screen
                assertThat(s.centre().x()).isCloseTo(start.x() - f.camera().offsetX(), within(0.01));
                assertThat(s.speed()).isZero();
            }
            assertThat(frames.getLast().subjects().getFirst().centre().x()).isGreaterThan(start.x() + 0.2 * format.width());
        }
    }

    @Test
    void movingSubjectsTravelTheirWayAtSpeedsInFrameWidthsPerSecond() {
        for (VideoFormat format : List.of(VideoFormat.DEFAULT, VideoFormat.ofSeconds(72, 128, 24, 3))) {
            SceneSpec spec = single(8, format, Scene.STUDIO, Camera.STATIC,
                    subject(Subject.BALL, Colour.RED, Size.SMALL, Action.MOVE, Direction.RIGHT),
                    subject(Subject.BOX, Colour.BLUE, Size.SMALL, Action.MOVE, Direction.UP),
                    subject(Subject.HORSE, Colour.BROWN, Size.SMALL, Action.GALLOP, Direction.LEFT));
            List<FrameTruth> frames = renderer.render(spec).truth().frames();
            int forward = 0, wraps = 0;
            for (int k = 1; k < frames.size(); k++) {
                double[] step = {
                        frames.get(k).subjects().get(0).world().x() - frames.get(k - 1).subjects().get(0).world().x(),
                        frames.get(k - 1).subjects().get(1).world().y() - frames.get(k).subjects().get(1).world().y(),
                        frames.get(k - 1).subjects().get(2).world().x() - frames.get(k).subjects().get(2).world().x()};
                for (double d : step) {
                    if (d > 0) forward++;
                    else if (d < -0.5 * format.width()) wraps++;     // left the seen region and came back on the other side
                    else throw new AssertionError("frame " + k + " moved backwards by " + d);
                }
            }
            assertThat(forward).isGreaterThan(3 * (frames.size() - 1) - 4).isGreaterThan(0);
            assertThat(wraps).isLessThanOrEqualTo(4);
            double expected = Motion.MOVE_SPEED * format.width() / format.fps();
            double step = frames.get(1).subjects().get(1).world().y() - frames.get(0).subjects().get(1).world().y();
            assertThat(-step).as("move speed in px per frame").isBetween(0.89 * expected, 1.11 * expected);
            assertThat(frames.get(1).subjects().get(0).speed()).isBetween(0.89 * Motion.MOVE_SPEED, 1.11 * Motion.MOVE_SPEED);
        }
    }

    @Test
    void panningMovesTheBackgroundAgainstTheCamera() {
        VideoFormat format = VideoFormat.ofSeconds(128, 72, 12, 2);
        for (Camera camera : List.of(Camera.PAN_LEFT, Camera.PAN_RIGHT)) {
            SceneSpec spec = single(3, format, Scene.CITY_STREET, camera, subject(Subject.STAR, Colour.RED, Size.SMALL, Action.STILL, Direction.NONE));
            RenderedClip clip = renderer.render(spec);
            int k = 12;
            int shift = bestShift(clip.video().frames().getFirst(), clip.video().frames().get(k));
            double expected = CameraPath.PAN_SPEED * format.width() * k / format.fps();
            // frame k shows at column x what frame 0 showed at column x + shift
            assertThat((double) shift).isCloseTo(camera == Camera.PAN_RIGHT ? expected : -expected, within(1.5));
            assertThat(clip.truth().frames().get(k).camera().offsetX()).isCloseTo(camera == Camera.PAN_RIGHT ? expected : -expected, within(0.01));
        }
    }

    @Test
    void zoomsScaleTheViewAboutItsCentre() {
        VideoFormat format = VideoFormat.ofSeconds(96, 96, 8, 2);
        for (Camera camera : List.of(Camera.ZOOM_IN, Camera.ZOOM_OUT)) {
            SceneSpec spec = single(4, format, Scene.SNOW, camera, subject(Subject.BOX, Colour.RED, Size.MEDIUM, Action.STILL, Direction.NONE));
            List<FrameTruth> frames = renderer.render(spec).truth().frames();
            double ratio = frames.getLast().subjects().getFirst().shapeBox().width() / (double) frames.getFirst().subjects().getFirst().shapeBox().width();
            double zoom = frames.getLast().camera().zoom();
            assertThat(zoom).isCloseTo(camera == Camera.ZOOM_IN ? 1.5 : 1 / 1.5, within(0.001));
            assertThat(ratio).isCloseTo(zoom, within(0.1));
        }
    }

    @Test
    void bodiesAnimateTheirActions() {
        VideoFormat format = VideoFormat.ofSeconds(128, 128, 24, 2);
        SceneSpec spec = single(6, format, Scene.STUDIO, Camera.STATIC,
                subject(Subject.HORSE, Colour.BROWN, Size.MEDIUM, Action.GALLOP, Direction.RIGHT),
                subject(Subject.BIRD, Colour.BLUE, Size.MEDIUM, Action.FLY, Direction.RIGHT),
                subject(Subject.FISH, Colour.ORANGE, Size.MEDIUM, Action.SWIM, Direction.RIGHT));
        RenderedClip clip = renderer.render(spec);
        for (int i = 0; i < 3; i++)
            assertThat(distinctMasks(clip, i, 20)).as("distinct outlines of subject %d over 20 frames", i).isGreaterThanOrEqualTo(4);
        // a four-beat gallop: four hoofbeats per gait cycle, about 0.42 s
        long hoofs = clip.truth().events().stream().filter(e -> e.type() == SoundEvent.Type.HOOF && e.subject() == 0).count();
        assertThat(hoofs).isBetween(16L, 21L);

        SceneSpec still = single(6, format, Scene.STUDIO, Camera.STATIC, subject(Subject.HORSE, Colour.BROWN, Size.MEDIUM, Action.STILL, Direction.NONE));
        assertThat(distinctMasks(renderer.render(still), 0, 20)).isEqualTo(1);
    }

    @Test
    void spinTurnsTheOutlineAndTheBallsSpot() {
        VideoFormat format = VideoFormat.ofSeconds(96, 96, 8, 2);
        SceneSpec spec = single(2, format, Scene.STUDIO, Camera.STATIC,
                subject(Subject.BOX, Colour.GREEN, Size.LARGE, Action.SPIN, Direction.NONE),
                subject(Subject.BALL, Colour.YELLOW, Size.LARGE, Action.SPIN, Direction.NONE));
        RenderedClip clip = renderer.render(spec);
        List<FrameTruth> frames = clip.truth().frames();
        // a square turned by 45 degrees (quarter of a second at half a turn per second) is sqrt(2) wider
        double ratio = frames.get(2).subjects().get(0).shapeBox().width() / (double) frames.get(0).subjects().get(0).shapeBox().width();
        assertThat(ratio).isCloseTo(Math.sqrt(2), within(0.12));
        assertThat(Math.abs(frames.get(2).subjects().get(0).rotation())).isCloseTo(45.0, within(0.01));
        Set<Long> spots = new HashSet<>();
        for (int k = 0; k < 16; k++) spots.add(spotQuadrant(clip, k, frames.get(k).subjects().get(1)));
        assertThat(spots).as("quadrants the spot passes through in one turn").hasSize(4);
    }

    @Test
    void growAndShrinkDoubleAndHalveTheSizeAndBouncesLandOnTheGround() {
        SceneSpec spec = single(9, VideoFormat.ofSeconds(128, 96, 12, 3), Scene.DESERT, Camera.STATIC,
                subject(Subject.STAR, Colour.PINK, Size.SMALL, Action.GROW, Direction.NONE),
                subject(Subject.BALL, Colour.RED, Size.SMALL, Action.BOUNCE, Direction.NONE),
                subject(Subject.BOX, Colour.PURPLE, Size.SMALL, Action.SHRINK, Direction.NONE));
        RenderedClip clip = renderer.render(spec);
        List<FrameTruth> frames = clip.truth().frames();
        assertThat(frames.getLast().subjects().get(0).scale() / frames.getFirst().subjects().get(0).scale()).isCloseTo(2.0, within(0.01));
        assertThat(frames.getLast().subjects().get(2).scale() / frames.getFirst().subjects().get(2).scale()).isCloseTo(0.5, within(0.01));
        double ground = frames.stream().mapToDouble(f -> f.subjects().get(1).world().y()).max().orElseThrow();
        List<SoundEvent> thumps = clip.truth().events().stream().filter(e -> e.subject() == 1).toList();
        assertThat(thumps).hasSizeGreaterThanOrEqualTo(4);
        for (SoundEvent e : thumps) assertThat(frames.get(e.frame()).subjects().get(1).world().y()).isCloseTo(ground, within(0.001));
        double top = frames.stream().mapToDouble(f -> f.subjects().get(1).world().y()).min().orElseThrow();
        assertThat(ground - top).isCloseTo(Motion.BOUNCE_HEIGHT * 96, within(0.05 * 96));
    }

    @Test
    void aDefaultClipRendersWellUnderAHundredMilliseconds() {
        SpecSampler sampler = new SpecSampler();
        for (int i = 0; i < 20; i++) renderer.render(sampler.sample(i, VideoFormat.DEFAULT));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime(), wall = System.nanoTime();
        int count = 30;
        for (int i = 0; i < count; i++) renderer.render(sampler.sample(100 + i, VideoFormat.DEFAULT));
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / count, wallMs = (System.nanoTime() - wall) / 1e6 / count;
        System.out.printf("default 64x64 17-frame clip: %.1f ms CPU, %.1f ms wall%n", cpuMs, wallMs);
        // CPU time, since the build machine's cores are shared
        assertThat(cpuMs).isLessThan(100);
    }

    @Test
    void aMissingSpecIsRefused() {
        assertThatThrownBy(() -> renderer.render(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec");
    }

    private static double iou(PixelBox a, PixelBox b) {
        double w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()), h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        if (w <= 0 || h <= 0) return 0;
        return w * h / (a.width() * (double) a.height() + b.width() * (double) b.height() - w * h);
    }

    /** The horizontal shift of frame b against frame a that matches their pixels best. */
    private static int bestShift(RgbFrame a, RgbFrame b) {
        int best = 0;
        double bestError = Double.MAX_VALUE;
        for (int shift = -30; shift <= 30; shift++) {
            double error = 0;
            int n = 0;
            for (int y = 0; y < a.height(); y++)
                for (int x = Math.max(0, -shift); x < Math.min(a.width(), a.width() - shift); x++) {
                    int p = b.get(x, y), q = a.get(x + shift, y);
                    error += Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255)) + Math.abs((p & 255) - (q & 255));
                    n++;
                }
            if (error / n < bestError) {
                bestError = error / n;
                best = shift;
            }
        }
        return best;
    }

    /** How many different outlines (label masks relative to their box) subject i shows in the first frames. */
    private static int distinctMasks(RenderedClip clip, int subject, int frames) {
        Set<String> masks = new HashSet<>();
        int w = clip.video().width();
        for (int k = 0; k < frames; k++) {
            PixelBox box = clip.truth().frames().get(k).subjects().get(subject).box();
            StringBuilder mask = new StringBuilder(box.width() + "x" + box.height() + ":");
            for (int y = box.y0(); y < box.y1(); y++)
                for (int x = box.x0(); x < box.x1(); x++) mask.append(clip.labels().get(k)[y * w + x] == subject + 1 ? '#' : '.');
            masks.add(mask.toString());
        }
        return masks.size();
    }

    /** The quadrant (0 to 3) around the ball's centre where its off-colour spot is. */
    private static long spotQuadrant(RenderedClip clip, int k, SubjectTruth ball) {
        double sx = 0, sy = 0;
        int n = 0;
        RgbFrame f = clip.video().frames().get(k);
        for (int y = ball.box().y0(); y < ball.box().y1(); y++)
            for (int x = ball.box().x0(); x < ball.box().x1(); x++)
                if (clip.label(k, x, y) == ball.index() + 1 && f.get(x, y) != ball.colour().rgb()) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
        assertThat(n).isPositive();
        double dx = sx / n - ball.centre().x(), dy = sy / n - ball.centre().y();
        return (dx >= 0 ? 0 : 1) + (dy >= 0 ? 0 : 2);
    }

    /** A reference image shows the subject alone, centred, large, in its colour, on the plain grey backdrop. */
    @Test void referenceImageShowsTheSubjectAloneAndCentred() {
        for (Subject kind : Subject.values())
            for (Colour colour : List.of(Colour.WHITE, Colour.BLACK, Colour.RED)) {
                RgbFrame image = WorldRenderer.referenceImage(new SubjectSpec(kind, colour, Size.SMALL, Action.STILL, Direction.NONE), 64, 48);
                int body = Sprites.colourOf(Sprite.BODY, colour), minX = 64, maxX = -1, minY = 48, maxY = -1, bodyPixels = 0;
                for (int y = 0; y < 48; y++)
                    for (int x = 0; x < 64; x++) {
                        int rgb = image.get(x, y);
                        if (rgb == body) bodyPixels++;
                        if (rgb == WorldRenderer.REFERENCE_BACKGROUND) continue;
                        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                    }
                String what = colour + " " + kind;
                assertThat(bodyPixels).as(what + ": body pixels").isGreaterThan(100);
                assertThat(Math.max(maxX - minX + 1, maxY - minY + 1)).as(what + ": longer side, 70% of 48").isBetween(31, 35);
                assertThat((minX + maxX + 1) / 2.0).as(what + ": centre x").isCloseTo(32, within(1.5));
                assertThat((minY + maxY + 1) / 2.0).as(what + ": centre y").isCloseTo(24, within(1.5));
            }
        SubjectSpec horse = new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.LARGE, Action.GALLOP, Direction.RIGHT);
        assertThat(WorldRenderer.referenceImage(horse, 32, 32).rgb())
                .as("size, action and direction play no part")
                .isEqualTo(WorldRenderer.referenceImage(new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.SMALL, Action.STILL, Direction.NONE), 32, 32).rgb())
                .isNotEqualTo(WorldRenderer.referenceImage(new SubjectSpec(Subject.HORSE, Colour.BLUE, Size.SMALL, Action.STILL, Direction.NONE), 32, 32).rgb());
    }
}
