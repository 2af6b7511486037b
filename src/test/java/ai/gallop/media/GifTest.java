package ai.gallop.media;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GifTest {
    /** A GIF's frames read back with their delays (hundredths of a second), and whether it loops. */
    record Decoded(List<BufferedImage> frames, List<Integer> delays, boolean loops) {}

    static Decoded decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            for (int i = 0; i < reader.getNumImages(true); i++) {
                frames.add(reader.read(i));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                delays.add(Integer.parseInt(((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0)).getAttribute("delayTime")));
                Node app = root.getElementsByTagName("ApplicationExtension").item(0);
                if (app != null && "NETSCAPE".equals(((IIOMetadataNode) app).getAttribute("applicationID"))) loops = true;
            }
            return new Decoded(frames, delays, loops);
        } finally {
            reader.dispose();
        }
    }

    @Test void aClipBecomesALoopingGifOfItsFramesScaledUpWithTheClipsTiming() throws IOException {
        Video clip = SyntheticClips.clip(64, 48, 8, 17, 16000, 3);
        byte[] gif = Gif.encode(clip);
        Decoded back = decode(gif);
        assertThat(back.frames()).hasSize(17);
        assertThat(back.frames().getFirst().getWidth()).isEqualTo(256);
        assertThat(back.frames().getFirst().getHeight()).isEqualTo(192);
        assertThat(back.delays().stream().mapToInt(Integer::intValue).sum()).as("17 frames at 8 fps: 2.125 s").isEqualTo(213);
        assertThat(back.delays()).containsOnly(12, 13);
        assertThat(back.loops()).isTrue();
        for (int f = 0; f < 17; f += 8) {
            RgbFrame source = clip.frames().get(f);
            BufferedImage shown = back.frames().get(f);
            double error = 0;
            for (int y = 0; y < source.height(); y++)
                for (int x = 0; x < source.width(); x++) {
                    int a = source.get(x, y), b = shown.getRGB(4 * x + 3, 4 * y + 3);  // a block's last pixel: the scale is whole
                    for (int shift = 0; shift <= 16; shift += 8) error += Math.abs((a >> shift & 255) - (b >> shift & 255));
                    assertThat(shown.getRGB(4 * x, 4 * y)).isEqualTo(b);
                }
            assertThat(error).as("frame %d: the synthetic clips hold fewer than 256 colours, so they come back exact", f).isZero();
        }
        assertThat(Gif.encode(clip)).as("the same clip, the same bytes").isEqualTo(gif);
        assertThat(Gif.encode(SyntheticClips.clip(64, 48, 8, 17, 16000, 4))).isNotEqualTo(gif);
    }

    @Test void aFrameOfThousandsOfColoursKeepsTwoHundredAndFiftySixWithinAFewLevels() throws IOException {
        RgbFrame gradient = RgbFrame.blank(64, 64);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) gradient.set(x, y, (x * 4) << 16 | (y * 4) << 8 | 128);
        BufferedImage shown = decode(Gif.encode(new Video(8, List.of(gradient, gradient), null))).frames().getFirst();
        double error = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) {
                int a = gradient.get(x, y), b = shown.getRGB(4 * x, 4 * y) & 0xFFFFFF;
                colours.add(b);
                for (int shift = 0; shift <= 16; shift += 8) error += Math.abs((a >> shift & 255) - (b >> shift & 255));
            }
        assertThat(colours.size()).isLessThanOrEqualTo(256);
        assertThat(error / (3.0 * 64 * 64)).as("mean error per channel, of 255").isLessThan(4);  // 2.7 measured
    }

    @Test void largeClipsKeepTheirSizeAndTheDelaysAddUpAtEveryRate() {
        assertThat(Gif.scale(64, 64)).isEqualTo(4);
        assertThat(Gif.scale(112, 64)).isEqualTo(3);
        assertThat(Gif.scale(256, 144)).isEqualTo(1);
        assertThat(Gif.scale(320, 320)).isEqualTo(1);
        for (int fps = 8; fps <= 24; fps++) {
            int total = 0;
            for (int i = 0; i < 10 * fps; i++) total += Gif.delay(i, fps);
            assertThat(total).as("%d fps for 10 s", fps).isEqualTo(1000);
        }
    }
}
