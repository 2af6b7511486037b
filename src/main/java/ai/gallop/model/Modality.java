package ai.gallop.model;

/**
 * The four kinds of token in the one sequence, in the order they are laid out: text, reference
 * images, video, audio. A reference image and a video frame are the same kind of signal (pixels),
 * so they share the modality-specific layers' "picture" weights; each still has its own input
 * projection because their patches differ in size (an image patch has no time extent).
 */
public enum Modality {
    TEXT, IMAGE, VIDEO, AUDIO;

    /** Which weight set the modality-specific layers use for this modality's tokens. */
    public Stream stream() {
        return switch (this) {
            case TEXT -> Stream.TEXT;
            case IMAGE, VIDEO -> Stream.PICTURE;
            case AUDIO -> Stream.SOUND;
        };
    }

    /** The weight sets of a modality-specific layer, in sequence order. */
    public enum Stream {
        TEXT, PICTURE, SOUND;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
