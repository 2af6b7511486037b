package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.Vocabulary.Scene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sound dimensions of one clip, from its file's pixels and sound only. The picture side supplies
 * the times of the events the video shows (contacts, landings, downstrokes, bubbles found on the
 * tracks) and the shots it found; nothing here looks at how the clip was made.
 *
 * <ul>
 * <li>{@code sound_present}: 1 unless the track is missing or silent ({@link SilenceDetector}).</li>
 * <li>{@code onset_precision}, {@code onset_recall}: audio onsets against the visual events
 *     ({@link OnsetScores}, 50 ms window); these two and onset_sync are left out when there are
 *     neither onsets nor visual events.</li>
 * <li>{@code onset_sync}: 1 - mean |offset| / 50 ms over the matched pairs; 0 when nothing matched.</li>
 * <li>{@code av_align}: AV-Align of audio onsets against the peaks of the tracked subjects' motion
 *     ({@link AvAlign}, {@link MotionPeaks#subjectCurve}); left out when there are neither onsets
 *     nor motion peaks.</li>
 * <li>{@code ambience}: share of the shots with a stated scene whose ambience is heard
 *     ({@link AmbienceClassifier}); left out when no shot states a scene.</li>
 * </ul>
 * A silent or missing track is scored, never rejected: it has no onsets, so precision and recall are
 * 0 when the video shows events (not scored when it shows none), AV-Align is 0 when the video has
 * motion peaks, onset_sync is 0 and every stated ambience scores 0.
 */
public final class SoundDimensions {
    public static final String SOUND_PRESENT = "sound_present", ONSET_PRECISION = "onset_precision",
            ONSET_RECALL = "onset_recall", ONSET_SYNC = "onset_sync", AV_ALIGN = "av_align", AMBIENCE = "ambience";
    public static final List<String> NAMES = List.of(SOUND_PRESENT, ONSET_PRECISION, ONSET_RECALL, ONSET_SYNC, AV_ALIGN, AMBIENCE);
    /** Left out at each cut (and at the very start) when classifying a shot's ambience: the crossfade. */
    static final double CUT_GUARD_SECONDS = 0.03;

    private SoundDimensions() {}

    /** What was measured, and the scores (dimension name to [0, 1], in {@link #NAMES} order). */
    public record Report(boolean silent, double peakDbfs, double[] onsets, double[] motionPeaks, OnsetScores onsetScores,
                         AvAlign.Result avAlign, List<AmbienceClassifier.Guess> ambience, Map<String, Double> scores) {}

    /**
     * Runs the picture analysis for AV-Align's video peaks ({@link MotionPeaks#subjectPeakTimes}).
     *
     * @param visualEvents   times (s) of the events the picture shows
     * @param shotStarts     first frame of each detected shot, ascending, starting with 0
     * @param expectedScenes the scene the prompt states for each shot (null entries: not stated);
     *                       expected shot i is heard in detected shot i (the last one when fewer were found)
     */
    public static Report evaluate(Video video, double[] visualEvents, int[] shotStarts, List<Scene> expectedScenes) {
        PictureAnalysis picture = new PictureAnalyzer().analyse(video);
        return evaluate(video, visualEvents, MotionPeaks.subjectPeakTimes(picture, video.fps()), shotStarts, expectedScenes);
    }

    /**
     * As above, with AV-Align's video peaks already found by the picture side
     * ({@link MotionPeaks#subjectPeakTimes}), so that a caller holding the analysis does not run it twice.
     *
     * @param motionPeaks times (s) of the peaks of the subjects' motion curve
     */
    public static Report evaluate(Video video, double[] visualEvents, double[] motionPeaks, int[] shotStarts, List<Scene> expectedScenes) {
        if (shotStarts == null || shotStarts.length == 0 || shotStarts[0] != 0)
            throw new IllegalArgumentException("shot starts must begin with frame 0; allowed: ascending frame indices from 0");
        for (int i = 1; i < shotStarts.length; i++)
            if (shotStarts[i] <= shotStarts[i - 1] || shotStarts[i] >= video.frames().size())
                throw new IllegalArgumentException("shot start " + shotStarts[i] + " is out of order or past the last frame; allowed: ascending frames below "
                        + video.frames().size());
        Sound sound = video.sound();
        boolean silent = SilenceDetector.isSilent(sound);
        double peak = sound == null || sound.samples().length == 0 ? Double.NEGATIVE_INFINITY : SilenceDetector.peakDbfs(sound);
        double[] onsets = silent ? new double[0] : new OnsetDetector().detect(sound);
        double[] motion = motionPeaks.clone();
        OnsetScores onsetScores = OnsetScores.of(onsets, visualEvents);
        AvAlign.Result av = AvAlign.score(onsets, motion, video.fps());
        List<AmbienceClassifier.Guess> ambience = new ArrayList<>();
        if (!silent)
            for (int s = 0; s < shotStarts.length; s++) {
                double from = shotStarts[s] / (double) video.fps();
                double to = s + 1 < shotStarts.length ? shotStarts[s + 1] / (double) video.fps() : sound.seconds();
                if (to - from > 4 * CUT_GUARD_SECONDS) { from += CUT_GUARD_SECONDS; to -= CUT_GUARD_SECONDS; }
                ambience.add(AmbienceClassifier.classify(sound, from, to, onsets));
            }

        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put(SOUND_PRESENT, silent ? 0.0 : 1.0);
        // with neither onsets nor events there is nothing to match or time: left out rather than a
        // free 1 (the empty-set rule), which would lift a frozen clip without sounds above real ones
        if (onsetScores.onsets() + onsetScores.events() > 0) {
            scores.put(ONSET_PRECISION, onsetScores.precision());
            scores.put(ONSET_RECALL, onsetScores.recall());
            scores.put(ONSET_SYNC, onsetScores.matches() == 0 ? 0.0
                    : Math.max(0, 1 - onsetScores.meanAbsOffsetSeconds() / OnsetScores.TOLERANCE_SECONDS));
        }
        if (av.audioPeaks() + av.videoPeaks() > 0) scores.put(AV_ALIGN, av.score());
        List<Double> heard = new ArrayList<>();
        for (int s = 0; s < expectedScenes.size(); s++) {
            Scene want = expectedScenes.get(s);
            if (want == null) continue;
            boolean ok = !ambience.isEmpty() && ambience.get(Math.min(s, ambience.size() - 1)).ambience() == Ambience.of(want);
            heard.add(ok ? 1.0 : 0.0);
        }
        if (!heard.isEmpty()) scores.put(AMBIENCE, heard.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        return new Report(silent, peak, onsets, motion, onsetScores, av, List.copyOf(ambience), Collections.unmodifiableMap(scores));
    }
}
