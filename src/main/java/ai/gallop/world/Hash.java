package ai.gallop.world;

/** Stateless hashing for seeds and textures: the same inputs give the same bits on every machine. */
final class Hash {
    private Hash() {}

    /** SplitMix64's finaliser over two combined values. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b, long c) { return mix(mix(a, b), c); }

    /** A value in [0, 1) from hash bits. */
    static double unit(long h) { return (h >>> 11) * 0x1.0p-53; }

    /** Smooth value noise in [-1, 1] with one lattice cell per unit of x and y. */
    static double noise(long salt, double x, double y) {
        double fx = Math.floor(x), fy = Math.floor(y);
        long ix = (long) fx, iy = (long) fy;
        double tx = smooth(x - fx), ty = smooth(y - fy);
        double a = corner(salt, ix, iy), b = corner(salt, ix + 1, iy);
        double c = corner(salt, ix, iy + 1), d = corner(salt, ix + 1, iy + 1);
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private static double corner(long salt, long ix, long iy) { return 2 * unit(mix(salt, ix, iy)) - 1; }

    private static double smooth(double t) { return t * t * (3 - 2 * t); }
}
