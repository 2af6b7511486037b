package ai.gallop.train;

import ai.gallop.Json;
import ai.gallop.media.AtomicFiles;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The training logs' format: one JSON object per line, appended as it happens. A run killed mid-write leaves a
 * torn last line, which reading skips; a resumed run first drops the lines of steps after its checkpoint, so
 * every step appears once.
 */
final class JsonLines {
    private JsonLines() {}

    static void append(Path file, Object row) throws IOException {
        String line = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(row) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every complete line as {@code type}; none when the file does not exist. */
    static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                rows.add(Json.MAPPER.readValue(line, type));
            } catch (IOException torn) {
                // only the last line can be torn: dropped
            }
        }
        return rows;
    }

    /** Keeps the complete lines whose "step" is at most {@code step}. */
    static void keepSteps(Path file, int step) throws IOException {
        if (!Files.exists(file)) return;
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                if (!line.isBlank() && Json.MAPPER.readTree(line).path("step").asInt(Integer.MAX_VALUE) <= step) kept.append(line).append('\n');
            } catch (IOException torn) {
                // only the last line can be torn: dropped
            }
        }
        AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    }
}
