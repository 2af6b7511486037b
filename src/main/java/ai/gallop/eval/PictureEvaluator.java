package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The picture half of the judge: analyses a video's frames and scores them against what the prompt
 * asked for (semantic), on their own (quality) and, for image-to-video, against the given image.
 * It sees the decoded pixels only, never how they were made.
 */
public final class PictureEvaluator {
    private final PictureAnalyzer analyzer = new PictureAnalyzer();
    private final ShapeClassifier shapes = new ShapeClassifier();

    /** Scores of one clip; {@code imageToVideo} is empty when no image was given. */
    public record Scores(Map<String, Double> semantic, Map<String, Double> quality, Map<String, Double> imageToVideo,
                         PictureAnalysis analysis) {
        public Scores {
            semantic = Collections.unmodifiableMap(new LinkedHashMap<>(semantic));
            quality = Collections.unmodifiableMap(new LinkedHashMap<>(quality));
            imageToVideo = Collections.unmodifiableMap(new LinkedHashMap<>(imageToVideo));
        }
    }

    public Scores evaluate(Video video, Expectation expected) { return evaluate(video, expected, null); }

    /**
     * @param expected what the prompt asked for, or null when it names nothing the picture could show (no semantic scores)
     * @param image    the picture the clip was asked to start from, or null for text-to-video; with one, the semantic
     *                 and quality scores (and the analysis) are those of the frames the model made
     *                 ({@link ImageToVideoDimensions#judgedFrames})
     */
    public Scores evaluate(Video video, Expectation expected, RgbFrame image) {
        PictureAnalysis analysis = analyzer.analyse(ImageToVideoDimensions.judgedFrames(video, image));
        return new Scores(expected == null ? Map.of() : SemanticDimensions.score(analysis, expected), QualityDimensions.score(analysis),
                image == null ? Map.of() : ImageToVideoDimensions.score(video.frames().getFirst(), analysis, image, shapes), analysis);
    }
}
