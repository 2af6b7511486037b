package ai.gallop;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/architecture.md true: each package imports only the packages it may depend on. */
class ArchitectureTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "media", Set.of(),
            "world", Set.of("media"),
            "arena", Set.of(),
            "model", Set.of("media", "world"),
            "diffusion", Set.of("model", "media", "world"),
            "eval", Set.of("world", "media", "arena"),
            "train", Set.of("model", "diffusion", "world", "media", "eval"),
            "pipeline", Set.of("model", "diffusion", "world", "media"),
            "serve", Set.of("pipeline", "arena", "eval", "media", "world"),
            "cli", Set.of("world", "media", "model", "diffusion", "train", "eval", "arena", "pipeline", "serve"));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?ai\\.gallop\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test void packagesDependOnlyOnWhatTheArchitectureAllows() throws IOException {
        Path root = Path.of("src/main/java/ai/gallop");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                if (relative.getNameCount() < 2) continue; // Json and Version sit above the packages
                String pkg = relative.getName(0).toString();
                assertThat(ALLOWED).as("package %s is not in docs/architecture.md", pkg).containsKey(pkg);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) violations.add(relative + " imports " + used);
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
