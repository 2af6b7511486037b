package ai.gallop.world;

import ai.gallop.media.Sound;
import ai.gallop.world.Vocabulary.Scene;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthesises a clip's mono sound track from the same events as its picture. Every transient
 * starts with a short broadband click at its exact sample (sharp attack, so an onset detector
 * places it within a few milliseconds) and decays within a few tens of milliseconds, so that the
 * next frame's event stands out again. Ambience and engine hum are continuous, change slowly and sit
 * about 20 dB under the events; a short crossfade at the cut switches them without a click.
 */
final class SoundSynth {
    static final int SAMPLE_RATE = 16_000;
    private static final double CROSSFADE_SECONDS = 0.04, FADE_IN_SECONDS = 0.03, EVENT_SECONDS = 0.15;

    private SoundSynth() {}

    /** One car's engine over its shot: speed (frame widths per second) and gain (0 while unseen) per local frame. */
    record Hum(int shot, double[] speed, double[] gain) {}

    static String ambienceOf(Scene scene) {
        return switch (scene) {
            case MEADOW, SNOW, DESERT -> "wind";
            case BEACH -> "waves";
            case NIGHT_SKY -> "crickets";
            case CITY_STREET -> "traffic";
            case STUDIO -> "room";
        };
    }

    static Sound render(SceneSpec spec, List<SoundEvent> events, List<Hum> hums) {
        VideoFormat format = spec.format();
        int n = (int) Math.round(format.playSeconds() * SAMPLE_RATE);
        double[] mix = new double[n];
        for (int s = 0; s < spec.shots().size(); s++) {
            double[] weight = shotWeight(spec, s, n);
            ambience(mix, weight, spec.shots().get(s).scene(), new SplittableRandom(Hash.mix(spec.seed(), 0xA3B1L, s)));
            for (Hum hum : hums) if (hum.shot() == s) hum(mix, weight, hum, spec.shotStart(s), format.fps());
        }
        for (int e = 0; e < events.size(); e++) {
            SoundEvent event = events.get(e);
            // the exact frame instant, not the rounded time written to JSON
            int start = (int) Math.round(event.frame() / (double) format.fps() * SAMPLE_RATE);
            addEvent(mix, start, event.type(), event.loudness(), new SplittableRandom(Hash.mix(spec.seed(), 0xE7E7L, e)));
        }
        float[] samples = new float[n];
        for (int i = 0; i < n; i++) samples[i] = (float) Math.clamp(mix[i], -1.0, 1.0);
        return new Sound(samples, SAMPLE_RATE);
    }

