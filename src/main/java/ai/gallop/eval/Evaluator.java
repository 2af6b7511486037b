package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.PromptParser;
import ai.gallop.world.Vocabulary.Scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The whole judge for one clip: reads a video file (or takes a decoded video), and scores it against
 * a prompt and, for image-to-video, the image it had to start from, from the file's pixels and sound
 * only. The prompt's expectation comes from the world's {@link PromptParser}; the picture side
 * ({@link PictureEvaluator}) gives the semantic, quality and image-to-video dimensions, the visual event times ({@link VisualEvents})
 * and shot starts the sound side needs, and the subjects' motion peaks for AV-Align
 * ({@link MotionPeaks#subjectPeakTimes}); then {@link SoundDimensions}.
 *
 * <p>A prompt with no known word has no expectation: the semantic dimensions and the ambience are not
 * scored, a note says so, and the prompt-free dimensions (quality, image-to-video, sound) still are.
 * A clip without a sound track is scored as {@link SoundDimensions} documents (sound_present 0).
 */
public final class Evaluator {
    private final PromptParser parser = new PromptParser();
    private final PictureEvaluator picture = new PictureEvaluator();

    /** @throws IOException "cannot read FILE: reason" for a missing, non-media or frameless file */
    public ClipReport evaluate(Path file, String prompt, RgbFrame image) throws IOException {
        return evaluate(Mp4Reader.read(file).video(), prompt, image);
    }

    /** @param image the picture the clip had to start from, or null for text-to-video */
    public ClipReport evaluate(Video video, String prompt, RgbFrame image) {
        ParsedPrompt parsed = parser.parse(prompt == null ? "" : prompt);
        List<String> notes = new ArrayList<>();
        Expectation expected = parsed.shots().isEmpty() ? null : Expectation.of(parsed);
        if (expected == null) notes.add("semantic dimensions and ambience not scored: the prompt names nothing the picture could show");
        if (!video.hasSound() || video.sound().samples().length == 0) notes.add("no sound track: scored as silence");
        if (video.frames().size() < 3) notes.add("fewer than 3 frames: no motion, events or quality to measure");

        PictureEvaluator.Scores judged = picture.evaluate(video, expected, image);
        // an image-to-video clip is judged on the frames the model made; `given` frames lead them in the clip, so times
        // and shot starts move on by that much (the given frame belongs to the first shot)
        PictureAnalysis analysis = judged.analysis();
        int given = video.frames().size() - analysis.frames().size();
        int fps = video.fps();
        double[] events = later(VisualEvents.times(analysis, fps), given / (double) fps);
        double[] peaks = later(MotionPeaks.subjectPeakTimes(analysis, fps), given / (double) fps);
        int[] starts = analysis.shots().stream().mapToInt(shot -> shot.start() == 0 ? 0 : shot.start() + given).toArray();
        List<Scene> scenes = expected == null ? List.of() : expected.shots().stream().map(Expectation.Shot::scene).toList();
        SoundDimensions.Report sound = SoundDimensions.evaluate(video, events, peaks, starts, scenes);

        List<ClipReport.Dimension> dims = new ArrayList<>();
        add(dims, DimensionGroup.SEMANTIC, judged.semantic());
        add(dims, DimensionGroup.QUALITY, judged.quality());
        add(dims, DimensionGroup.I2V, judged.imageToVideo());
        add(dims, DimensionGroup.SOUND, sound.scores());

        List<ClipReport.ShotFound> shots = new ArrayList<>();
        List<ClipReport.SubjectFound> subjects = new ArrayList<>();
        for (int s = 0; s < analysis.shots().size(); s++) {
            ShotAnalysis shot = analysis.shots().get(s);
            Ambience heard = s < sound.ambience().size() ? sound.ambience().get(s).ambience() : null;
            shots.add(new ClipReport.ShotFound(starts[s], shot.end() + given, shot.scene(), shot.camera(), heard));
            for (SubjectTrack t : shot.subjects())
                subjects.add(new ClipReport.SubjectFound(s, t.colour(), t.kind(), t.action(), t.direction(), t.track().presentCount()));
        }
        double peak = Double.isFinite(sound.peakDbfs()) ? round(sound.peakDbfs(), 100) : -200;
        ClipReport.Diagnostics diagnostics = new ClipReport.Diagnostics(shots, subjects, times(events), times(sound.onsets()),
                times(peaks), peak, parsed.unknownWords());
        double[] features = ClipFeatures.of(analysis, fps);
        return new ClipReport(prompt, parsed.language() == null ? null : parsed.language().tag, image != null,
                video.frames().size(), fps, video.width(), video.height(), video.hasSound(), dims, notes, diagnostics,
                Arrays.stream(features).map(v -> round(v, 1e6)).boxed().toList());
    }

    private static void add(List<ClipReport.Dimension> out, DimensionGroup group, Map<String, Double> scores) {
        scores.forEach((name, v) -> out.add(new ClipReport.Dimension(name, group, round(v, 1e4))));
    }

    private static double[] later(double[] seconds, double by) {
        return Arrays.stream(seconds).map(t -> t + by).toArray();
    }

    private static List<Double> times(double[] seconds) {
        return Arrays.stream(seconds).map(t -> round(t, 1000)).boxed().toList();
    }

    static double round(double v, double scale) { return Math.round(v * scale) / scale; }
}
