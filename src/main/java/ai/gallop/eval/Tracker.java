package ai.gallop.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Links the blobs of one shot into tracks: a blob continues the track of the same colour whose
 * predicted centre (last centre plus last velocity) is nearest, within a gate that grows with the
 * subject's size and with the number of frames it has been missing. A subject that leaves the
 * picture on one side and comes back on the opposite side (the world wraps travelling subjects)
 * keeps one track, and so does one hidden for longer behind (or merged with) a larger blob. Short-lived
 * tracks (texture that happened to match a colour for a frame or two) are dropped.
 */
public final class Tracker {
    /** A track may skip this many frames (occlusion) and still be continued. */
    static final int MAX_GAP = 4;
    /** Tracks seen on fewer than this fraction of the shot's frames are noise. */
    static final double MIN_PRESENCE = 0.3;

    /**
     * @param blobs blobs.get(i) are the blobs of frame start + i, in a picture of width x height
     */
    public List<Track> track(int start, List<List<Blob>> blobs, int width, int height) {
        int n = blobs.size();
        double shorter = Math.min(width, height);
        List<Blob[]> open = new ArrayList<>();
        List<Blob[]> all = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<Blob> here = blobs.get(t);
            record Link(int track, int blob, double cost) {}
            List<Link> links = new ArrayList<>();
            for (int k = 0; k < open.size(); k++) {
                Blob[] path = open.get(k);
                int last = lastSeen(path, t);
                if (last < 0 || t - last > MAX_GAP + 1) continue;
                double[] predicted = predict(path, last, t);
                Blob lb = path[last];
                // a hop lifts a subject by a fifth of the picture in one frame at 8 fps, so the gate is generous
                double gate = lb.scale() + 0.25 * shorter + 0.5 * lb.scale() * (t - last - 1);
                for (int j = 0; j < here.size(); j++) {
                    Blob b = here.get(j);
                    if (b.colour() != lb.colour()) continue;
                    double d = Math.hypot(b.cx() - predicted[0], b.cy() - predicted[1]);
                    double sizeRatio = Math.max(b.area(), lb.area()) / (double) Math.min(b.area(), lb.area());
                    if (d <= gate * Math.max(1, Math.sqrt(sizeRatio)) && sizeRatio < 4)
                        links.add(new Link(k, j, d / lb.scale() + 0.3 * Math.log(sizeRatio)));
                }
            }
            links.sort(Comparator.comparingDouble(Link::cost).thenComparingInt(Link::track).thenComparingInt(Link::blob));
            boolean[] trackUsed = new boolean[open.size()], blobUsed = new boolean[here.size()];
            for (Link l : links) {
                if (trackUsed[l.track] || blobUsed[l.blob]) continue;
                trackUsed[l.track] = true;
                blobUsed[l.blob] = true;
                open.get(l.track)[t] = here.get(l.blob);
            }
            for (int j = 0; j < here.size(); j++) {
                if (blobUsed[j]) continue;
                Blob[] path = new Blob[n];
                path[t] = here.get(j);
                open.add(path);
                all.add(path);
            }
        }
        mergeWraps(all, n, width, height);
        Set<Blob[]> bridged = Collections.newSetFromMap(new IdentityHashMap<>());
        bridgeHidden(all, blobs, n, width, height, bridged);
        int minPresent = Math.max(2, (int) Math.ceil(MIN_PRESENCE * n));
        if (n < 2) minPresent = 1;
        List<Track> tracks = new ArrayList<>();
        for (Blob[] path : all) {
            Track track = new Track(firstNonNull(path).colour(), start, Arrays.asList(path));
            // a subject seen before and after hiding was there all along
            int presence = bridged.contains(path) ? lastSeen(path, n) - firstSeen(path) + 1 : track.presentCount();
            if (presence >= minPresent) tracks.add(track);
        }
        tracks.sort(Comparator.comparingDouble(Track::medianArea).reversed()
                .thenComparingDouble(tr -> tr.first().cx()));
        return tracks;
    }

    /**
     * Joins a path that ends against one edge to a later path of the same colour that starts against
     * the opposite edge at the same height (for a sideways wrap; the same column for a vertical one),
     * nearest in time first: two subjects of one colour that both wrap keep their own tracks.
     */
    private static void mergeWraps(List<Blob[]> paths, int n, int width, int height) {
        double shorter = Math.min(width, height);
        boolean merged = true;
        while (merged) {
            merged = false;
            int bestA = -1, bestB = -1;
            double bestCost = Double.MAX_VALUE;
            for (int a = 0; a < paths.size(); a++)
                for (int b = 0; b < paths.size(); b++) {
                    if (a == b) continue;
                    int endA = lastSeen(paths.get(a), n), startB = firstSeen(paths.get(b));
                    if (endA < 0 || startB <= endA) continue;
                    Blob exit = paths.get(a)[endA], entry = paths.get(b)[startB];
                    if (exit.colour() != entry.colour() || !oppositeEdges(exit, entry, width, height)) continue;
                    boolean sideways = (exit.x1() >= width - 1 && entry.x0() <= 1) || (exit.x0() <= 1 && entry.x1() >= width - 1);
                    double across = sideways ? Math.abs(exit.cy() - entry.cy()) : Math.abs(exit.cx() - entry.cx());
                    double extent = sideways ? (exit.boxHeight() + entry.boxHeight()) / 2.0 : (exit.boxWidth() + entry.boxWidth()) / 2.0;
                    if (across > extent + 0.15 * shorter) continue;
                    double cost = startB - endA + across / shorter;
                    if (cost < bestCost) { bestCost = cost; bestA = a; bestB = b; }
                }
            if (bestA >= 0) {
                join(paths, bestA, bestB, n);
                merged = true;
            }
        }
    }

    /**
     * Joins a path to a later one of the same colour when the subject was hidden in between: the
     * later path starts where the earlier one's constant-velocity prediction puts it (within its size
     * plus a quarter of the shorter side), both paths hold two sightings or more, and on every frame
     * between, at least half of the predicted box lies under a blob as large as the subject (an
     * occluder, or a subject of the same colour it merged with; specks of noise are too small to hide it). A subject that gallops
     * behind another of its colour keeps one track instead of two short ones that the presence rule
     * would drop: its presence counts from its first sighting to its last. Shortest gaps first.
     */
    private static void bridgeHidden(List<Blob[]> paths, List<List<Blob>> blobs, int n, int width, int height, Set<Blob[]> bridged) {
        double shorter = Math.min(width, height);
        boolean joined = true;
        while (joined) {
            joined = false;
            int bestA = -1, bestB = -1;
            double bestCost = Double.MAX_VALUE;
            for (int a = 0; a < paths.size(); a++)
                for (int b = 0; b < paths.size(); b++) {
                    if (a == b) continue;
                    Blob[] pa = paths.get(a), pb = paths.get(b);
                    int endA = lastSeen(pa, n), startB = firstSeen(pb);
                    if (endA < 0 || startB <= endA + 1) continue;
                    Blob exit = pa[endA], entry = pb[startB];
                    if (exit.colour() != entry.colour() || sightings(pa) < 2 || sightings(pb) < 2) continue;
                    double ratio = Math.max(exit.area(), entry.area()) / (double) Math.min(exit.area(), entry.area());
                    if (ratio >= 4) continue;
                    double[] v = velocity(pa, endA);
                    double miss = Math.hypot(exit.cx() + v[0] * (startB - endA) - entry.cx(), exit.cy() + v[1] * (startB - endA) - entry.cy());
                    if (miss > exit.scale() + 0.25 * shorter) continue;
                    boolean hidden = true;
                    for (int t = endA + 1; t < startB && hidden; t++) {
                        double dx = v[0] * (t - endA), dy = v[1] * (t - endA);
                        boolean covered = false;
                        for (Blob o : blobs.get(t)) {
                            double ix = Math.min(o.x1(), exit.x1() + dx) - Math.max(o.x0(), exit.x0() + dx);
                            double iy = Math.min(o.y1(), exit.y1() + dy) - Math.max(o.y0(), exit.y0() + dy);
                            if (o.area() >= exit.area() && ix > 0 && iy > 0 && ix * iy >= 0.5 * exit.boxWidth() * exit.boxHeight()) { covered = true; break; }
                        }
                        hidden = covered;
                    }
                    if (!hidden) continue;
                    double cost = startB - endA + miss / shorter;
                    if (cost < bestCost) { bestCost = cost; bestA = a; bestB = b; }
                }
            if (bestA >= 0) {
                bridged.add(paths.get(bestA));
                join(paths, bestA, bestB, n);
                joined = true;
            }
        }
    }

    private static int sightings(Blob[] path) {
        int n = 0;
        for (Blob b : path) if (b != null) n++;
        return n;
    }

    /** Moves path b's sightings into path a and drops b. */
    private static void join(List<Blob[]> paths, int a, int b, int n) {
        Blob[] target = paths.get(a), source = paths.get(b);
        for (int i = 0; i < n; i++) if (source[i] != null) target[i] = source[i];
        paths.remove(b);
    }

    /** Centre velocity (pixels per frame) over the last two sightings up to frame {@code last}; 0 with one sighting. */
    private static double[] velocity(Blob[] path, int last) {
        int prev = lastSeen(path, last);
        if (prev < 0) return new double[]{0, 0};
        return new double[]{(path[last].cx() - path[prev].cx()) / (last - prev), (path[last].cy() - path[prev].cy()) / (last - prev)};
    }

    private static boolean oppositeEdges(Blob exit, Blob entry, int width, int height) {
        return (exit.x1() >= width - 1 && entry.x0() <= 1) || (exit.x0() <= 1 && entry.x1() >= width - 1)
                || (exit.y1() >= height - 1 && entry.y0() <= 1) || (exit.y0() <= 1 && entry.y1() >= height - 1);
    }

    private static int firstSeen(Blob[] path) {
        for (int i = 0; i < path.length; i++) if (path[i] != null) return i;
        return -1;
    }

    private static int lastSeen(Blob[] path, int before) {
        for (int i = before - 1; i >= 0; i--) if (path[i] != null) return i;
        return -1;
    }

    /** Constant-velocity prediction from the last two sightings. */
    private static double[] predict(Blob[] path, int last, int t) {
        Blob b = path[last];
        int prev = lastSeen(path, last);
        if (prev < 0) return new double[]{b.cx(), b.cy()};
        Blob a = path[prev];
        double vx = (b.cx() - a.cx()) / (last - prev), vy = (b.cy() - a.cy()) / (last - prev);
        return new double[]{b.cx() + vx * (t - last), b.cy() + vy * (t - last)};
    }

    private static Blob firstNonNull(Blob[] path) {
        for (Blob b : path) if (b != null) return b;
        throw new IllegalStateException("an empty path");
    }
}
