package ai.gallop.media;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A clip as a looping animated GIF, without its sound: what a README, an issue or a chat shows inline where an MP4 does
 * not play. Frames are scaled up by whole pixels (nearest neighbour, so no new colours) until the longer side is at
 * least {@link #MIN_LONG_SIDE}, and each is reduced to the 256 colours GIF holds by the JDK's own palette builder.
 */
public final class Gif {
    /** A 64x64 clip is shown at 256x256: a small clip's pixels stay visible as blocks instead of a thumbnail. */
    public static final int MIN_LONG_SIDE = 256;

    private Gif() {}

    public static void write(Path file, Video clip) throws IOException {
        Files.write(file, encode(clip));
    }

    public static byte[] encode(Video clip) throws IOException {
        int scale = scale(clip.width(), clip.height());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < clip.frames().size(); i++) {
                BufferedImage image = image(clip.frames().get(i), scale);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                control.setAttribute("delayTime", Integer.toString(delay(i, clip.fps())));
                control.setAttribute("disposalMethod", "none");
                if (i == 0) root.appendChild(loopForever());
                metadata.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(image, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The whole-pixel factor that brings the longer side to at least {@link #MIN_LONG_SIDE} (1 for larger clips). */
    static int scale(int width, int height) {
        return Math.max(1, -Math.floorDiv(-MIN_LONG_SIDE, Math.max(width, height)));
    }

    /**
     * Frame i's display time in hundredths of a second, GIF's unit: rounded so the times add up to the clip's length
     * (8 fps alternates 12 and 13) instead of drifting by a rounding each frame.
     */
    static int delay(int i, int fps) {
        return (int) (Math.round((i + 1) * 100.0 / fps) - Math.round(i * 100.0 / fps));
    }

    private static BufferedImage image(RgbFrame frame, int scale) {
        int width = frame.width() * scale;
        BufferedImage image = new BufferedImage(width, frame.height() * scale, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < width; x++) row[x] = frame.get(x / scale, y / scale);
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** Netscape's application extension with a loop count of 0: players repeat the clip. */
    private static IIOMetadataNode loopForever() {
        IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
        IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
        netscape.setAttribute("applicationID", "NETSCAPE");
        netscape.setAttribute("authenticationCode", "2.0");
        netscape.setUserObject(new byte[]{1, 0, 0});
        extensions.appendChild(netscape);
        return extensions;
    }
}
