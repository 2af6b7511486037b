package ai.gallop.world;

import ai.gallop.world.Sprite.Capsule;
import ai.gallop.world.Sprite.Ellipse;
import ai.gallop.world.Sprite.Part;
import ai.gallop.world.Sprite.Polygon;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;

import static ai.gallop.world.Sprite.BODY;
import static ai.gallop.world.Sprite.DETAIL;
import static ai.gallop.world.Sprite.WHEEL;

/**
 * The shape of each subject kind, facing right, about one unit across. Silhouettes differ on
 * purpose (legs and neck, disc, wings and tail, cabin and wheels, tail fin, square, five points)
 * so an evaluator can tell the kinds apart by shape; details stay small so at least 80% of every
 * shape is the flat body colour.
 */
final class Sprites {
    private Sprites() {}

    /** Details smaller than this radius in pixels would land on a pixel centre or not by chance: they are left out. */
    private static final double MIN_DETAIL_RADIUS_PX = 0.8;

    /** The sprite of a kind in a pose, drawn {@code unitPx} pixels per local unit. */
    static Sprite of(Subject kind, Pose pose, double unitPx) {
        List<Part> parts = new ArrayList<>();
        switch (kind) {
            case HORSE -> horse(parts, pose);
            case BALL -> {
                parts.add(Ellipse.disc(0, 0, 0.5, BODY));
                // an off-centre spot, so that a spinning ball visibly turns
                parts.add(Ellipse.disc(0.24, -0.1, 0.11, DETAIL));
            }
            case BIRD -> bird(parts, pose);
            case CAR -> car(parts);
            case FISH -> fish(parts, pose);
            case BOX -> parts.add(new Polygon(new double[]{-0.42, -0.42, 0.42, -0.42, 0.42, 0.42, -0.42, 0.42}, BODY));
            case STAR -> parts.add(star());
        }
        parts.removeIf(p -> p.tint() != BODY && halfExtent(p) * unitPx < MIN_DETAIL_RADIUS_PX);
        return new Sprite(parts);
    }

    private static double halfExtent(Part p) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        p.extend(box);
        return Math.max(box[2] - box[0], box[3] - box[1]) / 2;
    }

    /** The packed RGB of every tint for a body colour, indexed by tint (BODY, DETAIL, WHEEL), as the painter takes them. */
    static int[] tints(Colour colour) {
        return new int[]{colourOf(BODY, colour), colourOf(DETAIL, colour), colourOf(WHEEL, colour)};
    }

    /** The packed RGB of a tint for a body colour: details are a darker shade (lighter on dark bodies). */
    static int colourOf(int tint, Colour colour) {
        return switch (tint) {
            case BODY -> colour.rgb();
            case WHEEL -> 0x262626;
            default -> {
                double luma = 0.299 * colour.r + 0.587 * colour.g + 0.114 * colour.b;
                yield luma < 70 ? mix(colour, 255, 0.55) : mix(colour, 0, 0.6);
            }
        };
    }

    private static int mix(Colour c, int target, double amount) {
        int r = (int) Math.round(c.r + (target - c.r) * amount);
        int g = (int) Math.round(c.g + (target - c.g) * amount);
        int b = (int) Math.round(c.b + (target - c.b) * amount);
        return (r << 16) | (g << 8) | b;
    }

    private static void horse(List<Part> parts, Pose pose) {
        double[] hipX = {-0.21, -0.21, 0.19, 0.19};
        for (int leg = 0; leg < 4; leg++) {
            double a = pose.legs()[leg], hx = hipX[leg], hy = 0.05;
            parts.add(new Capsule(hx, hy, hx + 0.30 * StrictMath.sin(a), hy + 0.30 * StrictMath.cos(a), 0.042, BODY));
        }
        parts.add(Ellipse.of(0, -0.02, 0.31, 0.14, 0, BODY));
        parts.add(new Capsule(0.2, -0.06, 0.34, -0.27, 0.075, BODY));
        parts.add(Ellipse.of(0.42, -0.27, 0.115, 0.062, 0.5, BODY));
        parts.add(new Polygon(new double[]{0.32, -0.32, 0.35, -0.42, 0.385, -0.32}, BODY));
        parts.add(new Capsule(-0.3, -0.07, -0.43, 0.09, 0.035, BODY));
        parts.add(Ellipse.disc(0.43, -0.29, 0.022, DETAIL));
    }

    private static void bird(List<Part> parts, Pose pose) {
        double w = pose.wing();
        parts.add(new Polygon(new double[]{-0.22, 0.02, -0.46, -0.07, -0.44, 0.12}, BODY));
        parts.add(Ellipse.of(0, 0.04, 0.28, 0.15, -0.1, BODY));
        parts.add(Ellipse.disc(0.27, -0.05, 0.11, BODY));
        parts.add(new Polygon(new double[]{0.35, -0.085, 0.48, -0.045, 0.35, -0.01}, DETAIL));
        // the wing hinges at the shoulder: its tip swings from below the body (w = -1) to above it (w = 1)
        parts.add(new Polygon(new double[]{0.1, -0.01, -0.12, 0.0, -0.2, -0.02 - 0.40 * w, -0.02, -0.04 - 0.44 * w}, BODY));
        parts.add(Ellipse.disc(0.3, -0.07, 0.022, DETAIL));
    }

    private static void car(List<Part> parts) {
        parts.add(new Polygon(new double[]{-0.5, -0.07, 0.38, -0.07, 0.5, 0.02, 0.5, 0.17, -0.5, 0.17}, BODY));
        parts.add(new Polygon(new double[]{-0.28, -0.07, -0.17, -0.26, 0.15, -0.26, 0.27, -0.07}, BODY));
        parts.add(Ellipse.disc(-0.3, 0.16, 0.075, WHEEL));
        parts.add(Ellipse.disc(0.3, 0.16, 0.075, WHEEL));
    }

    private static void fish(List<Part> parts, Pose pose) {
        // the tail fin turns about where it meets the body
        double px = -0.2, c = StrictMath.cos(pose.tail()), s = StrictMath.sin(pose.tail());
        double[] tail = {-0.18, 0, -0.46, -0.18, -0.4, 0, -0.46, 0.18};
        for (int i = 0; i < tail.length; i += 2) {
            double dx = tail[i] - px, dy = tail[i + 1];
            tail[i] = px + dx * c - dy * s;
            tail[i + 1] = dx * s + dy * c;
        }
        parts.add(new Polygon(tail, BODY));
        parts.add(new Polygon(new double[]{-0.04, -0.14, 0.16, -0.15, -0.02, -0.27}, BODY));
        parts.add(Ellipse.of(0.08, 0, 0.32, 0.17, 0, BODY));
        parts.add(Ellipse.disc(0.28, -0.04, 0.03, DETAIL));
    }

    private static Polygon star() {
        double[] xy = new double[20];
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 0.5 : 0.21, a = -Math.PI / 2 + i * Math.PI / 5;
            xy[2 * i] = r * StrictMath.cos(a);
            xy[2 * i + 1] = r * StrictMath.sin(a);
        }
        return new Polygon(xy, BODY);
    }
}
