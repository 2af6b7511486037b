package ai.gallop.eval;

import ai.gallop.media.Sound;

import java.util.Arrays;

/**
 * Finds the start times of sound events (hoofbeats, thumps, wing flaps, bubbles) in a mono track,
 * ignoring steady or slowly changing sound (ambience, an engine hum) and narrow-band pulse trains
 * (crickets).
 *
 * <p>Detection: an 8 ms Hann STFT every 2 ms is summed into octave bands and turned into levels in
 * dB. In each band a rise is the level above both the band's running background (median over
 * +-{@link #BACKGROUND_SECONDS}) and its own maximum between {@link #REFERENCE_SECONDS} and
 * {@link #LAG_SECONDS} earlier (a SuperFlux-style temporal maximum filter), less a noise margin that
 * shrinks with the band's width. Each band contributes at most {@link #BAND_CAP_DB}, and the sum must
 * reach {@link #THRESHOLD}: an impact is broadband and rises in several bands at once, whereas a
 * cricket's chirp rises in one band only, however sharply. A frame is an onset when its sum is the
 * largest within +-{@link #MIN_GAP_SECONDS}.
 *
 * <p>Timing: in the band that rose most, the onset is where the level was last {@link #ONSET_DROP_DB}
 * under its nearby maximum, interpolated between frames, plus the lead a Hann window has at that
 * point ({@link #WINDOW_LEAD_SECONDS}). On the world's renders this places onsets within about half a
 * millisecond of the true event times (docs/evaluation.md has the calibration).
 */
public final class OnsetDetector {
    static final double WINDOW_SECONDS = 0.008, HOP_SECONDS = 0.002;
    static final double LAG_SECONDS = 0.004, REFERENCE_SECONDS = 0.02;
    static final double BACKGROUND_SECONDS = 0.15;
    static final double MIN_GAP_SECONDS = 0.03;
    /** Sum of band rises (dB) an onset needs; on world renders events reach 24 or more, all else 16 or less. */
    static final double THRESHOLD = 20;
    static final double BAND_CAP_DB = 20;
    /** Noise deviations (of one band's level) a rise must clear before it counts. */
    static final double NOISE_MARGIN = 3;
    static final double ONSET_DROP_DB = 6, ONSET_MIN_RISE_DB = 3;
    static final double WINDOW_LEAD_SECONDS = 0.0015;
    /** Octave band edges in Hz; the last band runs to the Nyquist frequency. */
    static final double[] BAND_EDGES = {0, 250, 500, 1000, 2000, 4000};
    /** Levels are floored at least here (dB re full scale per band) so digital silence stays finite. */
    static final double FLOOR_DB = -100, DYNAMIC_RANGE_DB = 60;

    /** Onset times in seconds, ascending. A missing, empty or all-zero track has none. */
    public double[] detect(Sound sound) {
        if (sound == null || sound.samples().length == 0) return new double[0];
        Analysis a = analyse(sound);
        int[] peaks = pickPeaks(a.novelty(), a.spec().hop(), sound.sampleRate());
        double[] times = new double[peaks.length];
        for (int i = 0; i < peaks.length; i++) times[i] = refine(a.spec(), a.level(), a.background(), peaks[i]);
        Arrays.sort(times);
        return times;
    }

    private record Analysis(Spectrogram spec, double[][] level, double[][] background, double[] novelty) {}

