package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;

import java.util.List;

/**
 * How well a model edits world clips: each edit starts from the world's clip with its subjects in other colours and
 * asks, in words, for the prompt's colours back, so the world's own render of the prompt is the exact answer. PSNR
 * against that answer counts everything at once (subjects repainted, the rest kept); the unedited clip's PSNR and
 * colour score are what doing nothing gets. A recolouring keeps the clip's sound, so the answer's sound is the
 * clip's: how closely the edit's loudness follows it over time says whether the edit kept the sound (the onset
 * scores cannot: they match sounds to the events tracked in the edit's own picture).
 *
 * @param clips        one line per edit
 * @param psnr         mean PSNR of the edits against the answers, dB
 * @param sourcePsnr   mean PSNR of the unedited clips against the answers, dB
 * @param colour       mean colour score of the edits (the evaluator's colour dimension, against the prompt), over clips that
 *                     have one; null when none has
 * @param sourceColour the same for the unedited clips
 * @param sound        mean {@link #soundMatch} of the edits' sound with the answers'
 * @param sourceSound  the same for the unedited clips, as read back from their files
 */
public record EditReport(List<Clip> clips, double psnr, double sourcePsnr, Double colour, Double sourceColour, double sound, double sourceSound) {
    public static final String FILE = "edit.json";

    /** Loudness windows of {@link #soundMatch}: 20 ms, about the length of one drum stroke's attack. */
    static final double ENVELOPE_SECONDS = 0.02;

    /**
     * One edit: its instruction, PSNR and colour score of the edit and of the unedited clip (colour null when the prompt
     * names none), and how closely the sound of each follows the answer's ({@link #soundMatch}).
     */
    public record Clip(String id, String instruction, double psnr, double sourcePsnr, Double colour, Double sourceColour, double sound,
                       double sourceSound) {}

    public static EditReport of(List<Clip> clips) {
        if (clips.isEmpty()) throw new IllegalArgumentException("no edits to report; allowed: one or more");
        return new EditReport(List.copyOf(clips), clips.stream().mapToDouble(Clip::psnr).average().orElseThrow(),
                clips.stream().mapToDouble(Clip::sourcePsnr).average().orElseThrow(),
                mean(clips.stream().map(Clip::colour).toList()), mean(clips.stream().map(Clip::sourceColour).toList()),
                clips.stream().mapToDouble(Clip::sound).average().orElseThrow(), clips.stream().mapToDouble(Clip::sourceSound).average().orElseThrow());
    }

    /**
     * How closely one clip's sound follows another's: the correlation of their loudness (RMS over 20 ms windows) over
     * their common length, from 1 (the same rises and falls at the same times) through 0 (unrelated) to -1; 0 when
     * either is silent, flat or missing. Loudness, not the waveform, so a sound made again with the same events at the
     * same times matches too.
     */
    public static double soundMatch(Video a, Video b) {
        if (a.sound() == null || b.sound() == null) return 0;
        if (a.sound().sampleRate() != b.sound().sampleRate())
            throw new IllegalArgumentException("sounds at " + a.sound().sampleRate() + " and " + b.sound().sampleRate() + " Hz; allowed: one rate");
        int window = (int) Math.round(ENVELOPE_SECONDS * a.sound().sampleRate());
        double[] x = envelope(a.sound().samples(), window), y = envelope(b.sound().samples(), window);
        int n = Math.min(x.length, y.length);
        if (n < 2) return 0;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx < 1e-12 || syy < 1e-12 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] envelope(float[] samples, int window) {
        double[] rms = new double[samples.length / window];
        for (int w = 0; w < rms.length; w++) {
            double sum = 0;
            for (int i = w * window; i < (w + 1) * window; i++) sum += samples[i] * (double) samples[i];
            rms[w] = Math.sqrt(sum / window);
        }
        return rms;
    }

    private static Double mean(List<Double> scores) {
        List<Double> present = scores.stream().filter(java.util.Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Mean per-frame PSNR of two clips of the same size and length, dB. */
    public static double psnr(Video a, Video b) {
        List<RgbFrame> x = a.frames(), y = b.frames();
        if (x.size() != y.size())
            throw new IllegalArgumentException("clips of " + x.size() + " and " + y.size() + " frames; allowed: two clips of the same length");
        double sum = 0;
        for (int i = 0; i < x.size(); i++) sum += ImageFidelity.psnr(x.get(i), y.get(i));
        return sum / x.size();
    }
}
