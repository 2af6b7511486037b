package ai.gallop.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG files for single frames (javax.imageio: no timestamps or other varying chunks, so bytes are deterministic). */
public final class Png {
    static {
        // in memory, not through a temporary file: that file's clean-up registers a shutdown hook, which throws once the
        // JVM is stopping, and a stopped `gallop train` still draws its loss curve
        ImageIO.setUseCache(false);
    }

    private Png() {}

    /** @throws IOException "cannot write <file>: <reason>"; the file appears whole or not at all */
    public static void write(Path file, RgbFrame frame) throws IOException {
        AtomicFiles.write(file, encode(frame));
    }

    public static byte[] encode(RgbFrame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData(); // [h * w * 3] as B, G, R
        byte[] rgb = frame.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("this Java runtime has no PNG writer");
        } catch (IOException e) {
            throw new IllegalStateException("encoding a PNG in memory failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Reads any PNG (palette, grey, alpha dropped) as RGB. @throws IOException "cannot read <file>: <reason>" */
    public static RgbFrame read(Path file) throws IOException {
        return FileBytes.read(file, Png::decode);
    }

    public static RgbFrame decode(byte[] bytes) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IOException("not a readable image (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        if (image == null) throw new IOException("not a PNG or other image format Java can read");
        RgbFrame frame = RgbFrame.blank(image.getWidth(), image.getHeight());
        for (int y = 0; y < frame.height(); y++)
            for (int x = 0; x < frame.width(); x++) frame.set(x, y, image.getRGB(x, y) & 0xFFFFFF);
        return frame;
    }

    /** The frame with every pixel repeated factor x factor times: tiny frames made viewable without blur. */
    public static RgbFrame scaleUp(RgbFrame frame, int factor) {
        if (factor < 1 || factor > 64) throw new IllegalArgumentException("scale factor " + factor + " is out of range; allowed: 1 to 64");
        int w = frame.width() * factor;
        int h = frame.height() * factor;
        byte[] src = frame.rgb();
        byte[] dst = new byte[w * h * 3]; // [h][w][3]
        for (int y = 0; y < h; y++) {
            int srcRow = (y / factor) * frame.width() * 3;
            int dstRow = y * w * 3;
            for (int x = 0; x < w; x++) System.arraycopy(src, srcRow + (x / factor) * 3, dst, dstRow + x * 3, 3);
        }
        return new RgbFrame(w, h, dst);
    }
}
