package ai.gallop.media;

import java.util.ArrayList;
import java.util.List;

/**
 * A small visible mark in the bottom-right corner of every frame, so a generated clip says what it is wherever it
 * is shown: the text in {@link BitmapFont}, light on a one-pixel dark shadow so it reads on any background, at
 * one font pixel per 128 pixels of the shorter side (at least 1). Files also carry the mark as a metadata tag.
 */
public final class Watermark {
    public static final String TEXT = "AI";
    public static final int INK = 0xF0F0F0, SHADOW = 0x101010;
    static final int MARGIN = 2;

    private Watermark() {}

    /** The video with the mark drawn on a copy of every frame; the sound is kept. */
    public static Video apply(Video video, String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("the watermark text is empty; allowed: a few characters such as " + TEXT);
        int scale = Math.max(1, Math.min(video.width(), video.height()) / 128);
        int w = BitmapFont.width(text, scale), h = BitmapFont.height(scale);
        if (w + 2 * MARGIN + scale > video.width() || h + 2 * MARGIN + scale > video.height())
            throw new IllegalArgumentException("watermark '" + text + "' does not fit a " + video.width() + "x" + video.height()
                    + " frame; allowed: at most " + (video.width() - 2 * MARGIN - scale) / (BitmapFont.ADVANCE * scale) + " characters");
        int x = video.width() - MARGIN - scale - w, y = video.height() - MARGIN - scale - h;
        List<RgbFrame> marked = new ArrayList<>(video.frames().size());
        for (RgbFrame frame : video.frames()) {
            RgbFrame copy = frame.copy();
            BitmapFont.draw(copy, text, x + scale, y + scale, scale, SHADOW);
            BitmapFont.draw(copy, text, x, y, scale, INK);
            marked.add(copy);
        }
        return new Video(video.fps(), marked, video.sound());
    }
}
