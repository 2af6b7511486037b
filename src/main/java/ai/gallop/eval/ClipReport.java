package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Subject;

import java.util.List;

/**
 * What the judge made of one clip: every scored dimension in [0, 1] with its group, notes on what
 * was not scored and why, and what the detectors found (for reading a low score). Serialised with
 * {@link ai.gallop.Json}; scores are rounded to 4 decimals and times to the millisecond so the
 * same clip always gives the same bytes.
 *
 * @param language   the prompt's dominant language as the parser read it (null when nothing told)
 * @param features   the clip's ground-truth-style feature vector for {@link FeatureFrechet} ({@link ClipFeatures})
 */
public record ClipReport(String prompt, String language, boolean imageToVideo, int frames, int fps, int width, int height,
                         boolean hasSound, List<Dimension> dimensions, List<String> notes, Diagnostics diagnostics,
                         List<Double> features) {
    public ClipReport {
        dimensions = List.copyOf(dimensions);
        notes = List.copyOf(notes);
        features = List.copyOf(features);
    }

    public record Dimension(String name, DimensionGroup group, double score) {}

    /** A detected shot: frames [start, end), its scene and camera, and the ambience heard (null when silent). */
    public record ShotFound(int start, int end, Scene scene, Camera camera, Ambience ambience) {}

    /** A tracked subject: in which shot, on how many frames, and what the detectors made of it (kind may be null). */
    public record SubjectFound(int shot, Colour colour, Subject kind, Action action, Direction direction, int frames) {}

    /**
     * @param visualEvents times (s) of the events the picture shows ({@link VisualEvents})
     * @param onsets       times (s) of the sound's onsets ({@link OnsetDetector})
     * @param motionPeaks  times (s) of the subjects' motion peaks ({@link MotionPeaks#subjectCurve})
     * @param unknownWords prompt words no lexicon knows
     */
    public record Diagnostics(List<ShotFound> shots, List<SubjectFound> subjects, List<Double> visualEvents,
                              List<Double> onsets, List<Double> motionPeaks, double peakDbfs, List<String> unknownWords) {
        public Diagnostics {
            shots = List.copyOf(shots);
            subjects = List.copyOf(subjects);
            visualEvents = List.copyOf(visualEvents);
            onsets = List.copyOf(onsets);
            motionPeaks = List.copyOf(motionPeaks);
            unknownWords = List.copyOf(unknownWords);
        }
    }

    /** The score of a dimension, or null when it was not scored. */
    public Double score(String name) {
        for (Dimension d : dimensions) if (d.name().equals(name)) return d.score();
        return null;
    }

    /** Mean of the scored dimensions: how the worst clips of a suite are picked. */
    public double meanScore() {
        return dimensions.stream().mapToDouble(Dimension::score).average().orElse(0);
    }
}