    /** How much of shot s is heard at each sample: 1 inside it, raised-cosine ramps across the cut. */
    private static double[] shotWeight(SceneSpec spec, int s, int n) {
        int fps = spec.format().fps();
        int from = s == 0 ? 0 : (int) Math.round(spec.shotStart(s) / (double) fps * SAMPLE_RATE);
        int to = s == spec.shots().size() - 1 ? n : (int) Math.round(spec.shotEnd(s) / (double) fps * SAMPLE_RATE);
        int half = (int) Math.round(CROSSFADE_SECONDS * SAMPLE_RATE / 2), fadeIn = (int) Math.round(FADE_IN_SECONDS * SAMPLE_RATE);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double rise = s == 0 ? ramp(i / (double) fadeIn) : ramp((i - from + half) / (2.0 * half));
            double fall = to >= n ? 1 : 1 - ramp((i - to + half) / (2.0 * half));
            w[i] = rise * fall;
        }
        return w;
    }

    private static double ramp(double t) { return t <= 0 ? 0 : t >= 1 ? 1 : 0.5 - 0.5 * StrictMath.cos(Math.PI * t); }

    private static void ambience(double[] mix, double[] weight, Scene scene, SplittableRandom rng) {
        double lp1 = 0, lp2 = 0, hp = 0;
        double p = rng.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < mix.length; i++) {
            if (weight[i] == 0) continue;
            double t = i / (double) SAMPLE_RATE, white = (2 * rng.nextDouble() - 1) * Math.sqrt(3);
            double v = switch (scene) {
                case MEADOW, DESERT -> {
                    lp1 += lowpass(scene == Scene.MEADOW ? 500 : 350) * (white - lp1);
                    double gust = 0.7 + 0.3 * StrictMath.sin(2 * Math.PI * 0.17 * t + p) * StrictMath.sin(2 * Math.PI * 0.07 * t);
                    yield 0.012 * gust * lp1 / noiseStd(scene == Scene.MEADOW ? 500 : 350);
                }
                case SNOW -> {
                    // a higher, whistling wind: band-passed noise
                    lp1 += lowpass(1400) * (white - lp1);
                    hp += lowpass(600) * (lp1 - hp);
                    double gust = 0.6 + 0.4 * StrictMath.sin(2 * Math.PI * 0.13 * t + p);
                    yield 0.012 * gust * (lp1 - hp) / 0.35;
                }
                case BEACH -> {
                    lp1 += lowpass(800) * (white - lp1);
                    double swell = 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * t / 4.5 + p);
                    yield 0.016 * (0.35 + 0.65 * swell * swell) * lp1 / noiseStd(800);
                }
                case NIGHT_SKY -> {
                    double pulse = Math.max(0, StrictMath.sin(2 * Math.PI * 30 * t));
                    double group = Math.max(0, StrictMath.sin(2 * Math.PI * 1.6 * t + p));
                    lp1 += lowpass(300) * (white - lp1);
                    yield 0.014 * pulse * pulse * group * group * StrictMath.sin(2 * Math.PI * 4300 * t) + 0.003 * lp1 / noiseStd(300);
                }
                case CITY_STREET -> {
                    lp1 += lowpass(250) * (white - lp1);
                    lp2 += lowpass(250) * (lp1 - lp2);
                    double drone = StrictMath.sin(2 * Math.PI * 70 * t) + 0.5 * StrictMath.sin(2 * Math.PI * 140 * t + p);
                    yield 0.012 * lp2 / (0.7 * noiseStd(250)) + 0.004 * (0.8 + 0.2 * StrictMath.sin(2 * Math.PI * 0.2 * t)) * drone;
                }
                case STUDIO -> {
                    lp1 += lowpass(2000) * (white - lp1);
                    yield 0.0008 * lp1 / noiseStd(2000);
                }
            };
            mix[i] += weight[i] * v;
        }
    }

    /** An engine: a few harmonics whose pitch follows the car's speed, sample by sample. */
    private static void hum(double[] mix, double[] weight, Hum hum, int shotStart, int fps) {
        double phase = 0;
        int frames = hum.speed().length;
        for (int i = 0; i < mix.length; i++) {
            if (weight[i] == 0) continue;
            double f = i / (double) SAMPLE_RATE * fps - shotStart;
            int k = (int) Math.floor(f);
            double frac = f - k;
            int k0 = Math.clamp(k, 0, frames - 1), k1 = Math.clamp(k + 1, 0, frames - 1);
            double speed = hum.speed()[k0] + (hum.speed()[k1] - hum.speed()[k0]) * frac;
            double gain = hum.gain()[k0] + (hum.gain()[k1] - hum.gain()[k0]) * frac;
            phase += 2 * Math.PI * (42 + 180 * speed) / SAMPLE_RATE;
            double wave = (StrictMath.sin(phase) + 0.5 * StrictMath.sin(2 * phase) + 0.25 * StrictMath.sin(3 * phase)) / 1.75;
            mix[i] += weight[i] * 0.03 * gain * wave;
        }
    }

    /** Adds one event's sound from sample {@code start} on. */
    private static void addEvent(double[] mix, int start, SoundEvent.Type type, double gain, SplittableRandom rng) {
        int length = (int) Math.round(EVENT_SECONDS * SAMPLE_RATE);
        double phase = 0, lp = 0, hp = 0;
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double t = i / (double) SAMPLE_RATE, white = 2 * rng.nextDouble() - 1;
            double click = white * StrictMath.exp(-t / 0.0015);
            double v = switch (type) {
                case HOOF -> 0.5 * click + 0.35 * StrictMath.cos(2 * Math.PI * 190 * t) * StrictMath.exp(-t / 0.012)
                        + 0.2 * StrictMath.cos(2 * Math.PI * 650 * t) * StrictMath.exp(-t / 0.006);
                case THUMP -> {
                    phase += 2 * Math.PI * (60 + 90 * StrictMath.exp(-t / 0.02)) / SAMPLE_RATE;
                    yield 0.45 * click + 0.55 * StrictMath.cos(phase) * StrictMath.exp(-t / 0.02);
                }
                case FLAP -> {
                    lp += lowpass(2500) * (white - lp);
                    hp += lowpass(300) * (lp - hp);
                    yield 0.35 * click + 1.1 * (lp - hp) * Math.min(1, t / 0.001) * StrictMath.exp(-t / 0.012);
                }
                case BUBBLE -> {
                    phase += 2 * Math.PI * (450 + 1400 * Math.min(1, t / 0.05)) / SAMPLE_RATE;
                    yield 0.3 * click + 0.4 * StrictMath.cos(phase) * StrictMath.exp(-t / 0.015);
                }
            };
            mix[start + i] += gain * v;
        }
    }

    /** The coefficient of a one-pole low-pass filter with the given cutoff. */
    private static double lowpass(double cutoffHz) { return 1 - StrictMath.exp(-2 * Math.PI * cutoffHz / SAMPLE_RATE); }

    /** Standard deviation of unit-variance white noise after that one-pole low-pass. */
    private static double noiseStd(double cutoffHz) {
        double a = lowpass(cutoffHz);
        return Math.sqrt(a / (2 - a));
    }
}
