package ai.gallop.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a whole small file and decodes it, naming the file in every error. */
final class FileBytes {
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws IOException;
    }

    private FileBytes() {}

    /** @throws IOException "cannot read <file>: <reason>" when the file is missing or does not decode */
    static <T> T read(Path file, Decoder<T> decoder) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file.toAbsolutePath() + ": " + AtomicFiles.reason(e), e);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new IOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
