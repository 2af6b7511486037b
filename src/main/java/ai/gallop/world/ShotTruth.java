package ai.gallop.world;

import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Scene;

/**
 * One shot: frames {@code startFrame} (inclusive) to {@code endFrame} (exclusive), its scene, camera
 * move and the ambience heard during it (wind, waves, crickets, traffic or room).
 */
public record ShotTruth(int index, Scene scene, Camera camera, int startFrame, int endFrame, double startTime, String ambience) {}
