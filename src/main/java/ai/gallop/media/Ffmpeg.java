package ai.gallop.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/** Shared plumbing for the raw FFmpeg calls: return-code checks and UTF-8 strings. */
final class Ffmpeg {
    static {
        // FFmpeg and openh264 chat on stderr at every call; failures reach the caller as exceptions instead.
        av_log_set_level(AV_LOG_FATAL);
    }

    private Ffmpeg() {}

    /** Loads the libraries and quiets their logging; call before any other FFmpeg function. */
    static void init() {}

    /** Returns {@code code} when it is not an error; otherwise throws "{@code action} failed: reason". */
    static int check(int code, String action) throws IOException {
        if (code < 0) throw new IOException(action + " failed: " + describe(code));
        return code;
    }

    static String describe(int code) {
        byte[] text = new byte[256];
        if (av_strerror(code, text, text.length) < 0) return "error " + code;
        int end = 0;
        while (end < text.length && text[end] != 0) end++;
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }

    /** A native UTF-8 copy of {@code text}; JavaCPP's own String conversion depends on platform settings. */
    static BytePointer utf8(String text) {
        return new BytePointer(text, StandardCharsets.UTF_8);
    }

    static String string(BytePointer text) {
        return text == null || text.isNull() ? null : text.getString(StandardCharsets.UTF_8);
    }
}
