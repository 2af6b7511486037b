package ai.gallop.world;

import ai.gallop.world.SoundEvent.Type;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Direction;

import java.util.SplittableRandom;

/**
 * How one subject moves through its shot, as a function of the shot's local frame f (fractional
 * frames allowed, so speeds can be measured). Travel speeds are in frame widths per second and
 * periods in seconds, so every size and frame rate shows the same motion. Periodic motions (gait,
 * bounce, hop, flap, bubbles) are rounded to whole frames so that each contact, landing or
 * downstroke falls exactly on a frame, which is where its sound is placed.
 */
final class Motion {
    static final double MOVE_SPEED = 0.25, GALLOP_SPEED = 0.35, FLY_SPEED = 0.30, SWIM_SPEED = 0.20;
    static final double SPIN_TURNS_PER_SECOND = 0.5;
    static final double BOUNCE_HEIGHT = 0.22, JUMP_HEIGHT = 0.2;   // of the frame's shorter side
    static final double SCALE_RANGE = 2.0;                          // grow and shrink over the whole shot
    private static final double LEG_SWING = 0.55;                   // radians either side of vertical

    private final Action action;
    private final int fps;
    private final double shorter, duration, sizePx;
    private final double vx, vy;                                    // px per second
    private final int facing, phase, period, hop;
    private final double spinSign, bobPhase;

    Motion(SubjectSpec subject, VideoFormat format, int shotFrames, SplittableRandom rng) {
        this.action = subject.action();
        this.fps = format.fps();
        this.shorter = Math.min(format.width(), format.height());
        this.duration = Math.max(1, shotFrames - 1) / (double) fps;
        this.sizePx = subject.size().fraction * shorter;
        double speed = switch (action) {
            case MOVE -> MOVE_SPEED;
            case GALLOP -> GALLOP_SPEED;
            case FLY -> FLY_SPEED;
            case SWIM -> SWIM_SPEED;
            default -> 0;
        } * format.width() * (0.9 + 0.2 * rng.nextDouble());
        Direction d = subject.direction();
        this.vx = d == Direction.LEFT ? -speed : d == Direction.RIGHT ? speed : 0;
        this.vy = d == Direction.UP ? -speed : d == Direction.DOWN ? speed : 0;
        int randomFacing = rng.nextBoolean() ? 1 : -1;
        this.facing = vx < 0 ? -1 : vx > 0 ? 1 : randomFacing;
        this.hop = Math.max(3, (int) Math.round(0.4 * fps));
        this.period = switch (action) {
            case GALLOP -> Math.max(4, (int) Math.round(0.42 * fps));
            case BOUNCE -> Math.max(4, (int) Math.round(0.6 * fps));
            case JUMP -> hop + Math.max(2, (int) Math.round(0.3 * fps));
            case FLY -> Math.max(3, (int) Math.round(0.3 * fps));
            case SWIM -> Math.max(3, (int) Math.round(0.8 * fps));
            default -> 1;
        };
        this.phase = rng.nextInt(period);
        this.spinSign = rng.nextBoolean() ? 1 : -1;
        this.bobPhase = rng.nextDouble() * 2 * Math.PI;
    }

    double sizePx() { return sizePx; }

    boolean travelsHorizontally() { return vx != 0; }

    boolean travelsVertically() { return vy != 0; }

    /** Frames of one cycle of the periodic motion (1 when there is none). */
    int period() { return period; }

    /** The state at local frame f for a subject anchored at (ax, ay); positions are not yet wrapped. */
    SubjectState at(double f, double ax, double ay) {
        double t = f / fps;
        double x = ax + vx * t, y = ay + vy * t, scale = 1, rotation = 0;
        Pose pose = Pose.STANDING;
        switch (action) {
            case GALLOP -> {
                double[] legs = new double[4];
                for (int leg = 0; leg < 4; leg++)
                    legs[leg] = LEG_SWING * StrictMath.cos(2 * Math.PI * cycle(f + phase - legOffset(leg), period));
                pose = new Pose(legs, 0, 0);
                y -= 0.025 * sizePx * (1 - StrictMath.cos(2 * Math.PI * cycle(f + phase, period))) / 2;
            }
            case BOUNCE -> y -= arc(cycle(f + phase, period)) * BOUNCE_HEIGHT * shorter;
            case JUMP -> {
                double c = cycle(f + phase, period) * period;
                if (c < hop) y -= arc(c / hop) * JUMP_HEIGHT * shorter;
            }
            case SPIN -> rotation = spinSign * 2 * Math.PI * SPIN_TURNS_PER_SECOND * t;
            case GROW -> scale = StrictMath.pow(SCALE_RANGE, t / duration - 0.5);
            case SHRINK -> scale = StrictMath.pow(SCALE_RANGE, 0.5 - t / duration);
            case FLY -> {
                pose = new Pose(Pose.STANDING.legs(), StrictMath.cos(2 * Math.PI * cycle(f + phase, period)), 0);
                y += 0.035 * shorter * StrictMath.sin(2 * Math.PI * t / 0.9 + bobPhase);
            }
            case SWIM -> {
                pose = new Pose(Pose.STANDING.legs(), 0, 0.5 * StrictMath.sin(2 * Math.PI * t / 0.5 + bobPhase));
                y += 0.05 * shorter * StrictMath.sin(2 * Math.PI * t / 1.6 + bobPhase);
            }
            case STILL, MOVE -> { }
        }
        return new SubjectState(x, y, scale, rotation, facing, pose, 0);
    }

    /** The sound this subject makes at local frame j, or null: each falls on the frame that shows it. */
    Type eventAt(int j) {
        return switch (action) {
            case GALLOP -> {
                for (int leg = 0; leg < 4; leg++) if (Math.floorMod(j + phase - legOffset(leg), period) == 0) yield Type.HOOF;
                yield null;
            }
            case BOUNCE -> Math.floorMod(j + phase, period) == 0 ? Type.THUMP : null;
            case JUMP -> Math.floorMod(j + phase, period) == hop ? Type.THUMP : null;
            case FLY -> Math.floorMod(j + phase, period) == 0 ? Type.FLAP : null;
            case SWIM -> Math.floorMod(j + phase, period) == 0 ? Type.BUBBLE : null;
            default -> null;
        };
    }

    /** The frames (within the gait cycle) at which each leg touches down: a four-beat gallop. */
    private int legOffset(int leg) { return (int) Math.round(leg * period / 4.0); }

    /** Position within a cycle of p frames, in [0, 1). */
    private static double cycle(double f, int p) {
        double u = f / p;
        return u - Math.floor(u);
    }

    /** A ballistic arc: 0 on the ground at u = 0 and 1, 1 at the top (u = 0.5). */
    private static double arc(double u) { return 4 * u * (1 - u); }
}
