package ai.gallop.model;

/**
 * The kinds of token in the one sequence, in the order they are laid out: text, reference images, the
 * clip an edit starts from, video, audio. A reference image, a source frame and a video frame are the
 * same kind of signal (pixels), so they share the modality-specific layers' "picture" weights; an image
 * still has its own input projection because its patches differ in size (no time extent), while a source
 * clip's patches are video patches and go through the video's.
 */
public enum Modality {
    TEXT, IMAGE, SOURCE, VIDEO, AUDIO;

    /** Which weight set the modality-specific layers use for this modality's tokens. */
    public Stream stream() {
        return switch (this) {
            case TEXT -> Stream.TEXT;
            case IMAGE, SOURCE, VIDEO -> Stream.PICTURE;
            case AUDIO -> Stream.SOUND;
        };
    }

    /** The weight sets of a modality-specific layer, in sequence order. */
    public enum Stream {
        TEXT, PICTURE, SOUND;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
