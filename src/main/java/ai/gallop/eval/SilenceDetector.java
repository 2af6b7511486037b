package ai.gallop.eval;

import ai.gallop.media.Sound;

/**
 * Tells a missing or silent sound track from a quiet one. The world's quietest ambience (the studio's
 * room tone) stays far above {@link #SILENT_PEAK_DBFS}; an AAC round trip of digital silence stays
 * far below it.
 */
public final class SilenceDetector {
    /** A track whose loudest sample is below this (dB re full scale) counts as silent. */
    public static final double SILENT_PEAK_DBFS = -70;

    private SilenceDetector() {}

    /** True for no track, an empty track, or one whose peak is below {@link #SILENT_PEAK_DBFS}. */
    public static boolean isSilent(Sound sound) {
        return sound == null || sound.samples().length == 0 || peakDbfs(sound) < SILENT_PEAK_DBFS;
    }

    /** Peak level in dB re full scale; -inf for an all-zero or empty track. */
    public static double peakDbfs(Sound sound) {
        double peak = 0;
        for (float v : sound.samples()) peak = Math.max(peak, Math.abs(v));
        return 20 * Math.log10(peak);
    }

    /** RMS level in dB re full scale (a full-scale sine is -3 dB); -inf for an all-zero or empty track. */
    public static double rmsDbfs(Sound sound) {
        double sum = 0;
        for (float v : sound.samples()) sum += (double) v * v;
        return sound.samples().length == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / sound.samples().length);
    }
}
