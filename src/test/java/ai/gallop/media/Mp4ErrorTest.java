package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4ErrorTest {
    @TempDir Path dir;

    private static final Video SMALL = new Video(8, SyntheticClips.frames(32, 32, 4, 1), SyntheticClips.sound(0.5, 16000, new double[] {0.2}, 1));

    private List<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void missingFolderGivesOneLineErrorAndNoFile() {
        Path target = dir.resolve("no-such-folder").resolve("clip.mp4");
        assertThatThrownBy(() -> Mp4Writer.write(target, SMALL, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target)
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.exists(dir.resolve("no-such-folder"))).isFalse();
    }

    @Test void folderThatIsAFileGivesOneLineError() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = notAFolder.resolve("clip.mp4");
        assertThatThrownBy(() -> Mp4Writer.write(target, SMALL, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write " + target + ": folder " + notAFolder + " is not a folder");
        assertThat(files()).containsExactly("plain.txt");
    }

    @Test void unwritableFolderGivesOneLineErrorAndNoTemporaryFile() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permissions do not stop writes");
            Path target = locked.resolve("clip.mp4");
            assertThatThrownBy(() -> Mp4Writer.write(target, SMALL, Map.of()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot write " + target + ": permission denied")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            try (var list = Files.list(locked)) {
                assertThat(list.toList()).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test void interruptedWriteLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("clip.mp4");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Mp4Writer.write(target, SMALL, Map.of()))
                    .isInstanceOf(InterruptedIOException.class)
                    .hasMessage("cannot write " + target + ": interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(files()).isEmpty();
    }

    @Test void textFileNamedMp4GivesOneLineError() throws IOException {
        Path fake = Files.writeString(dir.resolve("fake.mp4"), "this is not a video, just some text\n".repeat(20));
        assertThatThrownBy(() -> Mp4Reader.read(fake))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read " + fake + ": not a media file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test void soundOnlyFileGivesOneLineError() throws IOException {
        Path wav = dir.resolve("sound.wav");
        Wav.write(wav, SMALL.sound());
        assertThatThrownBy(() -> Mp4Reader.read(wav))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read " + wav + ": the file has no video stream");
    }

    @Test void missingFileGivesOneLineError() {
        Path missing = dir.resolve("missing.mp4");
        assertThatThrownBy(() -> Mp4Reader.read(missing))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read " + missing + ": no such file");
    }

    @Test void fileWithoutItsMediaDataGivesOneLineError() throws IOException {
        Path whole = dir.resolve("whole.mp4");
        Mp4Writer.write(whole, SMALL, Map.of());
        byte[] bytes = Files.readAllBytes(whole);
        // faststart puts moov first: keep ftyp + moov, drop mdat, leaving an index that points at no frames
        int moovEnd = 0;
        for (String atom : Mp4RoundTripTest.topLevelAtoms(whole)) {
            moovEnd += ByteBuffer.wrap(bytes, moovEnd, 4).getInt();
            if (atom.equals("moov")) break;
        }
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, moovEnd));
        assertThatThrownBy(() -> Mp4Reader.read(truncated))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read " + truncated + ": the video stream has no frames");
    }

    @Test void oddOrTinyFrameSizeIsRejected() {
        Video odd = new Video(8, List.of(RgbFrame.blank(63, 64)), null);
        assertThatThrownBy(() -> Mp4Writer.write(dir.resolve("odd.mp4"), odd, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame size 63x64 cannot be stored as yuv420p H.264; allowed: even sides from 16 to 4096");
        Video tiny = new Video(8, List.of(RgbFrame.blank(8, 8)), null);
        assertThatThrownBy(() -> Mp4Writer.write(dir.resolve("tiny.mp4"), tiny, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test void framesOfDifferentSizesAreRejected() {
        assertThatThrownBy(() -> new Video(8, List.of(RgbFrame.blank(32, 32), RgbFrame.blank(64, 32)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frames differ in size: 32x32 and 64x32");
    }

    @Test void soundThatAacCannotCarryIsRejected() throws IOException {
        Video oddRate = new Video(8, SMALL.frames(), new Sound(new float[800], 12345));
        assertThatThrownBy(() -> Mp4Writer.write(dir.resolve("a.mp4"), oddRate, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sample rate 12345 Hz cannot be stored as AAC; allowed: [7350, 8000");
        Video empty = new Video(8, SMALL.frames(), new Sound(new float[0], 16000));
        assertThatThrownBy(() -> Mp4Writer.write(dir.resolve("b.mp4"), empty, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no samples");
        assertThat(files()).isEmpty();
    }
}
