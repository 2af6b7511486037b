package ai.gallop.world;

import ai.gallop.world.Vocabulary.Scene;

/**
 * A scene's background as a function of world position, so a panning or zooming camera sees new
 * parts of it rather than an edge. Horizontal features scale with the frame's shorter side and
 * horizons with its height. Every large area keeps well away (more than 40 on some channel) from
 * every subject colour, so colour segmentation never mistakes the background for a subject; the
 * texture is a faint deterministic noise from the spec's seed.
 */
final class Backdrop {
    // where each scene's sky ends and its ground begins, in fractions of the frame height: a base line
    // and how far the rolling horizon swings either side of it ({@link Terrain} keeps subjects clear of the swing)
    static final double MEADOW_HORIZON = 0.55, MEADOW_ROLL = 0.04;
    static final double BEACH_SKY = 0.38, BEACH_SHORE = 0.6, BEACH_SHORE_ROLL = 0.02;
    static final double SNOW_HORIZON = 0.5, SNOW_ROLL = 0.03;
    static final double DESERT_HORIZON = 0.5, DESERT_ROLL = 0.05 + 0.03;   // two dune swells
    static final double STREET_PAVEMENT = 0.64, STREET_ROAD = 0.7;
    static final double STUDIO_FLOOR = 0.68;
    private final Scene scene;
    private final int width, height;
    private final double shorter;
    private final long salt;
    private final double phase;         // shifts the rolling horizons per clip
    // the world region a shot's camera ever sees, sampled once: a texel per 1 / resolution world pixels
    private final double originX, originY, resolution;
    private final int texWidth, texHeight;
    private final int[] texels;

    /**
     * A backdrop covering world {@code span} {minX, minY, maxX, maxY}, sampled at {@code resolution}
     * texels per world pixel (above 1 where the camera zooms in, so zoomed views stay sharp).
     */
    Backdrop(Scene scene, int width, int height, long salt, double[] span, double resolution) {
        this.scene = scene;
        this.width = width;
        this.height = height;
        this.shorter = Math.min(width, height);
        this.salt = salt;
        this.phase = Hash.unit(Hash.mix(salt, 1)) * 2 * Math.PI;
        this.resolution = resolution;
        this.originX = Math.floor(span[0]);
        this.originY = Math.floor(span[1]);
        this.texWidth = (int) Math.ceil((Math.ceil(span[2]) - originX) * resolution);
        this.texHeight = (int) Math.ceil((Math.ceil(span[3]) - originY) * resolution);
        this.texels = new int[texWidth * texHeight];                                   // [texHeight][texWidth]
        for (int ty = 0; ty < texHeight; ty++) {
            double wy = originY + (ty + 0.5) / resolution;
            for (int tx = 0; tx < texWidth; tx++) texels[ty * texWidth + tx] = colourAt(originX + (tx + 0.5) / resolution, wy);
        }
    }

    /** Paints the view into canvas (packed RGB, width * height), taking each pixel from the nearest texel. */
    void paint(int[] canvas, CameraView camera) {
        int[] column = new int[width];
        for (int px = 0; px < width; px++)
            column[px] = Math.clamp((long) Math.floor((camera.worldX(px + 0.5, width) - originX) * resolution), 0, texWidth - 1);
        for (int py = 0; py < height; py++) {
            int row = Math.clamp((long) Math.floor((camera.worldY(py + 0.5, height) - originY) * resolution), 0, texHeight - 1) * texWidth;
            for (int px = 0; px < width; px++) canvas[py * width + px] = texels[row + column[px]];
        }
    }

    /** The packed RGB of the world at (wx, wy) in world pixels. */
    int colourAt(double wx, double wy) {
        double u = wx / shorter, v = wy / height;
        return switch (scene) {
            case MEADOW -> meadow(u, v);
            case BEACH -> beach(u, v);
            case NIGHT_SKY -> nightSky(wx, wy, u, v);
            case SNOW -> snow(u, v);
            case DESERT -> desert(u, v);
            case CITY_STREET -> cityStreet(u, v);
            case STUDIO -> studio(u, v);
        };
    }

    private int meadow(double u, double v) {
        double horizon = MEADOW_HORIZON + MEADOW_ROLL * StrictMath.sin(u * 2.1 + phase);
        if (v < horizon) return sky(v / horizon, 120, 180, 235, 170, 208, 235, u, v);
        double n = Hash.noise(salt, u * 10, v * 10 * height / shorter) * 8
                + Hash.noise(salt + 1, u * 45, v * 8 * height / shorter) * 5;
        return rgb(105 + n, 150 + n, 65 + n * 0.6);
    }

    private int beach(double u, double v) {
        if (v < BEACH_SKY) return sky(v / BEACH_SKY, 140, 195, 240, 185, 215, 240, u, v);
        double shore = BEACH_SHORE + BEACH_SHORE_ROLL * StrictMath.sin(u * 3 + phase);
        if (v < shore) {
            double wave = Hash.noise(salt, u * 4, v * 55);
            return wave > 0.55 ? rgb(80, 155, 190) : rgb(35 + wave * 5, 115 + wave * 6, 160 + wave * 6);
        }
        double n = Hash.noise(salt + 2, u * 14, v * 14 * height / shorter) * 7;
        return rgb(225 + n, 200 + n, 150 + n);
    }

