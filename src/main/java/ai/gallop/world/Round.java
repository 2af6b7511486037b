package ai.gallop.world;

/** The fixed number of decimals each ground-truth quantity is written with, so the JSON is stable. */
final class Round {
    private Round() {}

    /** Pixels and seconds: 3 decimals (a thousandth of a pixel or a millisecond). */
    static double px(double v) { return Math.round(v * 1000.0) / 1000.0; }

    static double seconds(double v) { return px(v); }

    /** Ratios, fractions and zoom factors: 4 decimals. */
    static double ratio(double v) { return Math.round(v * 10000.0) / 10000.0; }

    /** Angles in degrees: 2 decimals. */
    static double degrees(double v) { return Math.round(v * 100.0) / 100.0; }
}
