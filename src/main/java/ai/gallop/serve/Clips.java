package ai.gallop.serve;

import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Uploaded clips: an MP4 in a data URL, decoded the way gallop generate reads one from a file. */
final class Clips {
    static final String EXAMPLE = "data:video/mp4;base64,...";

    private Clips() {}

    /** The clip in an uploaded MP4's bytes; a 400 naming {@code param} when they are not one. */
    static Video decode(String param, byte[] bytes) {
        if (bytes.length == 0) throw ApiError.invalid(param, param + " is an empty file; allowed: an MP4 such as gallop generate writes");
        try {
            return read(bytes);
        } catch (IOException | RuntimeException e) {
            throw ApiError.invalid(param, param + " is not a readable MP4; allowed: an MP4 (H.264) such as gallop generate writes");
        }
    }

    /** The clip in an MP4's bytes, through a temporary file (FFmpeg reads files), which is gone when this returns. */
    static Video read(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("gallop-clip", ".mp4");
        try {
            Files.write(file, bytes);
            return Mp4Reader.read(file).video();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
