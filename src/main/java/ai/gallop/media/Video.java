package ai.gallop.media;

import java.util.List;

/**
 * Frames at a constant frame rate with an optional sound track (null when silent). Frame k is shown
 * from k / fps to (k + 1) / fps seconds; the sound starts at time 0.
 */
public record Video(int fps, List<RgbFrame> frames, Sound sound) {
    public Video {
        if (fps <= 0) throw new IllegalArgumentException("fps " + fps + " must be positive");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("a video needs at least one frame");
        RgbFrame first = frames.getFirst();
        for (RgbFrame f : frames)
            if (f.width() != first.width() || f.height() != first.height())
                throw new IllegalArgumentException("frames differ in size: " + first.width() + "x" + first.height()
                        + " and " + f.width() + "x" + f.height());
    }

    public int width() { return frames.getFirst().width(); }

    public int height() { return frames.getFirst().height(); }

    public double seconds() { return frames.size() / (double) fps; }

    public boolean hasSound() { return sound != null; }
}