    private static Analysis analyse(Sound sound) {
        int sr = sound.sampleRate();
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sr));
        int window = Integer.highestOneBit(Math.max(4, (int) Math.round(WINDOW_SECONDS * sr)));
        Spectrogram spec = Spectrogram.of(sound.samples(), sr, window, hop);
        double[][] level = bandLevels(spec);                     // [bands][frames] dB
        double[][] background = backgrounds(level, hop, sr);     // [bands][frames] dB
        return new Analysis(spec, level, background, novelty(level, background, binsPerBand(spec), hop, sr));
    }

    /**
     * Band levels in dB, floored {@link #DYNAMIC_RANGE_DB} under the loudest band level of the clip:
     * in dB a faint leak rising out of digital silence looks as large as a real impact, so what is
     * far quieter than the clip's loudest moment is treated as silence.
     */
    private static double[][] bandLevels(Spectrogram spec) {
        int bands = BAND_EDGES.length;
        double[][] level = new double[bands][];
        double loudest = FLOOR_DB;
        for (int b = 0; b < bands; b++) {
            double[] p = spec.bandPower(BAND_EDGES[b], bandTop(b, spec.sampleRate()));
            for (int t = 0; t < p.length; t++) {
                p[t] = 10 * Math.log10(p[t] + 1e-30);
                loudest = Math.max(loudest, p[t]);
            }
            level[b] = p;
        }
        double floor = Math.max(FLOOR_DB, loudest - DYNAMIC_RANGE_DB);
        for (double[] l : level) for (int t = 0; t < l.length; t++) l[t] = Math.max(floor, l[t]);
        return level;
    }

    private static double bandTop(int band, int sampleRate) {
        return band + 1 < BAND_EDGES.length ? BAND_EDGES[band + 1] : sampleRate / 2.0 + 1;
    }

    private static int[] binsPerBand(Spectrogram spec) {
        int[] bins = new int[BAND_EDGES.length];
        for (int b = 0; b < bins.length; b++) bins[b] = spec.binCount(BAND_EDGES[b], bandTop(b, spec.sampleRate()));
        return bins;
    }

    /** Per band: its running background level (median over +-BACKGROUND_SECONDS) in dB. */
    private static double[][] backgrounds(double[][] level, int hop, int sr) {
        int half = Math.max(1, (int) Math.round(BACKGROUND_SECONDS * sr / hop));
        int stride = Math.max(1, half / 8);
        double[][] out = new double[level.length][];
        for (int b = 0; b < level.length; b++) {
            double[] l = level[b], bg = new double[l.length];
            double current = 0;
            for (int t = 0; t < l.length; t++) {
                // the median moves slowly, so it is recomputed every few frames only
                if (t % stride == 0) current = median(Arrays.copyOfRange(l, Math.max(0, t - half), Math.min(l.length, t + half + 1)));
                bg[t] = current;
            }
            out[b] = bg;
        }
        return out;
    }

    private static double[] novelty(double[][] level, double[][] background, int[] bins, int hop, int sr) {
        int frames = level[0].length;
        int lag = Math.max(1, (int) Math.round(LAG_SECONDS * sr / hop));
        int span = Math.max(lag, (int) Math.round(REFERENCE_SECONDS * sr / hop));
        double[] out = new double[frames];
        for (int b = 0; b < level.length; b++) {
            double[] l = level[b], bg = background[b];
            double margin = noiseMargin(bins[b]);
            for (int t = 0; t < frames; t++) {
                double ref = bg[t];
                for (int j = Math.max(0, t - span); j <= t - lag; j++) ref = Math.max(ref, l[j]);
                out[t] += Math.clamp(l[t] - ref - margin, 0, BAND_CAP_DB);
            }
        }
        return out;
    }

    /**
     * How far noise alone lifts a band's level above its typical value, in dB: the power of one bin
     * of stationary noise is exponentially distributed, whose level has a standard deviation of
     * 5.57 dB; a band of k bins averages about k / 2 independent values (neighbouring Hann bins are
     * correlated), and {@link #NOISE_MARGIN} such deviations are allowed before a rise counts.
     */
    static double noiseMargin(int bins) {
        return NOISE_MARGIN * 5.57 / Math.sqrt(Math.max(1, bins / 2.0));
    }

    private static int[] pickPeaks(double[] novelty, int hop, int sr) {
        int n = novelty.length;
        int gap = Math.max(1, (int) Math.round(MIN_GAP_SECONDS * sr / hop));
        int[] out = new int[n];
        int count = 0;
        for (int t = 0; t < n; t++) {
            double v = novelty[t];
            if (v < THRESHOLD) continue;
            boolean isMax = true;
            for (int j = Math.max(0, t - gap); j <= Math.min(n - 1, t + gap) && isMax; j++)
                if (novelty[j] > v || (novelty[j] == v && j < t)) isMax = false;
            if (isMax) out[count++] = t;
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * Places an onset precisely. In the band that rose most, find the loudest frame near the novelty
     * peak, walk back to where the level was last {@link #ONSET_DROP_DB} below it (or only
     * {@link #ONSET_MIN_RISE_DB} above the background, for a quiet event), interpolate between the two
     * frames, and add {@link #WINDOW_LEAD_SECONDS}: a Hann window reaches a quarter of the event's
     * energy while the event's start is still that far ahead of the window's centre.
     */
    private static double refine(Spectrogram spec, double[][] level, double[][] background, int peak) {
        int frames = level[0].length;
        int near = (int) Math.round(REFERENCE_SECONDS * spec.sampleRate() / spec.hop());
        int best = 0;
        double bestRise = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < level.length; b++) {
            double rise = level[b][peak] - background[b][peak];
            if (rise > bestRise) { bestRise = rise; best = b; }
        }
        double[] l = level[best], bg = background[best];
        int top = peak;
        for (int t = peak; t <= Math.min(frames - 1, peak + near / 2); t++) if (l[t] > l[top]) top = t;
        double need = Math.max(l[top] - ONSET_DROP_DB, bg[top] + ONSET_MIN_RISE_DB);
        int t = top;
        while (t > Math.max(0, top - near) && l[t - 1] >= need) t--;
        double frame = t;
        if (t > 0 && l[t] > l[t - 1] && l[t - 1] < need) frame = t - (l[t] - need) / (l[t] - l[t - 1]);
        return frame * spec.hop() / spec.sampleRate() + WINDOW_LEAD_SECONDS;
    }

    static double median(double[] values) {
        if (values.length == 0) return 0;
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
