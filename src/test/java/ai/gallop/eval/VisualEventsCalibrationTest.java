package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SoundEvent;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The picture side's visual events against the ground-truth sound events of world renders, and
 * AV-Align on the subjects' motion curve, clean and with the sound delayed 250 ms. The numbers
 * printed here are the ones docs/evaluation.md quotes.
 */
class VisualEventsCalibrationTest {
    private static final int CLIPS = Integer.getInteger("gallop.eval.visualEventClips", 16);

    /** Renders with at least one event at this format. */
    static List<RenderedClip> renders(VideoFormat format, int count) {
        WorldRenderer renderer = new WorldRenderer();
        SpecSampler sampler = new SpecSampler();
        List<RenderedClip> clips = new ArrayList<>();
        for (long seed = 0; clips.size() < count; seed++) {
            RenderedClip clip = renderer.render(sampler.sample(seed, format));
            if (!clip.truth().events().isEmpty()) clips.add(clip);
        }
        return clips;
    }

    /** {precision, recall} of the visual events, per ground-truth event type and overall (null key). */
    private static double[] recall(List<RenderedClip> clips) {
        Map<SoundEvent.Type, int[]> byType = new EnumMap<>(SoundEvent.Type.class);
        int matched = 0, events = 0, found = 0, foundMatched = 0;
        for (RenderedClip clip : clips) {
            int fps = clip.spec().format().fps();
            PictureAnalysis a = new PictureAnalyzer().analyse(clip.video());
            double[] visual = VisualEvents.times(a, fps);
            double[] truth = OnsetScores.merge(clip.truth().events().stream().mapToDouble(e -> e.frame() / (double) fps).toArray());
            OnsetScores s = OnsetScores.of(visual, truth);
            matched += s.matches();
            events += s.events();
            found += visual.length;
            foundMatched += s.matches();
            for (SoundEvent e : clip.truth().events()) {
                int[] c = byType.computeIfAbsent(e.type(), k -> new int[2]);
                c[1]++;
                for (double v : visual) if (Math.abs(v - e.frame() / (double) fps) < 1e-9) { c[0]++; break; }
            }
        }
        System.out.printf("visual events at %d fps: %d found, %d true (merged), precision %.3f recall %.3f%n",
                clips.getFirst().spec().format().fps(), found, events, foundMatched / (double) found, matched / (double) events);
        byType.forEach((t, c) -> System.out.printf("  %s: recall %.3f of %d%n", t, c[0] / (double) c[1], c[1]));
        return new double[]{foundMatched / (double) found, matched / (double) events};
    }

    private static Sound delayed(Sound s, double seconds) {
        float[] x = s.samples(), y = new float[x.length];
        int d = (int) Math.round(seconds * s.sampleRate());
        System.arraycopy(x, 0, y, d, x.length - d);
        return new Sound(y, s.sampleRate());
    }

    /** Mean AV-Align {subject curve clean, shifted, frame-difference curve clean, shifted}. */
    private static double[] avAlign(List<RenderedClip> clips) {
        double[] sum = new double[4];
        for (RenderedClip clip : clips) {
            Video v = clip.video();
            int fps = v.fps();
            PictureAnalysis a = new PictureAnalyzer().analyse(v);
            double[] subjectPeaks = MotionPeaks.subjectPeakTimes(a, fps), framePeaks = MotionPeaks.peakTimes(v.frames(), fps);
            double[] clean = new OnsetDetector().detect(v.sound()), shifted = new OnsetDetector().detect(delayed(v.sound(), 0.25));
            sum[0] += AvAlign.score(clean, subjectPeaks, fps).score();
            sum[1] += AvAlign.score(shifted, subjectPeaks, fps).score();
            sum[2] += AvAlign.score(clean, framePeaks, fps).score();
            sum[3] += AvAlign.score(shifted, framePeaks, fps).score();
        }
        for (int k = 0; k < 4; k++) sum[k] /= clips.size();
        System.out.printf("av_align at %d fps: subjects clean %.3f shifted %.3f; frame difference clean %.3f shifted %.3f%n",
                clips.getFirst().spec().format().fps(), sum[0], sum[1], sum[2], sum[3]);
        return sum;
    }

    @Test
    void visualEventsFindMostTrueEventsAt24Fps() {
        double[] pr = recall(renders(new VideoFormat(64, 64, 24, 49), CLIPS));
        // hoofbeats at 24 fps are the weak spot (see docs/evaluation.md); contacts, landings and downstrokes carry it
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.7);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void visualEventsFindMostTrueEventsAt8Fps() {
        double[] pr = recall(renders(VideoFormat.DEFAULT, CLIPS));
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.85);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void subjectMotionPeaksMakeAvAlignDropByAThirdWhenTheSoundIsLate() {
        double[] s = avAlign(renders(new VideoFormat(64, 64, 24, 49), CLIPS));
        assertThat(s[0] - s[1]).isGreaterThanOrEqualTo(0.3);
    }
}
