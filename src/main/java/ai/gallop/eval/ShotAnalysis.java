package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Scene;

import java.util.List;

/**
 * What the detectors found in one shot, frames [start, end).
 *
 * @param motions motions.get(i) is the camera motion from frame start + i - 1 to start + i; index 0 is {@link CameraMotion#NONE}
 */
public record ShotAnalysis(int start, int end, Scene scene, Camera camera, List<CameraMotion> motions, List<SubjectTrack> subjects) {
    public ShotAnalysis {
        motions = List.copyOf(motions);
        subjects = List.copyOf(subjects);
    }

    public int length() { return end - start; }
}
