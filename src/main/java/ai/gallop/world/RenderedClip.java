package ai.gallop.world;

import ai.gallop.media.Video;

import java.util.List;

/**
 * A rendered spec: the video with its sound, the ground truth, and one label map per frame
 * (row-major, width * height bytes: 0 for background, i + 1 where subject i is the top-most).
 * The label maps stay in memory for tests and the evaluator's calibration; they are not in the JSON.
 */
public record RenderedClip(SceneSpec spec, Video video, GroundTruth truth, List<byte[]> labels) {
    public RenderedClip {
        labels = List.copyOf(labels);
        if (labels.size() != video.frames().size())
            throw new IllegalArgumentException(labels.size() + " label maps for " + video.frames().size() + " frames; expected one per frame");
    }

    /** The label at pixel (x, y) of frame k: 0 for background, i + 1 for subject i. */
    public int label(int frame, int x, int y) { return labels.get(frame)[y * video.width() + x]; }
}
