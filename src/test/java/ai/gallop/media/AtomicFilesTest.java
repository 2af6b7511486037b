package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    private List<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void groupAppearsOnlyOnCommit() throws IOException {
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(dir.resolve("a.txt"), f -> Files.writeString(f, "A"));
            files.add(dir.resolve("b.txt"), f -> Files.writeString(f, "B"));
            assertThat(files()).noneMatch(name -> name.equals("a.txt") || name.equals("b.txt"));
            files.commit();
        }
        assertThat(files()).containsExactly("a.txt", "b.txt");
        assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("B");
        // the temporary file's owner-only permissions must not reach the published file
        assertThat(Files.getPosixFilePermissions(dir.resolve("a.txt"))).contains(PosixFilePermission.GROUP_READ);
    }

    @Test void failureOrMissingCommitLeavesNothingAndKeepsOldContent() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old");
        assertThatThrownBy(() -> {
            try (AtomicFiles files = new AtomicFiles()) {
                files.add(dir.resolve("a.txt"), f -> Files.writeString(f, "new"));
                files.add(dir.resolve("b.txt"), f -> { throw new IOException("disk on fire"); });
                files.commit();
            }
        }).isInstanceOf(IOException.class).hasMessage("cannot write " + dir.resolve("b.txt") + ": disk on fire");
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(dir.resolve("c.txt"), f -> Files.writeString(f, "never committed"));
        }
        assertThat(files()).containsExactly("a.txt");
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old");
    }

    @Test void nestedWriterFailureNamesTheRealTargetOnce() {
        // writers such as Mp4Writer are atomic themselves and name the temporary path they were handed
        Path target = dir.resolve("clip.mp4");
        assertThatThrownBy(() -> AtomicFiles.write(target, f -> { throw new IOException("cannot write " + f + ": encoder failed"); }))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write " + target + ": encoder failed");
    }
}
