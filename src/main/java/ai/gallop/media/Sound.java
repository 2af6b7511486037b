package ai.gallop.media;

import java.util.Arrays;

/** Mono sound: samples in [-1, 1] at a sample rate in Hz. */
public record Sound(float[] samples, int sampleRate) {
    public Sound {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate " + sampleRate + " must be positive");
    }

    public static Sound silence(double seconds, int sampleRate) {
        return new Sound(new float[(int) Math.round(seconds * sampleRate)], sampleRate);
    }

    public double seconds() { return samples.length / (double) sampleRate; }

    @Override public boolean equals(Object o) {
        return o instanceof Sound s && s.sampleRate == sampleRate && Arrays.equals(s.samples, samples);
    }

    @Override public int hashCode() { return 31 * sampleRate + Arrays.hashCode(samples); }

    @Override public String toString() { return "Sound[" + samples.length + " samples @ " + sampleRate + " Hz]"; }
}
