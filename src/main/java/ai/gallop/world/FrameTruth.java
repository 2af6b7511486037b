package ai.gallop.world;

import ai.gallop.world.Vocabulary.Scene;

import java.util.List;

/** Everything true of one frame: when it is, which shot and scene, where the camera looks, every subject. */
public record FrameTruth(int frame, double time, int shot, Scene scene, CameraView camera, List<SubjectTruth> subjects) {
    public FrameTruth {
        subjects = List.copyOf(subjects);
    }
}
