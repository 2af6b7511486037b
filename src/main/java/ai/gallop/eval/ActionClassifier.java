package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names what a tracked subject does from its camera-compensated trajectory, size and outline:
 * <ol>
 *   <li>steady travel (Theil-Sen slope of the unwrapped path) is a move, or the kind's own gait
 *       (gallop, fly, swim) when its body keeps changing shape beyond what the pixel grid explains
 *       (legs, wings or a tail beating) or its path bobs up and down while it travels;</li>
 *   <li>otherwise large vertical arcs are a bounce, or a jump when the subject spends much of the
 *       time on the ground between hops;</li>
 *   <li>otherwise a steady change of size is grow or shrink, a steady turn of the outline is spin,
 *       and anything else is still.</li>
 * </ol>
 */
public final class ActionClassifier {
    /** Travel speed (frame widths per second) above which a subject is going somewhere; the world moves at 0.18 or more. */
    static final double TRAVEL_SPEED = 0.1;
    /**
     * Body change (see {@link #bodyChange}) that marks beating legs, wings or a tail: on the dev
     * suite's renders and 300 sampled ones a rigid traveller's median is 0 at every size and zoom,
     * a galloping horse's 0.17 or more and a flying bird's 0.35 or more. A small fish's tail moves by
     * less than a pixel, so a swim is told by its bob instead.
     */
    static final double GAIT_BODY_CHANGE = 0.1;
    /**
     * Range of the path's vertical departure from its line (fraction of the shorter side) that marks
     * a swimming or flying subject's bob: on the same renders rigid travel departs by 0.023 at most,
     * and the swims and flights under 0.04 all show their body change.
     */
    static final double GAIT_BOB = 0.04;
    /**
     * Mean outline change (1 - aligned, size-matched IoU between frames) that marks a gait when a
     * track has no pair of sightings to compare for {@link #bodyChange} (a subject cut by the frame
     * edge on both sides of every pair).
     */
    static double gaitChange(Subject kind) {
        return switch (kind) {
            case BIRD -> 0.25;
            case FISH -> 0.17;
            default -> 0.12;
        };
    }
    /** Vertical arc height (fraction of the shorter side) of a bounce or jump; the world's are 0.2 and 0.22. */
    static final double ARC_HEIGHT = 0.1;
    /** Fraction of frames near the ground that tells a jump (rests between hops) from a bounce. */
    static final double JUMP_GROUND_FRACTION = 0.38;
    /**
     * A frame is on the ground within this fraction of the arc height of the lowest point: a jump's
     * rests spread by up to a fifth of the hop under a zoom's compensation, a bounce spends one frame
     * in four to seven that low.
     */
    static final double GROUND_BAND = 0.25;
    /** log of the size change over the sightings where the subject is whole (Theil-Sen slope of log area); the world's grow spans log 4 of area. */
    static final double GROWTH_LOG = 0.45;
    /** Median turn per frame (degrees) of a spinning outline. */
    static final double SPIN_DEGREES_PER_FRAME = 4;
    /**
     * A round outline turns into itself, so its spin is read from its defect (see
     * {@link MaskGeometry#defectOffset}, e.g. the spot on a ball): at least this many frame-to-frame
     * steps of the defect's direction, with a median of 5 degrees or more, three in four of them the
     * same way. On the dev suite's renders and 550 sampled ones no track that was not spinning met it.
     */
    static final int SPIN_DEFECT_STEPS = 8;
    /** Departure from a straight vertical path (fraction of the shorter side) that makes it an arc. */
    static final double BEND = 0.05;

    /** An action with its direction (NONE for actions that do not travel). */
    public record Result(Action action, Direction direction) {}

