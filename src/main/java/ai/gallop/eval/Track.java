package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Colour;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One subject followed through a shot: its blob in each frame of the shot, null where it was not
 * found (hidden behind another subject, or out of the picture).
 *
 * @param start frame index (in the video) of the shot's first frame; blobs.get(i) is frame start + i
 */
public record Track(Colour colour, int start, List<Blob> blobs) {
    public Track {
        blobs = Collections.unmodifiableList(new ArrayList<>(blobs));
    }

    public int length() { return blobs.size(); }

    public Blob at(int i) { return blobs.get(i); }

    public int presentCount() {
        int n = 0;
        for (Blob b : blobs) if (b != null) n++;
        return n;
    }

    /** The blob on the earliest frame where the subject is seen. */
    public Blob first() {
        for (Blob b : blobs) if (b != null) return b;
        throw new IllegalStateException("an empty track");
    }

    /** Median area over the frames where the subject is seen. */
    public double medianArea() {
        List<Integer> areas = new ArrayList<>();
        for (Blob b : blobs) if (b != null) areas.add(b.area());
        Collections.sort(areas);
        return areas.isEmpty() ? 0 : areas.get(areas.size() / 2);
    }
}
