package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Scene;

/**
 * The ambience classes a scene can be heard by. Meadow, snow and desert all sound of wind in the
 * world, so sound alone can tell five classes apart, not seven scenes; ids match the world's
 * ground-truth {@code ambience} field.
 */
public enum Ambience {
    WIND, WAVES, CRICKETS, TRAFFIC, ROOM;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The ambience a scene is rendered with. */
    public static Ambience of(Scene scene) {
        return switch (scene) {
            case MEADOW, SNOW, DESERT -> WIND;
            case BEACH -> WAVES;
            case NIGHT_SKY -> CRICKETS;
            case CITY_STREET -> TRAFFIC;
            case STUDIO -> ROOM;
        };
    }
}
