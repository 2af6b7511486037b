package ai.gallop.eval;

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
            fft(re, im);
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

    /** In-place iterative radix-2 FFT (length a power of two). */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double tr = re[i]; re[i] = re[j]; re[j] = tr;
                double ti = im[i]; im[i] = im[j]; im[j] = ti;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle), wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k, b = i + k + len / 2;
                    double xr = re[b] * cr - im[b] * ci, xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }
}
