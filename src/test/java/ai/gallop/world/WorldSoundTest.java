package ai.gallop.world;

import ai.gallop.media.Sound;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static ai.gallop.world.WorldFixtures.single;
import static ai.gallop.world.WorldFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

class WorldSoundTest {
    private static final int RATE = 16_000, HOP = 16, WINDOW = 32;     // 1 ms hop, 2 ms window
    private final WorldRenderer renderer = new WorldRenderer();

    @Test
    void soundIsMonoSixteenKilohertzAndLastsAsLongAsThePicture() {
        for (SceneSpec spec : WorldFixtures.sampled(7, 10)) {
            Sound sound = renderer.render(spec).video().sound();
            assertThat(sound.sampleRate()).isEqualTo(RATE);
            assertThat(sound.samples().length).isEqualTo((int) Math.round(spec.format().playSeconds() * RATE));
            for (float v : sound.samples()) assertThat(Math.abs(v)).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void everyEventHasAnOnsetWithinTenMillisecondsAndEveryOnsetAnEvent() {
        int events = 0, onsets = 0;
        List<String> missed = new ArrayList<>(), spurious = new ArrayList<>();
        List<SceneSpec> specs = new ArrayList<>(WorldFixtures.noisy(28, 500));
        specs.addAll(WorldFixtures.sampled(14, 600));
        for (SceneSpec spec : specs) {
            RenderedClip clip = renderer.render(spec);
            List<Double> found = onsets(clip.video().sound().samples());
            List<Double> times = clip.truth().events().stream().map(e -> e.frame() / (double) spec.format().fps()).toList();
            for (double t : times) if (nearest(found, t) > 0.010) missed.add("seed " + spec.seed() + " event at " + t);
            for (double t : found) if (nearest(times, t) > 0.012) spurious.add("seed " + spec.seed() + " onset at " + t);
            events += times.size();
            onsets += found.size();
        }
        System.out.printf("onsets: %d events, %d onsets found, %d missed, %d without event%n", events, onsets, missed.size(), spurious.size());
        assertThat(events).isGreaterThan(200);
        assertThat(missed).isEmpty();
        assertThat(spurious).isEmpty();
    }

    @Test
    void largeSubjectsSoundLouderThanSmallOnes() {
        double[] peaks = new double[2];
        Size[] sizes = {Size.SMALL, Size.LARGE};
        for (int i = 0; i < 2; i++) {
            SceneSpec spec = single(12, VideoFormat.DEFAULT, Scene.STUDIO, Camera.STATIC, subject(Subject.BALL, Colour.RED, sizes[i], Action.BOUNCE, Direction.NONE));
            RenderedClip clip = renderer.render(spec);
            SoundEvent first = clip.truth().events().getFirst();
            int start = (int) Math.round(first.time() * RATE);
            peaks[i] = rms(clip.video().sound().samples(), start, start + 480);
            assertThat(first.loudness()).isEqualTo(sizes[i].fraction / Size.LARGE.fraction, org.assertj.core.api.Assertions.within(0.001));
        }
        assertThat(20 * Math.log10(peaks[1] / peaks[0])).as("dB louder").isGreaterThan(4);
    }

    @Test
    void ambienceStaysWellUnderTheEventsAndSwitchesAtTheCut() {
        for (Scene scene : Scene.values()) {
            if (scene == Scene.STUDIO) continue;
            ShotSpec quiet = new ShotSpec(Scene.STUDIO, Camera.STATIC, List.of(subject(Subject.BOX, Colour.RED, Size.SMALL, Action.STILL, Direction.NONE)), List.of());
            ShotSpec loud = new ShotSpec(scene, Camera.STATIC, List.of(subject(Subject.BALL, Colour.RED, Size.SMALL, Action.BOUNCE, Direction.NONE)), List.of());
            VideoFormat format = VideoFormat.ofSeconds(64, 64, 8, 4);
            SceneSpec spec = new SceneSpec(3, format, List.of(quiet, loud), 16);
            RenderedClip clip = renderer.render(spec);
            float[] x = clip.video().sound().samples();
            int cut = 2 * RATE;
            double before = rms(x, cut - RATE, cut - 800), after = ambienceRms(x, clip.truth().events(), cut + 800, x.length);
            assertThat(before).as("studio is near silence").isLessThan(0.002);
            assertThat(after).as(scene + " ambience").isGreaterThan(3 * before);
            double eventLevel = clip.truth().events().stream().mapToDouble(e -> {
                int s = (int) Math.round(e.time() * RATE);
                return rms(x, s, s + 160);
            }).min().orElseThrow();
            assertThat(20 * Math.log10(eventLevel / after)).as(scene + ": small event over ambience, dB").isGreaterThan(15);
        }
    }

    @Test
    void engineHumRisesWithTheCarsSpeed() {
        double[] pitch = new double[2];
        Action[] actions = {Action.STILL, Action.MOVE};
        for (int i = 0; i < 2; i++) {
            SceneSpec spec = single(2, VideoFormat.ofSeconds(64, 64, 8, 2), Scene.STUDIO, Camera.STATIC,
                    subject(Subject.CAR, Colour.RED, Size.LARGE, actions[i], i == 0 ? Direction.NONE : Direction.RIGHT));
            RenderedClip clip = renderer.render(spec);
            float[] x = clip.video().sound().samples();
            pitch[i] = fundamental(x, RATE / 4, RATE / 4 + 4000);
            assertThat(rms(x, RATE / 4, RATE / 4 + 4000)).as("the engine is heard").isGreaterThan(0.01);
        }
        assertThat(pitch[0]).isBetween(38.0, 46.0);
        assertThat(pitch[1]).isGreaterThan(pitch[0] * 1.5);
    }

    /** Onset times in seconds: the first 2 ms window (of the pre-emphasised signal) 10 times louder than the 3 to 12 ms before it. */
    static List<Double> onsets(float[] x) {
        int windows = (x.length - WINDOW) / HOP;
        double[] energy = new double[windows];
        for (int i = 0; i < windows; i++) {
            double e = 0;
            for (int n = i * HOP; n < i * HOP + WINDOW; n++) {
                double d = x[n] - (n > 0 ? 0.97 * x[n - 1] : 0);
                e += d * d;
            }
            energy[i] = e / WINDOW;
        }
        List<Double> found = new ArrayList<>();
        int quietUntil = -1;
        for (int i = 0; i < windows; i++) {
            if (i < quietUntil || energy[i] < 4e-4) continue;
            double before = 1e-7;
            for (int j = Math.max(0, i - 12); j <= i - 3; j++) before = Math.max(before, energy[j]);
            if (energy[i] > 10 * before) {
                found.add((i * HOP + WINDOW / 2.0) / RATE);
                quietUntil = i + 25;
            }
        }
        return found;
    }

    private static double nearest(List<Double> times, double t) {
        double best = Double.MAX_VALUE;
        for (double u : times) best = Math.min(best, Math.abs(u - t));
        return best;
    }

    private static double rms(float[] x, int from, int to) {
        double e = 0;
        for (int n = from; n < to; n++) e += x[n] * x[n];
        return Math.sqrt(e / (to - from));
    }

    /** RMS of the samples in [from, to) that lie at least 150 ms after any event. */
    private static double ambienceRms(float[] x, List<SoundEvent> events, int from, int to) {
        double e = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            double t = i / (double) RATE;
            boolean clear = events.stream().noneMatch(ev -> t >= ev.time() - 0.005 && t < ev.time() + 0.15);
            if (clear) {
                e += x[i] * x[i];
                n++;
            }
        }
        return Math.sqrt(e / n);
    }

    /** The strongest period between 30 and 200 Hz by autocorrelation, as a frequency. */
    private static double fundamental(float[] x, int from, int to) {
        int bestLag = 0;
        double best = -Double.MAX_VALUE;
        for (int lag = RATE / 200; lag <= RATE / 30; lag++) {
            double c = 0;
            for (int n = from; n + lag < to; n++) c += x[n] * x[n + lag];
            c /= (to - from - lag);
            if (c > best * 1.02) {
                best = c;
                bestLag = lag;
            }
        }
        return RATE / (double) bestLag;
    }
}
