package ai.gallop.world;

import ai.gallop.world.Vocabulary.Camera;

import java.util.stream.IntStream;

/**
 * The camera move of one shot as a function of the shot's local frame. Pans move the view at a
 * fixed speed in frame widths per second; zooms change the scale by {@link #ZOOM_RANGE} over the
 * whole shot. Every shot starts at offset 0 and zoom 1, so its first frame shows world [0, W] x [0, H].
 */
final class CameraPath {
    static final double PAN_SPEED = 0.12;   // frame widths per second
    static final double ZOOM_RANGE = 1.5;   // zoom_in ends at 1.5, zoom_out at 1 / 1.5

    private final Camera camera;
    private final int width, height, fps;
    private final double duration;          // seconds from the shot's first frame to its last

    CameraPath(Camera camera, int width, int height, int fps, int frames) {
        this.camera = camera;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.duration = Math.max(1, frames - 1) / (double) fps;
    }

    /** The camera path of a spec's shot over that shot's frames: what its frames are drawn through. */
    static CameraPath of(SceneSpec spec, int shot) {
        VideoFormat format = spec.format();
        return new CameraPath(spec.shots().get(shot).camera(), format.width(), format.height(), format.fps(),
                spec.shotEnd(shot) - spec.shotStart(shot));
    }

    CameraView at(double localFrame) {
        double t = localFrame / fps;
        return switch (camera) {
            case STATIC -> CameraView.STILL;
            case PAN_LEFT -> new CameraView(-PAN_SPEED * width * t, 0, 1);
            case PAN_RIGHT -> new CameraView(PAN_SPEED * width * t, 0, 1);
            case ZOOM_IN -> new CameraView(0, 0, StrictMath.pow(ZOOM_RANGE, t / duration));
            case ZOOM_OUT -> new CameraView(0, 0, StrictMath.pow(ZOOM_RANGE, -t / duration));
        };
    }

    boolean moves() { return camera != Camera.STATIC; }

    /** The world rectangle {minX, minY, maxX, maxY} that the view covers at some time in the shot. */
    double[] span(int frames) {
        return CameraView.span(IntStream.range(0, frames).mapToObj(this::at).toList(), width, height);
    }
}
