package ai.gallop.eval;

import ai.gallop.media.RgbFrame;

import java.util.List;

/**
 * Everything the picture detectors found in a video: the frames themselves (the quality dimensions
 * read pixels), the blobs of every frame and the shots with their scene, camera and tracked subjects.
 */
public record PictureAnalysis(List<RgbFrame> frames, List<List<Blob>> blobs, List<ShotAnalysis> shots) {
    public PictureAnalysis {
        frames = List.copyOf(frames);
        blobs = blobs.stream().map(List::copyOf).toList();
        shots = List.copyOf(shots);
    }

    public int width() { return frames.getFirst().width(); }

    public int height() { return frames.getFirst().height(); }
}
