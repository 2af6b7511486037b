package ai.gallop.eval;

import java.util.Arrays;

/**
 * Audio onsets judged against the events the picture shows (contacts, landings, wing downstrokes,
 * bubbles), as in onset-detection evaluation (mir_eval): a one-to-one matching within
 * {@link #TOLERANCE_SECONDS}, precision = matches / onsets, recall = matches / events, and the mean
 * absolute offset of the matched pairs. Events closer together than {@link #MERGE_SECONDS} (two
 * subjects landing on the same frame) are heard as one sound, so they count as one event.
 *
 * <p>Empty sides have fixed values rather than 0/0: with no onsets, precision is 1 when there are no
 * events either and 0 otherwise; with no events, recall is 1. With no match the mean offset is the
 * tolerance itself, the worst a match could have had, and {@link #matches} says it is not measured.
 */
public record OnsetScores(double precision, double recall, double meanAbsOffsetSeconds, double meanSignedOffsetSeconds,
                          int onsets, int events, int matches) {
    /** The usual onset-evaluation window (mir_eval's default), twice what people notice (25 ms). */
    public static final double TOLERANCE_SECONDS = 0.05;
    public static final double MERGE_SECONDS = OnsetDetector.MIN_GAP_SECONDS;

    public static OnsetScores of(double[] onsets, double[] events) { return of(onsets, events, TOLERANCE_SECONDS); }

    public static OnsetScores of(double[] onsets, double[] events, double tolerance) {
        double[] merged = merge(events);
        EventMatching m = EventMatching.of(onsets, merged, tolerance);
        int a = onsets.length, e = merged.length, k = m.matches();
        double precision = a == 0 ? (e == 0 ? 1 : 0) : k / (double) a;
        double recall = e == 0 ? 1 : k / (double) e;
        double offset = k == 0 ? tolerance : m.meanAbsOffset(), signed = k == 0 ? 0 : m.meanSignedOffset();
        return new OnsetScores(precision, recall, offset, signed, a, e, k);
    }

    /** Harmonic mean of precision and recall (0 when both are 0). */
    public double f1() { return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall); }

    /** Event times with every run of times less than {@link #MERGE_SECONDS} apart replaced by its first time. */
    static double[] merge(double[] events) {
        if (events == null) throw new IllegalArgumentException("event times are missing; allowed: an array, possibly empty");
        double[] sorted = events.clone();
        Arrays.sort(sorted);
        double[] out = new double[sorted.length];
        int n = 0;
        for (double t : sorted) {
            if (!Double.isFinite(t)) throw new IllegalArgumentException("event time " + t + " is not finite; allowed: finite seconds");
            if (n == 0 || t - out[n - 1] >= MERGE_SECONDS) out[n++] = t;
        }
        return Arrays.copyOf(out, n);
    }
}
