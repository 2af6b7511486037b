package ai.gallop.eval;

/**
 * How the background moved from one frame to the next: a point at p in the earlier frame appears at
 * c + scale * (p - c) + (dx, dy) in the later one, c being the picture centre. {@code residual} is
 * the mean absolute luma difference of the background left after this motion is undone.
 */
public record CameraMotion(double dx, double dy, double scale, double residual) {
    public static final CameraMotion NONE = new CameraMotion(0, 0, 1, 0);
}
