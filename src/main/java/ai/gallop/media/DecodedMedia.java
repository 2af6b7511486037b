package ai.gallop.media;

/** A media file decoded into frames and sound, with what the file said about itself. */
public record DecodedMedia(Video video, MediaInfo info) {}
