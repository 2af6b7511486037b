package ai.gallop.world;

import ai.gallop.world.SoundEvent.Type;
import ai.gallop.world.Vocabulary.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Works out one shot before anything is drawn: the camera path, where each subject starts (so the
 * relations hold, it stands on its ground or keeps to its sky or sea, and it stays in view for the
 * whole shot where the frame allows, camera moves included), and every subject's state and
 * candidate sound event in every frame. Travelling subjects whose path is longer than the view
 * start where they stay in view longest and, once they have left the view, re-enter it from the
 * opposite side, so long clips keep their subjects in view.
 */
final class Choreography {
    private Choreography() {}

    /** One subject over the shot: its states and the event (or null) of each local frame. */
    record Track(SubjectSpec subject, double sizePx, SubjectState[] states, Type[] events) {}

    record ShotPlan(int index, ShotSpec shot, int start, int frames, CameraPath camera, List<Track> tracks) {}

    static ShotPlan plan(SceneSpec spec, int shotIndex) {
        VideoFormat format = spec.format();
        int width = format.width(), height = format.height();
        ShotSpec shot = spec.shots().get(shotIndex);
        int start = spec.shotStart(shotIndex), frames = spec.shotEnd(shotIndex) - start;
        SplittableRandom rng = new SplittableRandom(Hash.mix(spec.seed(), 0x5107L, shotIndex));
        CameraPath camera = CameraPath.of(spec, shotIndex);

        Terrain terrain = Terrain.of(shot.scene());
        List<Motion> motions = new ArrayList<>();
        List<SubjectLayout.Piece> pieces = new ArrayList<>();
        for (SubjectSpec subject : shot.subjects()) {
            Motion motion = new Motion(subject, format, frames, rng.split());
            motions.add(motion);
            double[][] sweep = sweep(subject, motion, frames);
            double[] view = inView(sweep, camera, width, height);
            Action a = subject.action();
            boolean rests = a == Action.BOUNCE || a == Action.JUMP || a == Action.GALLOP;
            pieces.add(new SubjectLayout.Piece(sweep[0], reachBox(subject, motion, frames), view, centred(view, motion),
                    terrain.footing(Terrain.habitatOf(subject), sweep, rests, height)));
        }
        double[][] anchors = SubjectLayout.place(shot.relations(), pieces, width, height, rng.split());

        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < motions.size(); i++) {
            SubjectSpec subject = shot.subjects().get(i);
            Motion motion = motions.get(i);
            double margin = reachRadius(subject, motion);
            SubjectState[] states = new SubjectState[frames];
            Type[] events = new Type[frames];
            for (int j = 0; j < frames; j++) {
                SubjectState s = motion.at(j, anchors[i][0], anchors[i][1]);
                SubjectState before = motion.at(j - 0.5, anchors[i][0], anchors[i][1]);
                SubjectState after = motion.at(j + 0.5, anchors[i][0], anchors[i][1]);
                double speed = StrictMath.hypot(after.x() - before.x(), after.y() - before.y()) * format.fps() / width;
                // wrapping round the frame's own view puts the subject back in sight as soon as it has left
                CameraView view = camera.at(j);
                double x = motion.travelsHorizontally() ? wrap(s.x(), view.worldX(0, width) - margin, view.worldX(width, width) + margin) : s.x();
                double y = motion.travelsVertically() ? wrap(s.y(), view.worldY(0, height) - margin, view.worldY(height, height) + margin) : s.y();
                states[j] = new SubjectState(x, y, s.scale(), s.rotation(), s.facing(), s.pose(), speed);
                events[j] = motion.eventAt(j);
            }
            tracks.add(new Track(subject, motion.sizePx(), states, events));
        }
        return new ShotPlan(shotIndex, shot, start, frames, camera, tracks);
    }

    /** The world box of a subject in a state, as the identity camera of a shot's first frame sees it. */
    private static double[] worldBox(SubjectSpec subject, Motion motion, SubjectState s) {
        Sprite sprite = Sprites.of(subject.kind(), s.pose(), motion.sizePx() * s.scale());
        return SubjectPainter.screenBounds(sprite, new SubjectPainter.Placement(s.x(), s.y(),
                motion.sizePx() * s.scale(), s.rotation(), s.facing()));
    }

    /** The subject's world box relative to its anchor in every frame of the shot. */
    private static double[][] sweep(SubjectSpec subject, Motion motion, int frames) {
        double[][] boxes = new double[frames][];
        for (int j = 0; j < frames; j++) boxes[j] = worldBox(subject, motion, motion.at(j, 0, 0));
        return boxes;
    }

    /**
     * The anchor range {minX, maxX, minY, maxY} that keeps a subject's boxes inside the camera's view
     * in every frame; when no anchor does, the range that keeps it in view for the longest run of
     * frames from the first (it leaves later and comes back round). Null when not even the first
     * frame holds it.
     */
    private static double[] inView(double[][] sweep, CameraPath camera, int width, int height) {
        double[] range = null;
        double minX = -Double.MAX_VALUE, maxX = Double.MAX_VALUE, minY = -Double.MAX_VALUE, maxY = Double.MAX_VALUE;
        for (int j = 0; j < sweep.length; j++) {
            CameraView v = camera.at(j);
            double[] b = sweep[j];
            minX = Math.max(minX, v.worldX(0, width) - b[0]);
            maxX = Math.min(maxX, v.worldX(width, width) - b[2]);
            minY = Math.max(minY, v.worldY(0, height) - b[1]);
            maxY = Math.min(maxY, v.worldY(height, height) - b[3]);
            if (minX > maxX || minY > maxY) break;
            range = new double[]{minX, maxX, minY, maxY};
        }
        return range;
    }

    /** The middle half of a view range along the axis a subject travels, so its path sits near the middle of the view. */
    private static double[] centred(double[] view, Motion motion) {
        if (view == null) return null;
        double[] range = view.clone();
        if (motion.travelsHorizontally()) narrow(range, 0);
        if (motion.travelsVertically()) narrow(range, 2);
        return range;
    }

    private static void narrow(double[] range, int axis) {
        double quarter = (range[axis + 1] - range[axis]) / 4;
        range[axis] += quarter;
        range[axis + 1] -= quarter;
    }

    /** The box a subject sweeps relative to its anchor: one full hop or bounce, or its full growth. */
    private static double[] reachBox(SubjectSpec subject, Motion motion, int frames) {
        double[] box = worldBox(subject, motion, motion.at(0, 0, 0));
        List<Double> samples = new ArrayList<>();
        Action a = subject.action();
        if (a == Action.BOUNCE || a == Action.JUMP)
            for (int j = 1; j <= Math.min(frames - 1, motion.period()); j++) samples.add((double) j);
        if (a == Action.GROW) samples.add(frames - 1.0);
        for (double f : samples) {
            double[] b = worldBox(subject, motion, motion.at(f, 0, 0));
            box = new double[]{Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])};
        }
        return box;
    }

    /** How far from its origin a subject can reach at its largest, in world pixels. */
    private static double reachRadius(SubjectSpec subject, Motion motion) {
        double[] b = Sprites.of(subject.kind(), Pose.STANDING, motion.sizePx()).bounds();
        double r = Math.max(Math.max(-b[0], b[2]), Math.max(-b[1], b[3])) * Math.sqrt(2);
        boolean scales = subject.action() == Action.GROW || subject.action() == Action.SHRINK;
        return r * motion.sizePx() * (scales ? Math.sqrt(Motion.SCALE_RANGE) : 1);
    }

    private static double wrap(double v, double lo, double hi) {
        double len = hi - lo;
        return lo + (((v - lo) % len) + len) % len;
    }
}
