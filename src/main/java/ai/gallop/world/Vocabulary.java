package ai.gallop.world;

import java.util.Arrays;
import java.util.Locale;

/**
 * The closed vocabulary of the procedural world. Every enum constant has a stable lower-case
 * {@link #id} (used in JSON, on the command line and in error messages) so that renaming a Java
 * constant never changes a file format.
 */
public final class Vocabulary {
    private Vocabulary() {}

    /** What a subject is. The shape drawn and the sounds it makes follow from it. */
    public enum Subject {
        HORSE, BALL, BIRD, CAR, FISH, BOX, STAR;

        public String id() { return idOf(this); }
    }

    /** Subject colours with the exact RGB the renderer paints their bodies in. */
    public enum Colour {
        RED(220, 30, 30), ORANGE(245, 140, 20), YELLOW(245, 225, 30), GREEN(40, 170, 50),
        BLUE(30, 80, 225), PURPLE(140, 50, 190), PINK(250, 130, 190), WHITE(245, 245, 245),
        BLACK(20, 20, 20), BROWN(130, 80, 35);

        public final int r, g, b;

        Colour(int r, int g, int b) { this.r = r; this.g = g; this.b = b; }

        public int rgb() { return (r << 16) | (g << 8) | b; }

        public String id() { return idOf(this); }
    }

    /** Subject size as a fraction of the frame's shorter side; loudness follows it too. */
    public enum Size {
        SMALL(0.16), MEDIUM(0.24), LARGE(0.34);

        public final double fraction;

        Size(double fraction) { this.fraction = fraction; }

        public String id() { return idOf(this); }
    }

    /** What a subject does over the clip. Some actions take a {@link Direction}. */
    public enum Action {
        STILL, MOVE, GALLOP, BOUNCE, JUMP, SPIN, GROW, SHRINK, FLY, SWIM;

        /** Whether the action travels, and so needs a direction other than NONE. */
        public boolean travels() { return this == MOVE || this == GALLOP || this == FLY || this == SWIM; }

        /** Directions the action may travel in: gallop, fly and swim go sideways only. */
        public boolean allows(Direction d) {
            if (!travels()) return d == Direction.NONE;
            if (this == MOVE) return d != Direction.NONE;
            return d == Direction.LEFT || d == Direction.RIGHT;
        }

        /** The subject whose body shows this action (legs, wings, fins); null when any subject can. */
        public Subject naturalSubject() {
            return switch (this) {
                case GALLOP -> Subject.HORSE;
                case FLY -> Subject.BIRD;
                case SWIM -> Subject.FISH;
                default -> null;
            };
        }

        public String id() { return idOf(this); }
    }

    public enum Direction {
        NONE, LEFT, RIGHT, UP, DOWN;

        public String id() { return idOf(this); }
    }

    /** Backgrounds, each with its own ambience sound. */
    public enum Scene {
        MEADOW, BEACH, NIGHT_SKY, SNOW, DESERT, CITY_STREET, STUDIO;

        public String id() { return idOf(this); }
    }

    public enum Camera {
        STATIC, PAN_LEFT, PAN_RIGHT, ZOOM_IN, ZOOM_OUT;

        public String id() { return idOf(this); }
    }

    /** Where a subject stands relative to another one, judged on the first frame of its shot. */
    public enum Relation {
        LEFT_OF, RIGHT_OF, ABOVE, BELOW;

        public String id() { return idOf(this); }
    }

    /** Caption and prompt languages, by their BCP-47 tags. */
    public enum Language {
        EN("en", "English"), ZH("zh", "Mandarin"), YUE("yue", "Cantonese"), JA("ja", "Japanese"),
        KO("ko", "Korean"), DE("de", "German"), FR("fr", "French");

        public final String tag;
        public final String englishName;

        Language(String tag, String englishName) { this.tag = tag; this.englishName = englishName; }

        public String id() { return tag; }

        public static Language parse(String tag) {
            for (Language l : values()) if (l.tag.equalsIgnoreCase(tag.trim())) return l;
            throw new IllegalArgumentException("unknown language '" + tag + "'; allowed: " + allowed(Language.class));
        }
    }

    static String idOf(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }

    /** Looks an enum constant up by its id (case-insensitive; '-' or ' ' may stand for '_'). */
    public static <E extends Enum<E>> E parse(Class<E> type, String id) {
        String key = id.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        throw new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT)
                + " '" + id + "'; allowed: " + allowed(type));
    }

    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(e -> e instanceof Language l ? l.tag : idOf(e)).toList());
    }
}