    public Result classify(Track track, Subject kind, CameraCompensation camera, int fps, int width, int height) {
        List<Integer> frames = new ArrayList<>(), whole = new ArrayList<>();
        for (int i = 0; i < track.length(); i++)
            if (track.at(i) != null) {
                frames.add(i);
                if (!touchesEdge(track.at(i), width, height)) whole.add(i);
            }
        if (frames.size() < 2) return new Result(Action.STILL, Direction.NONE);
        // a subject cut by the frame edge keeps its far side: its centre is half a typical box from there
        double boxW = median(whole.stream().mapToDouble(i -> track.at(i).boxWidth()).toArray());
        double boxH = median(whole.stream().mapToDouble(i -> track.at(i).boxHeight()).toArray());
        int n = frames.size();
        double[] t = new double[n], x = new double[n], y = new double[n];
        for (int k = 0; k < n; k++) {
            int i = frames.get(k);
            Blob b = track.at(i);
            double cx = b.cx(), cy = b.cy();
            if (!whole.isEmpty()) {
                if (b.x0() == 0 && b.x1() < width) cx = b.x1() - boxW / 2;
                else if (b.x1() == width && b.x0() > 0) cx = b.x0() + boxW / 2;
                if (b.y0() == 0 && b.y1() < height) cy = b.y1() - boxH / 2;
                else if (b.y1() == height && b.y0() > 0) cy = b.y0() + boxH / 2;
            }
            t[k] = i;
            x[k] = camera.worldX(i, cx);
            y[k] = camera.worldY(i, cy);
        }
        double[] area = whole.stream().mapToDouble(i -> camera.worldArea(i, track.at(i).area())).toArray();
        unwrap(x, t, width);
        unwrap(y, t, height);
        double vx = theilSen(t, x), vy = theilSen(t, y);
        double speed = Math.hypot(vx, vy) * fps / width;
        double shorter = Math.min(width, height);
        // A shot shorter than a hop or two sees part of an arc, which a straight-line fit reads as
        // vertical travel; the world's vertical moves are straight, so a bent path is an arc.
        boolean arcing = Math.abs(vy) > Math.abs(vx) && offLine(t, y, vy) >= BEND * shorter;
        if (arcing) vy = 0;
        if (speed >= TRAVEL_SPEED && !arcing) {
            Direction d = Math.abs(vx) >= Math.abs(vy) ? (vx < 0 ? Direction.LEFT : Direction.RIGHT) : (vy < 0 ? Direction.UP : Direction.DOWN);
            boolean horizontal = d == Direction.LEFT || d == Direction.RIGHT;
            Action gait = gaitOf(kind);
            if (horizontal && gait != null && beats(track, kind, camera, t, y, vy, fps, width, height)) return new Result(gait, d);
            return new Result(Action.MOVE, d);
        }
        double[] lift = new double[n]; // height above the trend line, in pixels (screen y points down)
        for (int k = 0; k < n; k++) lift[k] = -(y[k] - vy * t[k]);
        double low = Arrays.stream(lift).min().orElse(0), high = Arrays.stream(lift).max().orElse(0);
        if (high - low >= ARC_HEIGHT * shorter) {
            int grounded = 0;
            for (double l : lift) if (l - low <= GROUND_BAND * (high - low)) grounded++;
            return new Result(grounded >= JUMP_GROUND_FRACTION * n ? Action.JUMP : Action.BOUNCE, Direction.NONE);
        }
        // the Theil-Sen slope of the log area keeps its course when a few sightings at one end are
        // partly hidden or merged with another subject, where medians of the first and last thirds would not
        double growth = 0;
        if (area.length >= 2) {
            double[] at = whole.stream().mapToDouble(i -> i).toArray(), logArea = Arrays.stream(area).map(Math::log).toArray();
            growth = 0.5 * theilSen(at, logArea) * (at[at.length - 1] - at[0]);
        }
        if (growth >= GROWTH_LOG / 2) return new Result(Action.GROW, Direction.NONE);
        if (growth <= -GROWTH_LOG / 2) return new Result(Action.SHRINK, Direction.NONE);
        if (Math.abs(medianTurn(track)) >= SPIN_DEGREES_PER_FRAME || defectTurns(track, width, height))
            return new Result(Action.SPIN, Direction.NONE);
        return new Result(Action.STILL, Direction.NONE);
    }

    /** Whether a travelling subject shows its gait: its body changes shape (legs, wings, a tail) or its path bobs. */
    private static boolean beats(Track track, Subject kind, CameraCompensation camera, double[] t, double[] y, double vy,
                                 int fps, int width, int height) {
        double change = bodyChange(track, camera, fps, width, height);
        if (Double.isNaN(change)) return outlineChange(track) >= gaitChange(kind);
        return change >= GAIT_BODY_CHANGE || offLine(t, y, vy) >= GAIT_BOB * Math.min(width, height);
    }

