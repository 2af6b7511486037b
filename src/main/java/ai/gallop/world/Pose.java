package ai.gallop.world;

/**
 * The moving body parts of a subject in one frame. {@code legs}: the four leg angles of a horse in
 * radians from vertical, positive = foot forward (hind near, hind far, front near, front far).
 * {@code wing}: wing lift of a bird from -1 (fully down) through 0 (folded) to 1 (fully up).
 * {@code tail}: a fish's tail angle in radians.
 */
record Pose(double[] legs, double wing, double tail) {
    static final Pose STANDING = new Pose(new double[]{0.08, -0.06, 0.06, -0.08}, 0, 0);
}
