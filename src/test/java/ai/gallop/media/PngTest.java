package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    @TempDir Path dir;

    private static RgbFrame noise(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        new SplittableRandom(8).nextBytes(rgb);
        return new RgbFrame(width, height, rgb);
    }

    @Test void roundTripIsExactAndBytesAreDeterministic() throws IOException {
        RgbFrame frame = noise(37, 21);
        Path file = dir.resolve("frame.png");
        Png.write(file, frame);
        assertThat(Png.read(file)).isEqualTo(frame);
        assertThat(Png.encode(frame)).isEqualTo(Files.readAllBytes(file));
        assertThat(Png.encode(SyntheticClips.frames(64, 64, 1, 3).getFirst())).isEqualTo(Png.encode(SyntheticClips.frames(64, 64, 1, 3).getFirst()));
    }

    @Test void scaleUpRepeatsEachPixel() {
        RgbFrame frame = noise(3, 2);
        RgbFrame big = Png.scaleUp(frame, 4);
        assertThat(big.width()).isEqualTo(12);
        assertThat(big.height()).isEqualTo(8);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 12; x++) assertThat(big.get(x, y)).isEqualTo(frame.get(x / 4, y / 4));
        assertThat(Png.scaleUp(frame, 1)).isEqualTo(frame);
        assertThatThrownBy(() -> Png.scaleUp(frame, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale factor 0 is out of range; allowed: 1 to 64");
    }

    @Test void nonImageIsRefusedWithOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("text.png"), "not an image");
        assertThatThrownBy(() -> Png.read(text))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read " + text + ": not a PNG or other image format Java can read");
        Path target = dir.resolve("missing-folder").resolve("a.png");
        assertThatThrownBy(() -> Png.write(target, noise(2, 2)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target + ": folder");
    }
}