    /**
     * How much a subject's body changes shape beyond what the pixel grid explains: the median, over
     * pairs of sightings about 1/8 and 1/4 s apart, of the pixels of either mask that lie more than one
     * pixel (chessboard) from the other mask once the two are laid on each other, per unit of size
     * (square root of the area). Moving a rigid outline by a fraction of a pixel, or re-drawing it a
     * little larger under a zoom, only moves its border by a pixel, so a rigid traveller scores 0
     * however small it is; beating legs, wings or a tail move parts by more. The masks are laid on each
     * other by their centroids and areas when both are whole; along an axis where one is cut by the
     * frame edge, by the side that is not cut, at the camera's scale, and only pixels the other frame
     * could show count. NaN when no pair can be compared.
     */
    static double bodyChange(Track track, CameraCompensation camera, int fps, int width, int height) {
        int[] lags = {Math.max(1, (int) Math.round(fps / 8.0)), Math.max(2, (int) Math.round(fps / 4.0))};
        List<Double> changes = new ArrayList<>();
        for (int i = 0; i < track.length(); i++)
            for (int lag : lags) {
                if (i + lag >= track.length() || track.at(i) == null || track.at(i + lag) == null) continue;
                double c = MaskGeometry.farChange(track.at(i), track.at(i + lag), camera.scale()[i + lag] / camera.scale()[i], width, height);
                if (!Double.isNaN(c)) changes.add(c);
            }
        return changes.isEmpty() ? Double.NaN : median(changes.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether the direction of the outline's defect turns steadily one way (see {@link #SPIN_DEFECT_STEPS}). */
    static boolean defectTurns(Track track, int width, int height) {
        List<Double> steps = new ArrayList<>();
        double previous = Double.NaN;
        for (int i = 0; i < track.length(); i++) {
            Blob b = track.at(i);
            double angle = Double.NaN;
            if (b != null && !touchesEdge(b, width, height)) {
                double[] o = MaskGeometry.defectOffset(b);
                if (o != null && Math.hypot(o[0], o[1]) >= 0.08 * b.scale()) angle = Math.toDegrees(Math.atan2(o[1], o[0]));
            }
            if (!Double.isNaN(angle) && !Double.isNaN(previous)) steps.add(Math.IEEEremainder(angle - previous, 360));
            previous = angle;
        }
        if (steps.size() < SPIN_DEFECT_STEPS) return false;
        double med = median(steps.stream().mapToDouble(Double::doubleValue).toArray());
        if (Math.abs(med) < 5) return false;
        long agreeing = steps.stream().filter(d -> Math.signum(d) == Math.signum(med) && Math.abs(d) >= 2).count();
        return agreeing >= 0.75 * steps.size();
    }

    /** Range of the path's departures from the line of slope v through its median offset. */
    static double offLine(double[] t, double[] v, double slope) {
        double[] offsets = new double[t.length];
        for (int k = 0; k < t.length; k++) offsets[k] = v[k] - slope * t[k];
        return Arrays.stream(offsets).max().orElse(0) - Arrays.stream(offsets).min().orElse(0);
    }

    /** The action only this kind's body shows while travelling; null for kinds without one. */
    static Action gaitOf(Subject kind) {
        if (kind == null) return null;
        for (Action a : Action.values()) if (a.naturalSubject() == kind) return a;
        return null;
    }

    static boolean touchesEdge(Blob b, int width, int height) {
        return b.x0() == 0 || b.y0() == 0 || b.x1() == width || b.y1() == height;
    }

    /** Mean of 1 - aligned, size-matched IoU over consecutive sightings (a zoom changes no outline). */
    static double outlineChange(Track track) {
        double sum = 0;
        int count = 0;
        Blob previous = null;
        for (Blob b : track.blobs()) {
            if (b == null) continue;
            if (previous != null) { sum += 1 - MaskGeometry.scaledIou(previous, b); count++; }
            previous = b;
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Median clockwise turn in degrees per frame over consecutive sightings one frame apart. */
    static double medianTurn(Track track) {
        List<Double> turns = new ArrayList<>();
        for (int i = 1; i < track.length(); i++)
            if (track.at(i - 1) != null && track.at(i) != null) turns.add(MaskGeometry.bestTurn(track.at(i - 1), track.at(i)));
        if (turns.isEmpty()) return 0;
        return median(turns.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A subject that leaves one side of the picture re-enters from the other: such a jump (far larger
     * than the typical step) is replaced by the typical step so the path becomes continuous.
     */
    static void unwrap(double[] v, double[] t, int extent) {
        int n = v.length;
        if (n < 3) return;
        double[] steps = new double[n - 1];
        for (int k = 1; k < n; k++) steps[k - 1] = (v[k] - v[k - 1]) / (t[k] - t[k - 1]);
        double typical = median(steps.clone());
        double offset = 0;
        double previous = v[0];
        for (int k = 1; k < n; k++) {
            double raw = v[k];
            double expected = typical * (t[k] - t[k - 1]);
            if (Math.abs(raw - previous - expected) > 0.3 * extent) offset += expected - (raw - previous);
            previous = raw;
            v[k] = raw + offset;
        }
    }

    /** Median of pairwise slopes: robust to occlusion glitches and to the bob of a gait. */
    static double theilSen(double[] t, double[] v) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < t.length; i++)
            for (int j = i + 1; j < t.length; j++)
                if (t[j] - t[i] >= 2 || t.length < 4) slopes.add((v[j] - v[i]) / (t[j] - t[i]));
        if (slopes.isEmpty()) return 0;
        return median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
