package ai.gallop.train;

import ai.gallop.Json;
import ai.gallop.media.AtomicFiles;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * metrics.jsonl: one JSON object per step ({@link StepMetrics}). A run killed after its last checkpoint has
 * logged steps it will redo; opening the log for a resume drops those lines so every step appears once.
 */
public final class MetricsLog {
    public static final String FILE = "metrics.jsonl";

    private final Path file;

    /** Opens the log and keeps only lines of steps up to {@code resumedStep}. */
    public MetricsLog(Path file, int resumedStep) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            List<StepMetrics> kept = read(file).stream().filter(m -> m.step() <= resumedStep).toList();
            StringBuilder text = new StringBuilder();
            for (StepMetrics m : kept) text.append(line(m));
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    public Path file() { return file; }

    public void append(StepMetrics m) throws IOException {
        Files.writeString(file, line(m), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String line(StepMetrics m) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete line of a log; a torn last line (the process was killed mid-write) is skipped. */
    public static List<StepMetrics> read(Path file) throws IOException {
        List<StepMetrics> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                out.add(Json.MAPPER.readValue(line, StepMetrics.class));
            } catch (IOException torn) {
                // only the last line can be torn; anything after it is a later run's, which read() never mixes
            }
        }
        return out;
    }
}
