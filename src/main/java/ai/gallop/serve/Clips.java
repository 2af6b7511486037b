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
        Path file = null;
        try {
            file = Files.createTempFile("gallop-upload", ".mp4");  // FFmpeg reads files; the upload is already within the size limit
            Files.write(file, bytes);
            return Mp4Reader.read(file).video();
        } catch (IOException | RuntimeException e) {
            throw ApiError.invalid(param, param + " is not a readable MP4; allowed: an MP4 (H.264) such as gallop generate writes");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the system cleans up
                }
            }
        }
    }
}
