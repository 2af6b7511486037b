package ai.gallop.eval;

import ai.gallop.media.Sound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spectral statistics of the quiet parts of a stretch of sound: what is heard between the events.
 * The sound is cut into 32 ms Hann frames every 16 ms; frames that overlap an onset's first
 * {@link #EVENT_SECONDS} are dropped, and each statistic is a median over the frames left, so the
 * occasional event the onset detector missed does not move it.
 *
 * <p>The features, all in dB: the level of the 1.2 to 2.4 kHz band (almost nothing for the studio's
 * room tone, little for crickets) and the levels of the other six octave bands from 0 to 8 kHz
 * relative to it (the spectral envelope: low rumble for traffic, a steep low-pass for wind, a gentler
 * one for waves, a band-pass for snow; relative levels stay put while gusts and swells move the
 * whole spectrum up and down); the prominence of the
 * strongest narrow peak in the 3 to 6 kHz chirp band over that band's median (crickets sing on one
 * pitch); the spectral flatness of 40 to 600 Hz (traffic rumbles with noise, an engine hums on
 * harmonics); and the spread over time of the 0.6 to 2.4 kHz level (waves swell, wind gusts).
 */
public record AmbienceFeatures(double[] values) {
    public static final List<String> NAMES = List.of("level_1200_2400", "rel_0_150", "rel_150_300", "rel_300_600",
            "rel_600_1200", "rel_2400_4800", "rel_4800_8000", "chirp_peak", "low_flatness", "swell");
    /** The band whose level is kept absolute; the others are relative to it. */
    static final int REFERENCE_BAND = 4;
    static final double FRAME_SECONDS = 0.032, HOP_SECONDS = 0.016;
    /** How long after an onset an event is still heard (the world's transients decay within this). */
    static final double EVENT_SECONDS = 0.1;
    static final double[] BAND_EDGES = {0, 150, 300, 600, 1200, 2400, 4800, 8000};
    static final double FLOOR_DB = -120;
    /** With fewer quiet frames than this, every frame is used. */
    static final int MIN_QUIET_FRAMES = 6;

    /** Features of the part of {@code sound} from {@code fromSeconds} to {@code toSeconds}, given its onsets. */
    public static AmbienceFeatures of(Sound sound, double fromSeconds, double toSeconds, double[] onsets) {
        int sr = sound.sampleRate();
        int from = Math.clamp(Math.round(fromSeconds * sr), 0, sound.samples().length);
        int to = Math.clamp(Math.round(toSeconds * sr), from, sound.samples().length);
        int window = Integer.highestOneBit(Math.max(16, (int) Math.round(FRAME_SECONDS * sr)));
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sr));
        float[] part = Arrays.copyOfRange(sound.samples(), from, to);
        Spectrogram spec = Spectrogram.of(part, sr, window, hop);
        List<double[]> quiet = new ArrayList<>(), all = new ArrayList<>();
        for (int t = 0; t < spec.frames(); t++) {
            // frame t covers the window centred on it, clipped to the part
            double start = (from + Math.max(0, t * hop - window / 2)) / (double) sr;
            double end = (from + Math.min(part.length, t * hop + window / 2)) / (double) sr;
            if (t * hop - window / 2 < 0 || t * hop + window / 2 > part.length) continue;   // padded frames read too low
            all.add(spec.power()[t]);
            boolean touched = false;
            for (double o : onsets) touched |= o < end && o + EVENT_SECONDS > start;
            if (!touched) quiet.add(spec.power()[t]);
        }
        List<double[]> frames = quiet.size() >= MIN_QUIET_FRAMES ? quiet : all;
        if (frames.isEmpty()) frames = List.of(new double[spec.bins()]);
        return new AmbienceFeatures(features(frames, spec));
    }

    private static double[] features(List<double[]> frames, Spectrogram spec) {
        int bins = spec.bins();
        double[] median = new double[bins];                       // [bins] median power over frames
        double[] column = new double[frames.size()];
        for (int k = 0; k < bins; k++) {
            for (int i = 0; i < column.length; i++) column[i] = frames.get(i)[k];
            median[k] = OnsetDetector.median(column);
        }
        int bands = BAND_EDGES.length - 1;
        double[] level = new double[bands];
        for (int b = 0; b < bands; b++) level[b] = db(sum(median, spec, BAND_EDGES[b], BAND_EDGES[b + 1]));
        double[] f = new double[NAMES.size()];
        f[0] = level[REFERENCE_BAND];
        for (int b = 0, i = 1; b < bands; b++) if (b != REFERENCE_BAND) f[i++] = level[b] - level[REFERENCE_BAND];
        f[bands] = chirpPeak(median, spec);
        f[bands + 1] = flatness(median, spec, 40, 600);
        double[] swell = new double[frames.size()];
        for (int i = 0; i < swell.length; i++) swell[i] = db(sum(frames.get(i), spec, 600, 2400));
        f[bands + 2] = spread(swell);
        return f;
    }

    private static double chirpPeak(double[] power, Spectrogram spec) {
        double[] band = slice(power, spec, 3000, 6000);
        if (band.length == 0) return 0;
        double peak = Arrays.stream(band).max().orElse(0);
        return db(peak) - db(OnsetDetector.median(band));
    }

    /** Wiener entropy: geometric over arithmetic mean of the power, in dB (0 for white noise). */
    private static double flatness(double[] power, Spectrogram spec, double loHz, double hiHz) {
        double[] band = slice(power, spec, loHz, hiHz);
        if (band.length == 0) return 0;
        double logSum = 0, sum = 0;
        for (double p : band) {
            logSum += Math.log(p + 1e-30);
            sum += p;
        }
        return db(Math.exp(logSum / band.length)) - db(sum / band.length);
    }

    /** Robust spread: half the distance between the 75th and 25th percentiles. */
    private static double spread(double[] values) {
        if (values.length < 2) return 0;
        double[] s = values.clone();
        Arrays.sort(s);
        return (Bootstrap.quantile(s, 0.75) - Bootstrap.quantile(s, 0.25)) / 2;
    }

    private static double[] slice(double[] power, Spectrogram spec, double loHz, double hiHz) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < power.length; k++) if (spec.binHz(k) >= loHz && spec.binHz(k) < hiHz) out.add(power[k]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double sum(double[] power, Spectrogram spec, double loHz, double hiHz) {
        double s = 0;
        for (int k = 0; k < power.length; k++) if (spec.binHz(k) >= loHz && spec.binHz(k) < hiHz) s += power[k];
        return s;
    }

    private static double db(double power) { return Math.max(FLOOR_DB, 10 * Math.log10(power + 1e-30)); }
}
