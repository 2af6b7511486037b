package ai.gallop.world;

/**
 * A subject at one instant: its origin in world pixels, its own scale factor, its clockwise
 * rotation in radians, which way it faces (1 right, -1 left), its pose, and its speed through the
 * world in frame widths per second.
 */
record SubjectState(double x, double y, double scale, double rotation, int facing, Pose pose, double speed) {}
