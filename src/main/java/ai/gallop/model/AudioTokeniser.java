package ai.gallop.model;

import ai.gallop.media.Sound;
import org.bytedeco.pytorch.Tensor;

/**
 * Sound as non-overlapping raw-waveform patches: token i holds samples [i * n, (i + 1) * n) times
 * {@link #GAIN}. With 16 kHz and n = 640 a token is 40 ms (25 per second, the rate Ovi and LTX-2's
 * audio latents run at). The gain brings typical world sounds (RMS about 0.1-0.2) near the spread
 * of picture tokens; being a power of two it is undone exactly, so decode(encode(s)) == s. The
 * last token is padded with silence; decode takes the sample count to cut it off again.
 *
 * <p>Token i starts at i * n / sampleRate seconds, which is where it sits on the shared time axis:
 * a sound that starts at frame k's instant lands in the token whose window contains k / fps.
 */
public final class AudioTokeniser {
    public static final float GAIN = 4f;

    private final int sampleRate, samplesPerToken;

    public AudioTokeniser(int sampleRate, int samplesPerToken) {
        if (sampleRate < 1 || samplesPerToken < 1)
            throw new IllegalArgumentException("audio tokens of " + samplesPerToken + " samples at " + sampleRate + " Hz; allowed: positive values");
        this.sampleRate = sampleRate;
        this.samplesPerToken = samplesPerToken;
    }

    public int sampleRate() { return sampleRate; }

    public int patchDim() { return samplesPerToken; }

    /** Tokens needed for this many samples (the last one padded). */
    public int tokens(int samples) { return (samples + samplesPerToken - 1) / samplesPerToken; }

    /** Tokens for a sound of this length, e.g. a video's playing time. */
    public int tokensFor(double seconds) { return tokens((int) Math.round(seconds * sampleRate)); }

    /** Start of token i in seconds. */
    public double timeOf(int token) { return token * (double) samplesPerToken / sampleRate; }

    /** A sound to a [tokens, samplesPerToken] float tensor. */
    public Tensor encode(Sound sound) {
        if (sound.sampleRate() != sampleRate)
            throw new IllegalArgumentException("sound is at " + sound.sampleRate() + " Hz; allowed: " + sampleRate + " Hz (resample first)");
        if (sound.samples().length == 0) throw new IllegalArgumentException("sound has no samples; allowed: at least one");
        int tokens = tokens(sound.samples().length);
        float[] out = new float[tokens * samplesPerToken];
        float[] in = sound.samples();
        for (int i = 0; i < in.length; i++) out[i] = in[i] * GAIN;
        return Tensor.create(out, tokens, samplesPerToken);  // [tokens, samplesPerToken]
    }

    /** [tokens, samplesPerToken] back to a sound of {@code samples} samples, clamped to [-1, 1]. */
    public Sound decode(Tensor tokens, int samples) {
        if (samples < 1) throw new IllegalArgumentException("sample count " + samples + " is out of range; allowed: at least 1");
        float[] v = VideoTokeniser.floats(tokens, tokens(samples), samplesPerToken);
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) out[i] = Math.max(-1f, Math.min(1f, v[i] / GAIN));
        return new Sound(out, sampleRate);
    }
}
