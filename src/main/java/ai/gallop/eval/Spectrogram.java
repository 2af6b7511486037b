package ai.gallop.eval;

import ai.gallop.media.Fft;

/**
 * Short-time power spectrum of a mono signal: Hann-windowed frames of {@code window} samples (a power
 * of two) every {@code hop} samples. Frame t is centred on sample t * hop (the signal is zero-padded
 * at both ends), so frame t describes the instant t * hop / sampleRate seconds.
 */
public record Spectrogram(double[][] power, int window, int hop, int sampleRate) {

    public static Spectrogram of(float[] samples, int sampleRate, int window, int hop) {
        if (window < 4 || Integer.bitCount(window) != 1)
            throw new IllegalArgumentException("spectrogram window " + window + " is not a power of two; allowed: 4, 8, 16, ...");
        if (hop < 1) throw new IllegalArgumentException("spectrogram hop " + hop + " is out of range; allowed: 1 or more samples");
        int frames = samples.length == 0 ? 0 : (samples.length - 1) / hop + 1;
        double[] hann = new double[window];
        for (int i = 0; i < window; i++) hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / window);
        double[][] power = new double[frames][window / 2 + 1];          // [frames][bins]
        double[] re = new double[window], im = new double[window];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - window / 2;
            for (int i = 0; i < window; i++) {
                int s = start + i;
                re[i] = s >= 0 && s < samples.length ? samples[s] * hann[i] : 0;
                im[i] = 0;
            }
            Fft.transform(re, im);
            for (int k = 0; k <= window / 2; k++) power[t][k] = re[k] * re[k] + im[k] * im[k];
        }
        return new Spectrogram(power, window, hop, sampleRate);
    }

    public int frames() { return power.length; }

    public int bins() { return window / 2 + 1; }

    /** Centre frequency of bin k in Hz. */
    public double binHz(int k) { return k * sampleRate / (double) window; }

    /** Time of frame t in seconds. */
    public double timeOf(int frame) { return frame * hop / (double) sampleRate; }

    /** Sum of power over the bins whose centre lies in [loHz, hiHz); at least the nearest bin. */
    public double[] bandPower(double loHz, double hiHz) {
        int lo = firstBin(loHz), hi = lastBin(loHz, hiHz);
        double[] out = new double[frames()];
        for (int t = 0; t < out.length; t++)
            for (int k = lo; k <= hi; k++) out[t] += power[t][k];
        return out;
    }

    /** Number of bins {@link #bandPower} sums for this band. */
    public int binCount(double loHz, double hiHz) { return lastBin(loHz, hiHz) - firstBin(loHz) + 1; }

    private int firstBin(double loHz) { return Math.clamp((int) Math.ceil(loHz * window / sampleRate), 0, window / 2); }

    private int lastBin(double loHz, double hiHz) {
        return Math.clamp((int) Math.ceil(hiHz * window / sampleRate) - 1, firstBin(loHz), window / 2);
    }
}
