package ai.gallop.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Links the blobs of one shot into tracks: a blob continues the track of the same colour whose
 * predicted centre (last centre plus last velocity) is nearest, within a gate that grows with the
 * subject's size and with the number of frames it has been missing. A subject that leaves the
 * picture on one side and comes back on the opposite side (the world wraps travelling subjects)
 * keeps one track. Short-lived tracks (texture that happened to match a colour for a frame or two)
 * are dropped.
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
        int minPresent = Math.max(2, (int) Math.ceil(MIN_PRESENCE * n));
        if (n < 2) minPresent = 1;
        List<Track> tracks = new ArrayList<>();
        for (Blob[] path : all) {
            Track track = new Track(firstNonNull(path).colour(), start, Arrays.asList(path));
            if (track.presentCount() >= minPresent) tracks.add(track);
        }
        tracks.sort(Comparator.comparingDouble(Track::medianArea).reversed()
                .thenComparingDouble(tr -> tr.first().cx()));
        return tracks;
    }

    /**
     * Joins a path that ends against one edge to a later path of the same colour that starts against
     * the opposite edge, nearest in time first.
     */
    private static void mergeWraps(List<Blob[]> paths, int n, int width, int height) {
        boolean merged = true;
        while (merged) {
            merged = false;
            int bestA = -1, bestB = -1, bestGap = Integer.MAX_VALUE;
            for (int a = 0; a < paths.size(); a++)
                for (int b = 0; b < paths.size(); b++) {
                    if (a == b) continue;
                    int endA = lastSeen(paths.get(a), n), startB = firstSeen(paths.get(b));
                    if (endA < 0 || startB <= endA) continue;
                    Blob exit = paths.get(a)[endA], entry = paths.get(b)[startB];
                    if (exit.colour() != entry.colour() || !oppositeEdges(exit, entry, width, height)) continue;
                    if (startB - endA < bestGap) { bestGap = startB - endA; bestA = a; bestB = b; }
                }
            if (bestA >= 0) {
                Blob[] target = paths.get(bestA), source = paths.get(bestB);
                for (int i = 0; i < n; i++) if (source[i] != null) target[i] = source[i];
                paths.remove(bestB);
                merged = true;
            }
        }
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
