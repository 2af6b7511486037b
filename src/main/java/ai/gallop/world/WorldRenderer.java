package ai.gallop.world;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.Choreography.ShotPlan;
import ai.gallop.world.Choreography.Track;
import ai.gallop.world.SubjectPainter.Coverage;
import ai.gallop.world.SubjectPainter.Placement;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link SceneSpec} into frames, sound and exact ground truth. Picture and sound come
 * from one plan per shot ({@link Choreography}): a sound event is kept only when its subject is
 * visible in the frame that shows its cause, and is placed at that frame's instant. Stateless and
 * deterministic: the same spec gives the same bytes, in any instance.
 */
public final class WorldRenderer {
    private static final double BUBBLE_LIFE_SECONDS = 0.8, BUBBLE_RISE = 0.3;   // rise in shorter sides per second
    private static final int BUBBLE_RGB = 0xAAD7F0;

    public RenderedClip render(SceneSpec spec) { return render(spec, Map.of()); }

    public RenderedClip render(SceneSpec spec, Map<Language, String> captions) {
        if (spec == null) throw new IllegalArgumentException("spec is null; allowed: a SceneSpec");
        return new Job(spec, captions == null ? Map.of() : captions).run();
    }

    /**
     * Where the camera looks in each frame of a spec, shot by shot (each shot starts at offset 0 and zoom 1), worked
     * out without drawing anything: the views the renderer draws the frames through.
     */
    public static List<CameraView> cameraViews(SceneSpec spec) {
        List<CameraView> views = new ArrayList<>(spec.format().frames());
        for (int s = 0; s < spec.shots().size(); s++) {
            CameraPath path = CameraPath.of(spec, s);
            for (int j = 0; j < spec.shotEnd(s) - spec.shotStart(s); j++) views.add(path.at(j));
        }
        return views;
    }

    /** The plain backdrop of a reference image: mid grey, so white and black subjects both stand out. */
    public static final int REFERENCE_BACKGROUND = 0x808080;

    /**
     * The reference image of a clip, as training shows it and evaluation gives it: its first shot's first subject
     * ({@link #referenceImage(SubjectSpec, int, int)}) at the clip's size.
     */
    public static RgbFrame referenceImage(SceneSpec spec) {
        return referenceImage(spec.shots().getFirst().subjects().getFirst(), spec.format().width(), spec.format().height());
    }

    /**
     * A reference image of a subject, what a user would give for reference-to-video: the subject alone, standing,
     * facing right, centred, its longer side 70% of the picture's shorter one, on {@link #REFERENCE_BACKGROUND}.
     * Its size, action and direction play no part: a reference shows what the subject looks like.
     */
    public static RgbFrame referenceImage(SubjectSpec subject, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("reference image " + width + "x" + height + "; allowed: positive sides");
        double[] b = Sprites.of(subject.kind(), Pose.STANDING, 1e3).bounds();   // every detail kept: bounds in local units
        double unit = 0.7 * Math.min(width, height) / Math.max(b[2] - b[0], b[3] - b[1]);
        Placement centred = new Placement(width / 2.0 - (b[0] + b[2]) / 2 * unit, height / 2.0 - (b[1] + b[3]) / 2 * unit, unit, 0, 1);
        int[] canvas = new int[width * height];
        Arrays.fill(canvas, REFERENCE_BACKGROUND);
        SubjectPainter.paint(Sprites.of(subject.kind(), Pose.STANDING, unit), centred, Sprites.tints(subject.colour()), canvas,
                new byte[width * height], (byte) 1, width, height);
        return RgbFrame.ofPacked(width, height, canvas);
    }

    /** A bubble leaving a fish: its world position and local frame at emission. */
    private record Bubble(int shot, int frame, double x, double y) {}

    /** The state of one render, so the public class itself keeps none. */
    private static final class Job {
        private final SceneSpec spec;
        private final Map<Language, String> captions;
        private final int width, height, fps;
        private final double shorter;
        private final List<ShotPlan> plans = new ArrayList<>();
        private final List<Backdrop> backdrops = new ArrayList<>();
        private final List<int[]> stillBackgrounds = new ArrayList<>();
        private final List<SoundEvent> events = new ArrayList<>();
        private final List<Bubble> bubbles = new ArrayList<>();
        private final List<SoundSynth.Hum> hums = new ArrayList<>();

