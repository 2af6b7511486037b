package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Colour;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds hard cuts: frames whose background differs from the previous frame by much more than any
 * camera move explains. Two signals, either of which marks a cut: the coarse colour histogram of
 * the whole frame jumps (a new scene), or the background left after undoing the best camera motion
 * still differs a lot (the same scene from a new viewpoint). A cut between two shots of the same
 * scene can leave both small, because the world's backgrounds are smooth bands with a faint
 * texture; the subjects then give it away: the new shot's subjects stand where the old shot had
 * none of their colour, so a frame whose subjects nearly all appear from nowhere, with a background
 * residual clearly above the clip's usual one, is a cut as well.
 */
public final class ShotCutDetector {
    /** Histogram jump (half L1) that no continuous shot of the world produces. */
    static final double HISTOGRAM_CUT = 0.35;
    /** Mean absolute luma residual (0-255) after camera compensation below which a frame is never a cut. */
    static final double RESIDUAL_FLOOR = 6;
    /** A cut's residual stands this many times above the clip's median residual. */
    static final double RESIDUAL_RATIO = 5;
    /** How far (fraction of the shorter side) a subject pixel may move between frames and still be explained. */
    static final double SUBJECT_REACH = 0.125;
    /** Subject pixels (both frames, fraction of one frame) below which the subjects say nothing. */
    static final double SUBJECT_PIXELS = 0.015;
    /** Share of unexplained subject pixels that alone marks a cut, and the share that does with a raised residual. */
    static final double ALL_REPLACED = 0.95, MOST_REPLACED = 0.6;
    /** With most subjects replaced, a residual this many times the median (and at least MIN_RESIDUAL) completes a cut. */
    static final double RAISED_RESIDUAL = 1.8, MIN_RESIDUAL = 0.8;

    /**
     * @param motions motions.get(t) is the camera motion from frame t - 1 to frame t (index 0 unused)
     * @param blobs   blobs.get(t) are the subjects segmented in frame t
     * @return the first frame of every shot after the first, ascending
     */
    public List<Integer> cuts(List<RgbFrame> frames, List<CameraMotion> motions, List<List<Blob>> blobs) {
        List<Integer> cuts = new ArrayList<>();
        double[] residuals = motions.stream().skip(1).mapToDouble(CameraMotion::residual).sorted().toArray();
        double median = residuals.length == 0 ? 0 : residuals[residuals.length / 2];
        double residualCut = Math.max(RESIDUAL_FLOOR, RESIDUAL_RATIO * median);
        double[] previous = ColourHistogram.of(frames.getFirst(), null);
        int w = frames.getFirst().width(), h = frames.getFirst().height();
        for (int t = 1; t < frames.size(); t++) {
            double[] current = ColourHistogram.of(frames.get(t), null);
            double residual = motions.get(t).residual();
            boolean cut = ColourHistogram.distance(previous, current) > HISTOGRAM_CUT
                    || residual > residualCut
                    || subjectsReplaced(blobs.get(t - 1), blobs.get(t), w, h, residual, median);
            // a one-frame shot is a cut's trembling edge (a fast zoom's last frame mismatched next to
            // the real cut), not a shot: of two cuts in a row the one with the larger residual stays
            if (cut && !cuts.isEmpty() && cuts.getLast() == t - 1) {
                if (residual > motions.get(t - 1).residual()) cuts.set(cuts.size() - 1, t);
            } else if (cut) cuts.add(t);
            previous = current;
        }
        return cuts;
    }

    /**
     * The same scene re-shot: enough subject pixels, nearly all of them with no pixel of their
     * colour nearby in the other frame, or most of them while the background residual is also well
     * above the clip's median (a shot's own subjects never all jump at once).
     */
    static boolean subjectsReplaced(List<Blob> a, List<Blob> b, int w, int h, double residual, double median) {
        if (innerArea(a, w, h) + innerArea(b, w, h) < SUBJECT_PIXELS * w * h) return false;
        double change = subjectChange(a, b, w, h);
        return change >= ALL_REPLACED || change >= MOST_REPLACED && residual >= Math.max(MIN_RESIDUAL, RAISED_RESIDUAL * median);
    }

    private static int innerArea(List<Blob> blobs, int w, int h) {
        return blobs.stream().filter(blob -> !touchesEdge(blob, w, h)).mapToInt(Blob::area).sum();
    }

    private static boolean touchesEdge(Blob blob, int w, int h) {
        return blob.x0() == 0 || blob.y0() == 0 || blob.x1() == w || blob.y1() == h;
    }

    /**
     * Share of the subject pixels of both frames (blobs clear of the picture edge, which may be
     * entering or leaving) that have no pixel of their colour within {@link #SUBJECT_REACH} in the
     * other frame; 0 when neither frame has such a pixel.
     */
    static double subjectChange(List<Blob> a, List<Blob> b, int w, int h) {
        int reach = Math.max(1, (int) Math.round(SUBJECT_REACH * Math.min(w, h)));
        long[] unexplained = new long[1], total = new long[1];
        count(a, b, w, h, reach, unexplained, total);
        count(b, a, w, h, reach, unexplained, total);
        return total[0] == 0 ? 0 : (double) unexplained[0] / total[0];
    }

    private static void count(List<Blob> from, List<Blob> in, int w, int h, int reach, long[] unexplained, long[] total) {
        int colours = Colour.values().length;
        int[][] integral = new int[colours][];                        // per colour [(h+1)*(w+1)] summed-area table of `in`
        for (Blob blob : in) {
            int c = blob.colour().ordinal();
            if (integral[c] == null) integral[c] = new int[(h + 1) * (w + 1)];
            for (int y = blob.y0(); y < blob.y1(); y++)
                for (int x = blob.x0(); x < blob.x1(); x++)
                    if (blob.covers(x, y)) integral[c][(y + 1) * (w + 1) + x + 1] = 1;
        }
        for (int[] table : integral) {
            if (table == null) continue;
            for (int y = 1; y <= h; y++)
                for (int x = 1; x <= w; x++)
                    table[y * (w + 1) + x] += table[(y - 1) * (w + 1) + x] + table[y * (w + 1) + x - 1] - table[(y - 1) * (w + 1) + x - 1];
        }
        for (Blob blob : from) {
            if (touchesEdge(blob, w, h)) continue;
            int[] table = integral[blob.colour().ordinal()];
            for (int y = blob.y0(); y < blob.y1(); y++)
                for (int x = blob.x0(); x < blob.x1(); x++) {
                    if (!blob.covers(x, y)) continue;
                    total[0]++;
                    if (table == null) { unexplained[0]++; continue; }
                    int x0 = Math.max(0, x - reach), y0 = Math.max(0, y - reach);
                    int x1 = Math.min(w, x + reach + 1), y1 = Math.min(h, y + reach + 1);
                    int near = table[y1 * (w + 1) + x1] - table[y0 * (w + 1) + x1] - table[y1 * (w + 1) + x0] + table[y0 * (w + 1) + x0];
                    if (near == 0) unexplained[0]++;
                }
        }
    }
}
