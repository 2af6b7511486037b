package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Scene;

/**
 * Where things belong in a scene, as lines in world y measured in fractions of the frame height:
 * above {@code skyBottom} is open sky wherever the horizon rolls, below {@code groundTop} is ground,
 * and on the beach the sea lies between {@code waterTop} and {@code waterBottom}. NaN where a scene
 * has no such region (the night sky leaves its subjects free: its hills are too low to stand on).
 */
record Terrain(double skyBottom, double groundTop, double waterTop, double waterBottom) {
    /** How far below the farthest horizon a standing subject's feet go at the least, in frame heights. */
    static final double FOOTING_MARGIN = 0.03;

    /** Where a subject belongs, from what it is and what it does. */
    enum Habitat { GROUND, SKY, WATER, ANYWHERE }

    static Terrain of(Scene scene) {
        return switch (scene) {
            case MEADOW -> new Terrain(Backdrop.MEADOW_HORIZON - Backdrop.MEADOW_ROLL, Backdrop.MEADOW_HORIZON + Backdrop.MEADOW_ROLL, Double.NaN, Double.NaN);
            case BEACH -> new Terrain(Backdrop.BEACH_SKY, Backdrop.BEACH_SHORE + Backdrop.BEACH_SHORE_ROLL,
                    Backdrop.BEACH_SKY, Backdrop.BEACH_SHORE - Backdrop.BEACH_SHORE_ROLL);
            case SNOW -> new Terrain(Backdrop.SNOW_HORIZON - Backdrop.SNOW_ROLL, Backdrop.SNOW_HORIZON + Backdrop.SNOW_ROLL, Double.NaN, Double.NaN);
            case DESERT -> new Terrain(Backdrop.DESERT_HORIZON - Backdrop.DESERT_ROLL, Backdrop.DESERT_HORIZON + Backdrop.DESERT_ROLL, Double.NaN, Double.NaN);
            // birds fly in front of the buildings; everything else stands on the pavement or the road
            case CITY_STREET -> new Terrain(Backdrop.STREET_PAVEMENT, Backdrop.STREET_PAVEMENT, Double.NaN, Double.NaN);
            // the studio's floor is its ground and everything above it its sky
            case STUDIO -> new Terrain(Backdrop.STUDIO_FLOOR, Backdrop.STUDIO_FLOOR, Double.NaN, Double.NaN);
            case NIGHT_SKY -> new Terrain(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        };
    }

    /**
     * Horses, cars and boxes stand on the ground; balls and stars too while they rest, roll, bounce
     * or hop (spinning, growing or shrinking ones may hang anywhere); birds perch while they rest or
     * hop and otherwise keep to the sky; anything that flies keeps to the sky and fish to the water.
     * Whatever travels up or down cannot stand anywhere.
     */
    static Habitat habitatOf(SubjectSpec subject) {
        Action a = subject.action();
        if (a == Action.MOVE && (subject.direction() == Direction.UP || subject.direction() == Direction.DOWN)) return Habitat.ANYWHERE;
        if (a == Action.FLY) return Habitat.SKY;
        if (a == Action.SWIM) return Habitat.WATER;
        boolean grounded = a == Action.STILL || a == Action.MOVE || a == Action.BOUNCE || a == Action.JUMP || a == Action.GALLOP;
        return switch (subject.kind()) {
            case HORSE, CAR, BOX -> Habitat.GROUND;
            case BALL, STAR -> grounded ? Habitat.GROUND : Habitat.ANYWHERE;
            case BIRD -> grounded ? Habitat.GROUND : Habitat.SKY;
            case FISH -> Habitat.WATER;
        };
    }

    /**
     * The anchor y range {min, max} that keeps a subject in its habitat, or null where the scene has
     * none for it. {@code boxes} are its world boxes relative to its anchor in every frame of the shot;
     * {@code rests} tells whether its lowest point in the shot is where it stands (bounce, hop, gait)
     * rather than its highest (growth, shrinking and spins only push the feet down).
     */
    double[] footing(Habitat habitat, double[][] boxes, boolean rests, int height) {
        double highestBottom = Double.MAX_VALUE, lowestBottom = -Double.MAX_VALUE, highestTop = Double.MAX_VALUE;
        for (double[] b : boxes) {
            highestBottom = Math.min(highestBottom, b[3]);
            lowestBottom = Math.max(lowestBottom, b[3]);
            highestTop = Math.min(highestTop, b[1]);
        }
        return switch (habitat) {
            case GROUND -> Double.isNaN(groundTop) ? null
                    : new double[]{(groundTop + FOOTING_MARGIN) * height - (rests ? lowestBottom : highestBottom), Double.MAX_VALUE};
            case SKY -> Double.isNaN(skyBottom) ? null : new double[]{-Double.MAX_VALUE, skyBottom * height - lowestBottom};
            case WATER -> {
                if (Double.isNaN(waterTop)) yield null;
                double min = waterTop * height - highestTop, max = waterBottom * height - lowestBottom;
                // a sea too narrow for the whole swim: keep its middle in the middle of the sea
                yield min <= max ? new double[]{min, max} : new double[]{(min + max) / 2, (min + max) / 2};
            }
            case ANYWHERE -> null;
        };
    }
}
