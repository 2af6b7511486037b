package ai.gallop.model;

import ai.gallop.media.Sound;
import org.bytedeco.pytorch.Tensor;

/**
 * Sound as tokens of n samples each, in one of two forms. With no mel bands (as in every model before them) a token is
 * a raw-waveform patch: token i holds samples [i * n, (i + 1) * n) times
 * {@link #GAIN}. With 16 kHz and n = 640 a token is 40 ms (25 per second, the rate Ovi and LTX-2's
 * audio latents run at). The gain brings typical world sounds (RMS about 0.1-0.2) near the spread
 * of picture tokens; being a power of two it is undone exactly, so decode(encode(s)) == s. The
 * last token is padded with silence; decode takes the sample count to cut it off again. With mel bands a token holds
 * the log-mel frames of the same samples ({@link LogMelCodec}), and decoding invents their phase.
 *
 * <p>Token i starts at i * n / sampleRate seconds, which is where it sits on the shared time axis:
 * a sound that starts at frame k's instant lands in the token whose window contains k / fps.
 */
public final class AudioTokeniser {
    public static final float GAIN = 4f;

    private final int sampleRate, samplesPerToken;
    private final LogMelCodec mel;  // null: waveform patches

    /** Raw-waveform tokens. */
    public AudioTokeniser(int sampleRate, int samplesPerToken) {
        this(sampleRate, samplesPerToken, 0);
    }

    /** Log-mel tokens of {@code melBands} bands, or raw-waveform tokens for 0. */
    public AudioTokeniser(int sampleRate, int samplesPerToken, int melBands) {
        if (sampleRate < 1 || samplesPerToken < 1)
            throw new IllegalArgumentException("audio tokens of " + samplesPerToken + " samples at " + sampleRate + " Hz; allowed: positive values");
        this.sampleRate = sampleRate;
        this.samplesPerToken = samplesPerToken;
        this.mel = melBands == 0 ? null : new LogMelCodec(sampleRate, samplesPerToken, melBands);
    }

    public int sampleRate() { return sampleRate; }

    public int patchDim() { return mel == null ? samplesPerToken : mel.tokenDim(); }

    /** Tokens needed for this many samples (the last one padded). */
    public int tokens(int samples) { return (samples + samplesPerToken - 1) / samplesPerToken; }

    /** Tokens for a sound of this length, e.g. a video's playing time. */
    public int tokensFor(double seconds) { return tokens((int) Math.round(seconds * sampleRate)); }

    /** Start of token i in seconds. */
    public double timeOf(int token) { return token * (double) samplesPerToken / sampleRate; }

    /** A sound to a [tokens, patchDim] float tensor. */
    public Tensor encode(Sound sound) {
        if (sound.sampleRate() != sampleRate)
            throw new IllegalArgumentException("sound is at " + sound.sampleRate() + " Hz; allowed: " + sampleRate + " Hz (resample first)");
        if (sound.samples().length == 0) throw new IllegalArgumentException("sound has no samples; allowed: at least one");
        int tokens = tokens(sound.samples().length);
        if (mel != null) return Tensor.create(mel.encode(sound.samples(), tokens), tokens, mel.tokenDim());  // [tokens, 8 x bands]
        float[] out = new float[tokens * samplesPerToken];
        float[] in = sound.samples();
        for (int i = 0; i < in.length; i++) out[i] = in[i] * GAIN;
        return Tensor.create(out, tokens, samplesPerToken);  // [tokens, samplesPerToken]
    }

    /**
     * [tokens, patchDim] back to a sound of {@code samples} samples, clamped to [-1, 1]; with {@code smoothSeams} the
     * step between neighbouring waveform tokens is taken out first ({@link #smoothSeams}; log-mel sound has no seams).
     */
    public Sound decode(Tensor tokens, int samples, boolean smoothSeams) {
        if (samples < 1) throw new IllegalArgumentException("sample count " + samples + " is out of range; allowed: at least 1");
        float[] v = VideoTokeniser.floats(tokens, tokens(samples), patchDim());
        if (mel == null && smoothSeams) smoothSeams(v, samplesPerToken);
        float[] wave = mel != null ? mel.decode(v, tokens(samples), samples) : v;
        float gain = mel != null ? 1 : GAIN;
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) out[i] = Math.max(-1f, Math.min(1f, wave[i] / gain));
        return new Sound(out, sampleRate);
    }

    /** The sound as this model would make it from its own tokens: encoded and decoded again, seams smoothed as generation smooths them. */
    public Sound roundTrip(Sound sound) {
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            return decode(encode(sound), sound.samples().length, true);
        }
    }

    /** Samples on each side of a seam over which its step is spread: 2 ms at 16 kHz. */
    public static final int SEAM_RAMP = 32;

    /**
     * Takes the step out of every seam between tokens of a generated waveform. A model predicts each 40 ms token on its
     * own, and neighbouring tokens rarely meet: generated sound jumps about ten times more from the last sample of a
     * token to the first of the next than between two samples inside one (world sound jumps no more at a seam than
     * anywhere else), a click every 40 ms, heard as a 25 Hz rattle about 20 dB under the track. At each seam the
     * jump beyond the slope on either side is split between the two tokens and faded out over {@link #SEAM_RAMP}
     * samples each way, so the waveform runs on through the seam and nothing farther than 2 ms from it moves.
     */
    static void smoothSeams(float[] x, int samplesPerToken) {
        int ramp = Math.min(SEAM_RAMP, samplesPerToken / 2);
        if (ramp == 0) return;  // one-sample tokens have no inside to keep
        for (int seam = samplesPerToken; seam + Math.max(ramp, 2) <= x.length; seam += samplesPerToken) {
            float slope = ((x[seam - 1] - x[seam - 2]) + (x[seam + 1] - x[seam])) / 2;
            float half = (x[seam] - x[seam - 1] - slope) / 2;
            for (int j = 0; j < ramp; j++) {
                float fade = half * (ramp - j) / ramp;
                x[seam - 1 - j] += fade;
                x[seam + j] -= fade;
            }
        }
    }
}