        Job(SceneSpec spec, Map<Language, String> captions) {
            this.spec = spec;
            this.captions = captions;
            this.width = spec.format().width();
            this.height = spec.format().height();
            this.fps = spec.format().fps();
            this.shorter = Math.min(width, height);
        }

        RenderedClip run() {
            List<ShotTruth> shotTruths = new ArrayList<>();
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotPlan plan = Choreography.plan(spec, s);
                plans.add(plan);
                double resolution = plan.shot().camera() == Camera.ZOOM_IN ? 2 : 1;
                Backdrop backdrop = new Backdrop(plan.shot().scene(), width, height, Hash.mix(spec.seed(), 0xBAC4L, s),
                        plan.camera().span(plan.frames()), resolution);
                backdrops.add(backdrop);
                int[] still = null;
                if (!plan.camera().moves()) {
                    still = new int[width * height];
                    backdrop.paint(still, plan.camera().at(0));
                }
                stillBackgrounds.add(still);
                for (Track track : plan.tracks())
                    if (track.subject().kind() == Subject.CAR)
                        hums.add(new SoundSynth.Hum(s, new double[plan.frames()], new double[plan.frames()]));
                shotTruths.add(new ShotTruth(s, plan.shot().scene(), plan.shot().camera(), plan.start(),
                        plan.start() + plan.frames(), Round.seconds(spec.format().timeOf(plan.start())),
                        SoundSynth.ambienceOf(plan.shot().scene())));
            }
            List<RgbFrame> frames = new ArrayList<>();
            List<byte[]> labels = new ArrayList<>();
            List<FrameTruth> truths = new ArrayList<>();
            for (int k = 0; k < spec.format().frames(); k++) {
                int[] canvas = new int[width * height];
                byte[] label = new byte[width * height];
                truths.add(frame(k, canvas, label));
                frames.add(RgbFrame.ofPacked(width, height, canvas));
                labels.add(label);
            }
            Sound sound = SoundSynth.render(spec, events, hums);
            GroundTruth truth = new GroundTruth(spec, truths, events, captions, shotTruths, SoundSynth.SAMPLE_RATE, GroundTruth.SCHEMA_VERSION);
            return new RenderedClip(spec, new Video(fps, frames, sound), truth, labels);
        }

        private FrameTruth frame(int k, int[] canvas, byte[] label) {
            int s = spec.shotAt(k);
            ShotPlan plan = plans.get(s);
            int j = k - plan.start();
            CameraView camera = plan.camera().at(j);
            int[] still = stillBackgrounds.get(s);
            if (still != null) System.arraycopy(still, 0, canvas, 0, canvas.length);
            else backdrops.get(s).paint(canvas, camera);

            List<Track> tracks = plan.tracks();
            Coverage[] coverage = new Coverage[tracks.size()];
            for (int i = 0; i < tracks.size(); i++) {
                Track track = tracks.get(i);
                SubjectState state = track.states()[j];
                Placement placement = Placement.of(state, track.sizePx(), camera, width, height);
                Sprite sprite = Sprites.of(track.subject().kind(), state.pose(), placement.unit());
                coverage[i] = SubjectPainter.paint(sprite, placement, Sprites.tints(track.subject().colour()), canvas, label, (byte) (i + 1), width, height);
            }
            int[] pixels = new int[tracks.size() + 1];
            int[][] extent = visibleExtents(label, pixels);

            List<SubjectTruth> subjects = new ArrayList<>();
            int hum = firstHumOfShot(s);
            for (int i = 0; i < tracks.size(); i++) {
                Track track = tracks.get(i);
                SubjectState state = track.states()[j];
                boolean visible = pixels[i + 1] > 0;
                double loudness = loudness(track.subject().size(), state.scale(), camera.zoom());
                if (visible && track.events()[j] != null) {
                    events.add(new SoundEvent(track.events()[j], Round.seconds(spec.format().timeOf(k)), k, s, i, Round.ratio(loudness)));
                    if (track.events()[j] == SoundEvent.Type.BUBBLE) bubbles.add(mouth(s, j, state, track.sizePx()));
                }
                if (track.subject().kind() == Subject.CAR) {
                    hums.get(hum).speed()[j] = state.speed();
                    hums.get(hum).gain()[j] = visible ? loudness : 0;
                    hum++;
                }
                int[] e = extent[i + 1];
                PixelBox box = visible ? new PixelBox(e[0], e[1], e[2] + 1, e[3] + 1) : null;
                int area = coverage[i].area();
                subjects.add(new SubjectTruth(i, track.subject().kind(), track.subject().colour(), track.subject().action(), visible,
                        area == 0 ? 0 : Round.ratio(pixels[i + 1] / (double) area), pixels[i + 1], box, coverage[i].shapeBox(),
                        new Point(Round.px(camera.screenX(state.x(), width)), Round.px(camera.screenY(state.y(), height))),
                        new Point(Round.px(state.x()), Round.px(state.y())), Round.ratio(state.scale()),
                        Round.degrees(Math.toDegrees(state.rotation())), Round.ratio(state.speed())));
            }
            drawBubbles(s, j, camera, canvas, label);
            return new FrameTruth(k, Round.seconds(spec.format().timeOf(k)), s, plan.shot().scene(), camera.rounded(), subjects);
        }

