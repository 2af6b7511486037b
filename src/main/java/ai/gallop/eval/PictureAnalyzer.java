package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the picture detectors over a video, in the order each needs the last: colour blobs of every
 * frame, camera motion between consecutive frames, shot cuts, then per shot the tracks, the scene,
 * the camera move, and each tracked subject's kind and action. It reads the pixels only.
 */
public final class PictureAnalyzer {
    private final ColourSegmenter segmenter = new ColourSegmenter();
    private final CameraEstimator cameraEstimator = new CameraEstimator();
    private final ShotCutDetector cutDetector = new ShotCutDetector();
    private final Tracker tracker = new Tracker();
    private final ShapeClassifier shapes = new ShapeClassifier();
    private final SceneClassifier scenes = new SceneClassifier();
    private final ActionClassifier actions = new ActionClassifier();

    public PictureAnalysis analyse(Video video) {
        // the detectors see noisy frames denoised; the analysis keeps the frames as given and the
        // shots' motion residuals are measured on them, so flicker and fidelity still see the noise
        List<RgbFrame> given = video.frames();
        List<RgbFrame> frames = given.stream().map(FrameDenoiser::denoiseIfNoisy).toList();
        int w = video.width(), h = video.height();
        List<List<Blob>> blobs = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) blobs.add(segmenter.segment(frames.get(t), frames.get(t) == given.get(t)));
        List<CameraMotion> motions = new ArrayList<>(List.of(CameraMotion.NONE));
        for (int t = 1; t < frames.size(); t++)
            motions.add(cameraEstimator.estimate(frames.get(t - 1), frames.get(t), blobs.get(t - 1), blobs.get(t)));
        List<Integer> bounds = new ArrayList<>(List.of(0));
        bounds.addAll(cutDetector.cuts(frames, motions, blobs));
        bounds.add(frames.size());
        List<ShotAnalysis> shots = new ArrayList<>();
        for (int s = 0; s + 1 < bounds.size(); s++) {
            int start = bounds.get(s), end = bounds.get(s + 1);
            List<CameraMotion> shotMotions = new ArrayList<>(motions.subList(start, end));
            shotMotions.set(0, CameraMotion.NONE);
            CameraMotion across = end - start < 2 ? CameraMotion.NONE
                    : cameraEstimator.estimateAcross(frames.get(start), frames.get(end - 1), blobs.get(start), blobs.get(end - 1));
            Camera camera = cameraEstimator.classify(shotMotions.subList(1, shotMotions.size()), across, w);
            if (camera == Camera.ZOOM_IN || camera == Camera.ZOOM_OUT)
                spreadZoom(shotMotions, CameraEstimator.zoomScale(shotMotions.subList(1, shotMotions.size()), across));
            if (camera == Camera.PAN_LEFT || camera == Camera.PAN_RIGHT)
                spreadPan(shotMotions, CameraEstimator.panShift(shotMotions.subList(1, shotMotions.size()), across, w));
            for (int t = start + 1; t < end; t++)
                if (frames.get(t - 1) != given.get(t - 1) || frames.get(t) != given.get(t)) {
                    CameraMotion m = shotMotions.get(t - start);
                    shotMotions.set(t - start, new CameraMotion(m.dx(), m.dy(), m.scale(),
                            cameraEstimator.residual(given.get(t - 1), given.get(t), blobs.get(t - 1), blobs.get(t), m)));
                }
            Scene scene = scenes.classify(frames.subList(start, end), blobs.subList(start, end));
            CameraCompensation compensation = CameraCompensation.of(shotMotions, w, h);
            List<SubjectTrack> subjects = new ArrayList<>();
            for (Track track : tracker.track(start, blobs.subList(start, end), w, h)) {
                Subject kind = shapes.classify(track, frames.subList(start, end));
                ActionClassifier.Result action = actions.classify(track, kind, compensation, video.fps(), w, h);
                subjects.add(new SubjectTrack(track, kind, action.action(), action.direction()));
            }
            shots.add(new ShotAnalysis(start, end, scene, camera, shotMotions, subjects));
        }
        return new PictureAnalysis(given, blobs, shots);
    }

    /**
     * Neighbouring frames of a flat scene hide a slow pan (a pixel a frame or less), so the chained
     * shifts fall short of the first-to-last one the pan was judged by and still subjects would seem
     * to travel: the missing shift is spread evenly over the steps.
     */
    static void spreadPan(List<CameraMotion> motions, double shift) {
        int steps = motions.size() - 1;
        if (steps < 1) return;
        double chained = 0;
        for (int i = 1; i <= steps; i++) chained += motions.get(i).dx();
        double perStep = (shift - chained) / steps;
        for (int i = 1; i <= steps; i++) {
            CameraMotion m = motions.get(i);
            motions.set(i, new CameraMotion(m.dx() + perStep, m.dy(), m.scale(), m.residual()));
        }
    }

    /**
     * Neighbouring frames of a flat scene hide most of a slow zoom, so the chained steps fall short
     * of the first-to-last scale and a zoomed subject would seem to grow or shrink: the missing
     * factor is spread evenly over the steps (motions.get(0) is the shot's unused first entry).
     */
    static void spreadZoom(List<CameraMotion> motions, double acrossScale) {
        int steps = motions.size() - 1;
        if (steps < 1) return;
        double chained = 0;
        for (int i = 1; i <= steps; i++) chained += Math.log(motions.get(i).scale());
        double perStep = Math.exp((Math.log(acrossScale) - chained) / steps);
        for (int i = 1; i <= steps; i++) {
            CameraMotion m = motions.get(i);
            motions.set(i, new CameraMotion(m.dx(), m.dy(), m.scale() * perStep, m.residual()));
        }
    }
}
