package ai.gallop.eval;

import ai.gallop.Json;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.Vocabulary;
import ai.gallop.world.Vocabulary.Language;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named prompt suite: JSON lines under {@code ai/gallop/eval/suites/NAME.jsonl} on the classpath,
 * one {@link Entry} per line. Each entry keeps the spec its prompt was written from, so the evaluator
 * knows the ground truth of every prompt and renders the first frame of image-to-video entries.
 */
public final class PromptSuite {
    /** The suites shipped with Gallop; see docs/suites.md for how each is built. */
    public static final List<String> NAMES = List.of("dev", "compositional", "paraphrase");

    static final String FOLDER = "ai/gallop/eval/suites/";

    public enum Task { T2V, I2V }

    /**
     * One prompt. {@code seed} is the generation seed to use for it; {@code spec} is what the prompt
     * describes (for i2v, the first frame is rendered from it).
     */
    public record Entry(String id, Task task, Language language, String prompt, long seed, SceneSpec spec) {
        public Entry {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("entry without an id; allowed: a non-empty id such as dev-0001");
            if (task == null) throw new IllegalArgumentException("entry " + id + " has no task; allowed: t2v, i2v");
            if (language == null) throw new IllegalArgumentException("entry " + id + " has no language; allowed: " + Vocabulary.allowed(Language.class));
            if (prompt == null || prompt.isBlank()) throw new IllegalArgumentException("entry " + id + " has an empty prompt");
            if (spec == null) throw new IllegalArgumentException("entry " + id + " has no spec; allowed: a SceneSpec object");
        }
    }

    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writerFor(Entry.class).without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader LINE_READER = Json.MAPPER.readerFor(Entry.class);

    private final String name;
    private final List<Entry> entries;

    private PromptSuite(String name, List<Entry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
    }

    public String name() { return name; }

    public List<Entry> entries() { return entries; }

    /** Loads a shipped suite by name; an unknown name is an IllegalArgumentException listing the suites. */
    public static PromptSuite load(String name) {
        if (!NAMES.contains(name))
            throw new IllegalArgumentException("unknown prompt suite '" + name + "'; allowed: " + String.join(", ", NAMES));
        return parse(name, resourceText(name));
    }

    /** The exact text of a shipped suite file. */
    static String resourceText(String name) {
        try (InputStream in = PromptSuite.class.getClassLoader().getResourceAsStream(FOLDER + name + ".jsonl")) {
            if (in == null) throw new IllegalStateException("prompt suite '" + name + "' is missing from the classpath at " + FOLDER);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt suite '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Reads JSON lines (blank lines skipped); a bad line or a repeated id names its line number. */
    public static PromptSuite parse(String name, String jsonLines) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = jsonLines.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            Entry entry;
            try {
                entry = LINE_READER.readValue(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("prompt suite '" + name + "' line " + (i + 1) + ": " + oneLine(e), e);
            }
            if (!ids.add(entry.id()))
                throw new IllegalArgumentException("prompt suite '" + name + "' line " + (i + 1) + ": id " + entry.id() + " is used twice; allowed: unique ids");
            entries.add(entry);
        }
        return new PromptSuite(name, entries);
    }

    /** The file text for entries: one compact JSON object per line, fields in {@link Entry} order. */
    public static String toJsonLines(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            try {
                out.append(LINE_WRITER.writeValueAsString(e)).append('\n');
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("cannot serialise prompt suite entry " + e.id() + ": " + ex.getOriginalMessage(), ex);
            }
        }
        return out.toString();
    }

    private static String oneLine(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof RuntimeException && root.getMessage() != null) return root.getMessage();
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
