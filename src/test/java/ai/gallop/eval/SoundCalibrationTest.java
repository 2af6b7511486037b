package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sound dimensions on world renders against their ground-truth event times, clean and
 * corrupted. The numbers printed here are the ones docs/evaluation.md quotes.
 */
class SoundCalibrationTest {
    /** 24 fps: a 250 ms shift is six frames, so even a periodic gallop does not line up again. */
    private static final VideoFormat FORMAT = new VideoFormat(64, 64, 24, 49);
    private static final List<RenderedClip> CLIPS = new ArrayList<>();
    /** AV-Align's video peaks of each clip: the picture does not change with the sound, so it is analysed once. */
    private static final List<double[]> MOTION_PEAKS = new ArrayList<>();

    @BeforeAll
    static void render() {
        WorldRenderer renderer = new WorldRenderer();
        SpecSampler sampler = new SpecSampler();
        for (long seed = 0; CLIPS.size() < 30; seed++) {
            RenderedClip clip = renderer.render(sampler.sample(seed, FORMAT));
            if (!clip.truth().events().isEmpty()) CLIPS.add(clip);
        }
        for (RenderedClip clip : CLIPS)
            MOTION_PEAKS.add(MotionPeaks.subjectPeakTimes(new PictureAnalyzer().analyse(clip.video()), clip.video().fps()));
    }

    private static double[] eventTimes(RenderedClip clip) {
        return clip.truth().events().stream().mapToDouble(e -> e.frame() / (double) clip.spec().format().fps()).toArray();
    }

    /** Mean precision, recall, onset_sync and AV-Align over the clips, with the sound replaced by {@code corrupt}. */
    private static double[] means(UnaryOperator<Sound> corrupt) {
        double[] sum = new double[4], count = new double[4];
        List<String> dimensions = List.of(SoundDimensions.ONSET_PRECISION, SoundDimensions.ONSET_RECALL, SoundDimensions.ONSET_SYNC, SoundDimensions.AV_ALIGN);
        for (int i = 0; i < CLIPS.size(); i++) {
            RenderedClip clip = CLIPS.get(i);
            Video v = clip.video();
            int[] starts = clip.spec().shots().size() == 1 ? new int[]{0} : new int[]{0, clip.spec().cutFrame()};
            var r = SoundDimensions.evaluate(new Video(v.fps(), v.frames(), corrupt.apply(v.sound())), eventTimes(clip), MOTION_PEAKS.get(i),
                    starts, List.of());
            // a dimension with nothing on either side (no onsets, no peaks) is not scored, so it is averaged over the clips that have it
            for (int k = 0; k < 4; k++) {
                Double score = r.scores().get(dimensions.get(k));
                if (score != null) { sum[k] += score; count[k]++; }
            }
        }
        for (int k = 0; k < 4; k++) sum[k] = count[k] == 0 ? 0 : sum[k] / count[k];
        System.out.printf("precision %.3f recall %.3f onset_sync %.3f av_align %.3f%n", sum[0], sum[1], sum[2], sum[3]);
        return sum;
    }

    private static Sound delayed(Sound s, double seconds) {
        float[] x = s.samples(), y = new float[x.length];
        int d = (int) Math.round(seconds * s.sampleRate());
        System.arraycopy(x, 0, y, d, x.length - d);
        return new Sound(y, s.sampleRate());
    }

    private static Sound withNoise(Sound s, double rms) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = s.samples().clone();
        for (int i = 0; i < x.length; i++) x[i] += (float) (rms * rng.nextGaussian());
        return new Sound(x, s.sampleRate());
    }

    @Test
    void onsetsMatchTheTrueEventsOfCleanRenders() {
        int matches = 0, onsets = 0, events = 0;
        double offset = 0;
        for (RenderedClip clip : CLIPS) {
            OnsetScores s = OnsetScores.of(new OnsetDetector().detect(clip.video().sound()), eventTimes(clip));
            matches += s.matches();
            onsets += s.onsets();
            events += s.events();
            offset += s.meanAbsOffsetSeconds() * s.matches();
        }
        System.out.printf("clean renders: %d onsets, %d events, precision %.4f recall %.4f mean |offset| %.2f ms%n",
                onsets, events, matches / (double) onsets, matches / (double) events, 1000 * offset / matches);
        assertThat(matches / (double) onsets).isGreaterThanOrEqualTo(0.98);
        assertThat(matches / (double) events).isGreaterThanOrEqualTo(0.98);
        assertThat(offset / matches).isLessThan(0.003);
    }

    @Test
    void aQuarterSecondShiftIsPunished() {
        double[] clean = means(s -> s), shifted = means(s -> delayed(s, 0.25));
        assertThat(clean[0] - shifted[0]).as("precision drop").isGreaterThanOrEqualTo(0.3);
        assertThat(clean[1] - shifted[1]).as("recall drop").isGreaterThanOrEqualTo(0.3);
        assertThat(clean[2] - shifted[2]).as("onset_sync drop").isGreaterThanOrEqualTo(0.3);
        // AV-Align's motion peaks come from the tracked subjects (camera-compensated), so camera moves
        // and spins make none and a late sound loses most of its matches
        assertThat(clean[3] - shifted[3]).as("av_align drop").isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void aSilencedTrackHasNoRecall() {
        double[] silenced = means(s -> new Sound(new float[s.samples().length], s.sampleRate()));
        double[] missing = means(s -> null);
        assertThat(silenced[1]).isZero();
        assertThat(missing[1]).isZero();
        assertThat(silenced[0]).isZero();
    }

    @Test
    void addedNoiseCostsWhatTheDocumentedTableSays() {
        double[] quiet = means(s -> withNoise(s, 0.01)), loud = means(s -> withNoise(s, 0.0316)), louder = means(s -> withNoise(s, 0.1));
        // white noise at -40 dBFS RMS is harmless; at -30 dBFS about half the events drown; at -20 dBFS all
        assertThat(quiet[1]).isGreaterThanOrEqualTo(0.95);
        assertThat(loud[1]).isBetween(0.2, 0.8);
        assertThat(louder[1]).isLessThan(0.1);
    }
}
