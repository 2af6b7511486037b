package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Direction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The instants at which the picture shows something that should be heard, found on the tracks of
 * the picture analysis (never on how the clip was made). What counts as an event depends on the
 * action the picture side read for the track:
 * <ul>
 * <li>bounce: every frame where the subject is at the bottom of its vertical arc (the ground
 *     contact); jump: the first frame on the ground after being in the air (the landing). "On the
 *     ground" is within 15% of the arc height from the lowest camera-compensated position;</li>
 * <li>gallop: a four-beat gait has a hoofbeat every quarter stride (a stride lasts about 0.42 s),
 *     so when a quarter stride is shorter than {@link #EVERY_FRAME_BEATS} frames every frame shows
 *     a contact; at higher frame rates the contacts are the frames where the legs are spread widest
 *     (local maxima of the outline's horizontal spread: one leg forward, its diagonal partner back);</li>
 * <li>fly: the start of each downstroke, with the wings at the top: local maxima of how far the
 *     outline reaches above its centroid, relative to the subject's size;</li>
 * <li>swim: a bubble leaving the mouth: the first frame in which bubble-coloured pixels appear on the
 *     background next to the front end of the fish.</li>
 * </ul>
 * Other actions make no discrete sound.
 */
public final class VisualEvents {
    /** Fraction of the arc height within which a bouncing or jumping subject counts as on the ground. */
    static final double GROUND_BAND = 0.15;
    /** A gallop stride of about 0.42 s has four hoofbeats; below this many frames per beat every frame shows one. */
    static final double STRIDE_SECONDS = 0.42, EVERY_FRAME_BEATS = 1.5;
    /** The colour of a bubble and how far (RGB distance) a pixel may be from it, compression included. */
    static final int BUBBLE_RGB = 0xAAD7F0, BUBBLE_TOLERANCE = 36;
    /** Radius (in subject sizes, the square root of the area) around the mouth searched for a new bubble. */
    static final double MOUTH_RADIUS = 0.45;

    private VisualEvents() {}

    /** Event times in seconds, ascending, over every shot and track of the analysis. */
    public static double[] times(PictureAnalysis analysis, int fps) {
        List<Double> out = new ArrayList<>();
        for (ShotAnalysis shot : analysis.shots()) {
            CameraCompensation camera = CameraCompensation.of(shot.motions(), analysis.width(), analysis.height());
            for (SubjectTrack subject : shot.subjects())
                for (int i : frames(subject, camera, analysis, fps)) out.add((shot.start() + i) / (double) fps);
        }
        double[] times = out.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(times);
        return times;
    }

    /** Shot-local frame indices of the events of one track. */
    static List<Integer> frames(SubjectTrack subject, CameraCompensation camera, PictureAnalysis analysis, int fps) {
        return switch (subject.action()) {
            case BOUNCE, JUMP -> groundContacts(subject.track(), camera, subject.action() == Action.JUMP);
            case GALLOP -> hoofbeats(subject.track(), fps);
            case FLY -> downstrokes(subject.track());
            case SWIM -> bubbles(subject, analysis);
            default -> List.of();
        };
    }

    private static List<Integer> groundContacts(Track track, CameraCompensation camera, boolean landingsOnly) {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < track.length(); i++) if (track.at(i) != null) seen.add(i);
        if (seen.size() < 3) return List.of();
        double[] lift = new double[seen.size()];     // height above the lowest point, screen y pointing down
        for (int k = 0; k < seen.size(); k++) lift[k] = -camera.worldY(seen.get(k), track.at(seen.get(k)).cy());
        double low = Arrays.stream(lift).min().orElseThrow(), high = Arrays.stream(lift).max().orElseThrow();
        if (high - low <= 0) return List.of();
        double band = low + GROUND_BAND * (high - low);
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k < seen.size(); k++) {
            if (lift[k] > band) continue;
            boolean cameDown = lift[k - 1] > band;
            boolean lowest = lift[k] <= lift[k - 1] && (k + 1 == seen.size() || lift[k] <= lift[k + 1]);
            if (landingsOnly ? cameDown : lowest) out.add(seen.get(k));
        }
        return out;
    }

    private static List<Integer> hoofbeats(Track track, int fps) {
        List<Integer> out = new ArrayList<>();
        if (STRIDE_SECONDS / 4 * fps < EVERY_FRAME_BEATS) {
            for (int i = 0; i < track.length(); i++) if (track.at(i) != null) out.add(i);
            return out;
        }
        return localMaxima(track, VisualEvents::horizontalSpread);
    }

    private static List<Integer> downstrokes(Track track) {
        return localMaxima(track, VisualEvents::upwardReach);
    }

    /** Sightings (both neighbours seen, none cut by the picture edge) where {@code feature} is a strict local maximum. */
    private static List<Integer> localMaxima(Track track, ToDoubleFunction<Blob> feature) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i + 1 < track.length(); i++) {
            Blob p = track.at(i - 1), q = track.at(i), r = track.at(i + 1);
            if (p == null || q == null || r == null) continue;
            double v = feature.applyAsDouble(q);
            if (v > feature.applyAsDouble(p) && v >= feature.applyAsDouble(r)) out.add(i);
        }
        return out;
    }

    /** Root-mean-square horizontal distance of the mask's pixels from the centroid, over the subject's size. */
    static double horizontalSpread(Blob b) {
        double sum = 0;
        for (int y = b.y0(); y < b.y1(); y++)
            for (int x = b.x0(); x < b.x1(); x++)
                if (b.covers(x, y)) sum += (x + 0.5 - b.cx()) * (x + 0.5 - b.cx());
        return Math.sqrt(sum / b.area()) / b.scale();
    }

    /** Root-mean-square height of the mask's pixels above the centroid, over the subject's size: raised wings reach up. */
    static double upwardReach(Blob b) {
        double sum = 0;
        for (int y = b.y0(); y < b.y1(); y++)
            for (int x = b.x0(); x < b.x1(); x++)
                if (b.covers(x, y) && y + 0.5 < b.cy()) sum += (b.cy() - y - 0.5) * (b.cy() - y - 0.5);
        return Math.sqrt(sum / b.area()) / b.scale();
    }

    private static List<Integer> bubbles(SubjectTrack subject, PictureAnalysis analysis) {
        Track track = subject.track();
        boolean facingLeft = subject.direction() == Direction.LEFT;
        List<Integer> out = new ArrayList<>();
        int before = -1;
        for (int i = 0; i < track.length(); i++) {
            Blob b = track.at(i);
            if (b == null) { before = -1; continue; }
            int frame = track.start() + i;
            double mouthX = facingLeft ? b.x0() : b.x1(), radius = Math.max(2, MOUTH_RADIUS * b.scale());
            int now = bubblePixels(analysis.frames().get(frame), analysis.blobs().get(frame), mouthX, b.cy(), radius);
            if (before == 0 && now > 0) out.add(i);
            before = now;
        }
        return out;
    }

    /** Background pixels of bubble colour within {@code radius} of (x, y). */
    private static int bubblePixels(RgbFrame f, List<Blob> blobs, double x, double y, double radius) {
        int count = 0;
        int br = BUBBLE_RGB >> 16 & 255, bg = BUBBLE_RGB >> 8 & 255, bb = BUBBLE_RGB & 255;
        for (int py = (int) Math.floor(y - radius); py <= (int) Math.ceil(y + radius); py++)
            for (int px = (int) Math.floor(x - radius); px <= (int) Math.ceil(x + radius); px++) {
                if (px < 0 || py < 0 || px >= f.width() || py >= f.height()) continue;
                if ((px + 0.5 - x) * (px + 0.5 - x) + (py + 0.5 - y) * (py + 0.5 - y) > radius * radius) continue;
                int rgb = f.get(px, py);
                int dr = (rgb >> 16 & 255) - br, dg = (rgb >> 8 & 255) - bg, db = (rgb & 255) - bb;
                if (dr * dr + dg * dg + db * db > BUBBLE_TOLERANCE * BUBBLE_TOLERANCE) continue;
                int cx = px, cy = py;
                if (blobs.stream().noneMatch(o -> o.covers(cx, cy))) count++;
            }
        return count;
    }
}