        private int firstHumOfShot(int shot) {
            int index = 0;
            while (index < hums.size() && hums.get(index).shot() < shot) index++;
            return index;
        }

        /** Per label: visible pixel count (into {@code pixels}) and extent {minX, minY, maxX, maxY}. */
        private int[][] visibleExtents(byte[] label, int[] pixels) {
            int[][] extent = new int[pixels.length][];
            for (int l = 0; l < pixels.length; l++) extent[l] = new int[]{Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) {
                    int l = label[y * width + x];
                    if (l == 0) continue;
                    pixels[l]++;
                    int[] e = extent[l];
                    e[0] = Math.min(e[0], x);
                    e[1] = Math.min(e[1], y);
                    e[2] = Math.max(e[2], x);
                    e[3] = Math.max(e[3], y);
                }
            return extent;
        }

        /** Gain of a subject's sounds: proportional to its size on screen, large at zoom 1 being 1. */
        private static double loudness(Size size, double scale, double zoom) {
            return Math.clamp(size.fraction * scale * zoom / Size.LARGE.fraction, 0.3, 1.4);
        }

        /** Where a fish's mouth is in the world: bubbles start there. */
        private static Bubble mouth(int shot, int frame, SubjectState s, double sizePx) {
            double unit = sizePx * s.scale(), lx = 0.42 * s.facing(), ly = -0.02;
            double c = StrictMath.cos(s.rotation()), sin = StrictMath.sin(s.rotation());
            return new Bubble(shot, frame, s.x() + (lx * c - ly * sin) * unit, s.y() + (lx * sin + ly * c) * unit);
        }

        /** Bubbles rise and wobble for a moment; they are drawn behind subjects, on background pixels only. */
        private void drawBubbles(int shot, int j, CameraView camera, int[] canvas, byte[] label) {
            for (Bubble b : bubbles) {
                double age = (j - b.frame()) / (double) fps;
                if (b.shot() != shot || age < 0 || age >= BUBBLE_LIFE_SECONDS) continue;
                double wx = b.x() + 0.02 * shorter * StrictMath.sin(age * 12), wy = b.y() - BUBBLE_RISE * shorter * age;
                double cx = camera.screenX(wx, width), cy = camera.screenY(wy, height);
                double r = Math.max(0.6, 0.022 * shorter * (1 + 0.6 * age) * camera.zoom());
                for (int y = (int) Math.floor(cy - r); y <= (int) Math.ceil(cy + r); y++)
                    for (int x = (int) Math.floor(cx - r); x <= (int) Math.ceil(cx + r); x++) {
                        if (x < 0 || y < 0 || x >= width || y >= height || label[y * width + x] != 0) continue;
                        double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                        if (dx * dx + dy * dy <= r * r) canvas[y * width + x] = BUBBLE_RGB;
                    }
            }
        }
    }
}
