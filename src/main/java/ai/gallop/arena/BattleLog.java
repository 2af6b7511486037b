package ai.gallop.arena;

import ai.gallop.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Battles stored as JSON lines, one battle object per line, in the order they were cast. Appends are
 * made to survive a crash: each call writes all of its lines with one write on a file opened for
 * appending and forces them to disk before returning, so a vote that was acknowledged is never lost.
 * A crash in the middle of a write can at worst leave one torn last line; the next append starts on a
 * fresh line so that only the torn line is reported when the log is read.
 */
public final class BattleLog {
    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    /** Two objects on one line would otherwise silently lose the second. */
    private static final ObjectReader LINE_READER = Json.MAPPER.readerFor(Battle.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;

    public BattleLog(Path file) { this.file = file; }

    public Path file() { return file; }

    public void append(Battle battle) throws IOException { appendAll(List.of(battle)); }

    /** Appends the battles in order with one write and one fsync. */
    public void appendAll(Collection<Battle> battles) throws IOException {
        if (battles.isEmpty()) return;
        StringBuilder text = new StringBuilder();
        if (endsInsideALine()) text.append('\n');
        for (Battle b : battles) text.append(toLine(b)).append('\n');
        boolean created = !Files.exists(file);
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) out.write(bytes);
            out.force(true);
        }
        if (created) syncFolder();
    }

    /** Reads every battle; blank lines are skipped. A bad line fails the whole read, naming its number. */
    public List<Battle> readAll() throws IOException {
        List<Battle> battles = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) continue;
                try {
                    battles.add(parseLine(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return battles;
    }

    public static String toLine(Battle battle) {
        try {
            return LINE_WRITER.writeValueAsString(battle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise battle: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one JSON line; the message of a bad line says what is wrong with it on one line. */
    public static Battle parseLine(String line) {
        Battle battle;
        try {
            battle = LINE_READER.readValue(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
        if (battle == null) throw new IllegalArgumentException("null is not a battle; expected one JSON object per line");
        return battle;
    }

    /** A battle's own validation message when that is the cause, else Jackson's first line without its source excerpt. */
    private static String reason(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof IllegalArgumentException && t.getMessage() != null) return t.getMessage();
        String m = e.getOriginalMessage();
        return "not a valid battle: " + (m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m));
    }

    private boolean endsInsideALine() throws IOException {
        if (!Files.exists(file)) return false;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) return false;
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /** A new file's name lives in its folder, so the folder is synced too, or a crash could lose the file. */
    private void syncFolder() {
        Path folder = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms cannot open a folder as a channel; the data itself is already on disk
        }
    }
}