    private int nightSky(double wx, double wy, double u, double v) {
        double hills = 0.82 + 0.04 * StrictMath.sin(u * 2.6 + phase);
        if (v > hills) return rgb(44 + Hash.noise(salt, u * 8, v * 8) * 3, 56, 80);
        double moonX = 0.75 * width, moonY = 0.22 * height, moonR = 0.09 * shorter;
        double mx = wx - moonX, my = wy - moonY;
        if (mx * mx + my * my <= moonR * moonR) {
            double cx = mx + 0.3 * moonR, cy = my + 0.25 * moonR;
            return cx * cx + cy * cy < 0.09 * moonR * moonR ? rgb(212, 207, 162) : rgb(235, 230, 180);
        }
        // dim stars: at most one per lattice cell, at a hashed spot in it
        double cell = 0.07 * shorter;
        long ix = (long) Math.floor(wx / cell), iy = (long) Math.floor(wy / cell);
        long h = Hash.mix(salt + 3, ix, iy);
        if ((h & 7) < 3) {
            double sx = (ix + 0.15 + 0.7 * Hash.unit(Hash.mix(h, 1))) * cell, sy = (iy + 0.15 + 0.7 * Hash.unit(Hash.mix(h, 2))) * cell;
            double r = Math.max(0.6, 0.008 * shorter);
            if ((wx - sx) * (wx - sx) + (wy - sy) * (wy - sy) <= r * r) {
                double b = 140 + 50 * Hash.unit(Hash.mix(h, 3));
                return rgb(b, b, b + 20);
            }
        }
        double t = Math.clamp(v / hills, 0, 1);
        // a deep moonlit blue rather than black, so that dark subjects still stand out as silhouettes
        return rgb(24 + 16 * t, 34 + 18 * t, 88 + 30 * t);
    }

    private int snow(double u, double v) {
        double horizon = SNOW_HORIZON + SNOW_ROLL * StrictMath.sin(u * 1.7 + phase);
        if (v < horizon) return sky(v / horizon, 140, 145, 158, 175, 178, 186, u, v);
        double n = Hash.noise(salt + 4, u * 12, v * 12 * height / shorter) * 5;
        // shaded a little blue-grey, so that white subjects stand out on it
        return rgb(172 + n, 198 + n, 230 + n * 0.3);
    }

    private int desert(double u, double v) {
        double far = DESERT_HORIZON + 0.05 * StrictMath.sin(u * 1.7 + phase) + 0.03 * StrictMath.sin(u * 4.1 + 2 * phase);
        double near = 0.66 + 0.06 * StrictMath.sin(u * 1.1 + 3 * phase);
        if (v < far) return sky(v / far, 250, 205, 150, 250, 220, 175, u, v);
        double n = Hash.noise(salt + 5, u * 12, v * 12 * height / shorter) * 5
                + 3 * StrictMath.sin((v * height / shorter) * 90 + u * 6);   // wind ripples
        if (v < near) return rgb(200 + n, 160 + n, 105 + n);
        return rgb(215 + n, 175 + n, 115 + n);
    }

    private int cityStreet(double u, double v) {
        if (v >= STREET_ROAD) {
            boolean lane = v >= 0.84 && v < 0.86 && ((u / 0.3) - Math.floor(u / 0.3)) < 0.5;
            if (lane) return rgb(200, 190, 120);
            double n = Hash.noise(salt + 6, u * 20, v * 20) * 4;
            return rgb(95 + n, 95 + n, 100 + n);
        }
        if (v >= STREET_PAVEMENT) {
            boolean joint = ((u / 0.15) - Math.floor(u / 0.15)) < 0.04;
            return joint ? rgb(130, 130, 130) : rgb(150, 150, 150);
        }
        double bw = 0.32, bu = u / bw;
        long index = (long) Math.floor(bu);
        double along = bu - index;
        long h = Hash.mix(salt + 7, index);
        double top = STREET_PAVEMENT - (0.2 + 0.35 * Hash.unit(h));
        if (along < 0.06 || v < top) return sky(v / STREET_PAVEMENT, 165, 180, 200, 185, 195, 205, u, v);
        int[][] walls = {{120, 105, 100}, {100, 110, 125}, {140, 130, 115}, {115, 120, 110}};
        int[] wall = walls[(int) (Hash.mix(h, 9) & 3)];
        double cell = 0.07;
        double wu = (along * bw) / cell, wv = (v - top) * height / shorter / cell;
        double fu = wu - Math.floor(wu), fv = wv - Math.floor(wv);
        if (fu > 0.3 && fu < 0.75 && fv > 0.3 && fv < 0.75 && wv > 0.5) {
            boolean lit = (Hash.mix(h, (long) Math.floor(wu), (long) Math.floor(wv)) & 3) == 0;
            return lit ? rgb(215, 205, 140) : rgb(60, 70, 90);
        }
        return rgb(wall[0], wall[1], wall[2]);
    }

    private int studio(double u, double v) {
        double n = Hash.noise(salt + 8, u * 6, v * 6) * 2;
        // mid grey rather than near white, so that white subjects stand out on the wall
        if (v < STUDIO_FLOOR) return rgb(170 + 8 * v + n, 170 + 8 * v + n, 176 + 8 * v + n);
        return rgb(152 + n, 152 + n, 158 + n);
    }

    /** A vertical gradient from the top colour (t = 0) to the horizon colour (t = 1), with faint texture. */
    private int sky(double t, int r0, int g0, int b0, int r1, int g1, int b1, double u, double v) {
        t = Math.clamp(t, 0, 1);
        double n = Hash.noise(salt + 10, u * 3, v * 6) * 3;
        return rgb(r0 + (r1 - r0) * t + n, g0 + (g1 - g0) * t + n, b0 + (b1 - b0) * t + n);
    }

    private static int rgb(double r, double g, double b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(double c) { return Math.clamp(Math.round(c), 0, 255); }
}
