package ai.gallop.serve;

import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;

/** Input images from callers: size limits checked before decoding, then scaled to the requested video size. */
final class Images {
    /** Larger pictures are refused before decoding, so a small compressed file cannot expand into gigabytes. */
    static final int MAX_PIXELS_PER_SIDE = 4096;

    private Images() {}

    /** Decodes a "data:image/...;base64,..." URL; remote URLs are refused (the server fetches nothing). */
    static byte[] fromDataUrl(String param, String url, long maxBytes) {
        return fromDataUrl(param, url, maxBytes, "data:image/png;base64,...");
    }

    /** Decodes a base64 data URL such as {@code example}; remote URLs are refused (the server fetches nothing). */
    static byte[] fromDataUrl(String param, String url, long maxBytes, String example) {
        if (url == null || url.isBlank()) throw ApiError.invalid(param, param + " is empty; allowed: a " + example + " URL");
        if (!url.startsWith("data:"))
            throw ApiError.invalid(param, param + " is not a data URL; allowed: " + example + " (the server does not fetch remote URLs)");
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).endsWith(";base64"))
            throw ApiError.invalid(param, param + " is not a base64 data URL; allowed: " + example);
        if ((url.length() - comma - 1) / 4L * 3 > maxBytes)
            throw new ApiError(413, "request_too_large", param, param + " is larger than " + maxBytes + " bytes; allowed: at most " + maxBytes + " bytes");
        try {
            return Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(param, param + " is not valid base64; allowed: " + example);
        }
    }

    /** Decodes PNG, JPEG, GIF or BMP bytes and scales them to width x height (bilinear). */
    static RgbFrame decode(String param, byte[] bytes, int width, int height) {
        if (bytes.length == 0) throw ApiError.invalid(param, param + " is an empty file; allowed: a PNG, JPEG, GIF or BMP image");
        checkDimensions(param, bytes);
        RgbFrame frame;
        try {
            frame = Png.decode(bytes);
        } catch (IOException e) {
            throw ApiError.invalid(param, param + " is " + e.getMessage() + "; allowed: a PNG, JPEG, GIF or BMP image");
        }
        return scale(frame, width, height);
    }

    private static void checkDimensions(String param, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw ApiError.invalid(param, param + " is not an image Java can read; allowed: a PNG, JPEG, GIF or BMP image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w > MAX_PIXELS_PER_SIDE || h > MAX_PIXELS_PER_SIDE)
                    throw ApiError.invalid(param, param + " is " + w + "x" + h + " pixels; allowed: at most "
                            + MAX_PIXELS_PER_SIDE + " pixels per side");
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw ApiError.invalid(param, param + " has an unreadable header; allowed: a PNG, JPEG, GIF or BMP image");
        }
    }

    /** Bilinear resampling; the first frame must match the video's size exactly. */
    static RgbFrame scale(RgbFrame src, int width, int height) {
        if (src.width() == width && src.height() == height) return src;
        RgbFrame dst = RgbFrame.blank(width, height);
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, (y + 0.5) * src.height() / height - 0.5);
            int y0 = Math.min((int) sy, src.height() - 1), y1 = Math.min(y0 + 1, src.height() - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, (x + 0.5) * src.width() / width - 0.5);
                int x0 = Math.min((int) sx, src.width() - 1), x1 = Math.min(x0 + 1, src.width() - 1);
                double fx = sx - x0;
                int packed = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double top = (1 - fx) * channel(src, x0, y0, shift) + fx * channel(src, x1, y0, shift);
                    double bottom = (1 - fx) * channel(src, x0, y1, shift) + fx * channel(src, x1, y1, shift);
                    packed |= (int) Math.round((1 - fy) * top + fy * bottom) << shift;
                }
                dst.set(x, y, packed);
            }
        }
        return dst;
    }

    private static int channel(RgbFrame f, int x, int y, int shift) { return (f.get(x, y) >> shift) & 255; }
}
