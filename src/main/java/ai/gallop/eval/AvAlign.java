package ai.gallop.eval;

/**
 * AV-Align (Yariv et al. 2024), the neural-net-free audio-video synchrony score: audio peaks are
 * sound onsets ({@link OnsetDetector}), video peaks are local maxima of motion over time
 * ({@link MotionPeaks#subjectCurve}; the paper uses the whole frame's optical-flow magnitude, this
 * uses the speed the tracked subjects lose, camera-compensated, so camera moves make no peak), a pair
 * matches when the two times differ by less than one frame period, and the score is the intersection
 * over union matches / (|A| + |V| - matches).
 *
 * <p>Unlike the published code, which counts every video peak with some audio peak nearby and can
 * exceed 1 when one onset serves several peaks, pairs here are one-to-one ({@link EventMatching}).
 * With no peaks on either side the score is 1 (nothing to align, nothing misaligned).
 */
public final class AvAlign {
    private AvAlign() {}

    public record Result(double score, int audioPeaks, int videoPeaks, int matches) {}

    public static Result score(double[] audioOnsets, double[] videoPeaks, double fps) {
        if (!(fps > 0) || !Double.isFinite(fps))
            throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: a positive frame rate");
        EventMatching matching = EventMatching.of(audioOnsets, videoPeaks, 1 / fps);
        int a = audioOnsets.length, v = videoPeaks.length, m = matching.matches();
        double score = a + v == 0 ? 1 : m / (double) (a + v - m);
        return new Result(score, a, v, m);
    }
}
