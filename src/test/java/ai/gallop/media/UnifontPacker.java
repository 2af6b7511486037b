package ai.gallop.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Packs GNU Unifont's hex file into the resource {@link UnicodeFont} reads ({@code unifont.bin.gz}): per glyph of the
 * first plane, its code point (2 bytes, big-endian), its bitmap's byte count (16 for 8x16, 32 for 16x16) and the
 * bitmap, rows top to bottom, leftmost pixel in the highest bit. How the committed file was made (docs/generation.md):
 * <pre>
 * apt-get download unifont &amp;&amp; dpkg-deb -x unifont_*.deb x
 * java -cp "target/classes:target/test-classes" ai.gallop.media.UnifontPacker x/usr/share/unifont/unifont.hex \
 *     src/main/resources/ai/gallop/media/unifont.bin.gz
 * </pre>
 */
public final class UnifontPacker {
    private UnifontPacker() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: UnifontPacker UNIFONT_HEX OUT_BIN_GZ");
            System.exit(2);
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        int glyphs = 0;
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.US_ASCII)) {
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            int codePoint = Integer.parseInt(line.substring(0, colon), 16);
            if (codePoint > 0xFFFF) continue;
            byte[] bitmap = HexFormat.of().parseHex(line.substring(colon + 1).strip());
            if (bitmap.length != 16 && bitmap.length != 32) throw new IOException("glyph " + line.substring(0, colon) + " has " + bitmap.length + " bytes");
            packed.write(codePoint >> 8);
            packed.write(codePoint & 0xFF);
            packed.write(bitmap.length);
            packed.write(bitmap);
            glyphs++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();   // Java's gzip header has no time: same input, same bytes
        try (OutputStream z = new GZIPOutputStream(out)) { packed.writeTo(z); }
        byte[] gz = out.toByteArray();
        Files.write(Path.of(args[1]), gz);
        System.out.println(glyphs + " glyphs, " + packed.size() + " bytes, " + gz.length + " gzipped");
    }
}
