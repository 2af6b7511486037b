package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Mp4RoundTripTest {
    /**
     * 4:2:0 chroma subsampling alone would cap whole-RGB PSNR on these flat saturated clips at about 28 dB (64x64)
     * to 33 dB (256x144); the writer stores small clips at 2x (see Mp4Writer.storageScale) so RGB reaches 35 dB.
     */
    private static final double MIN_LUMA_PSNR = 35;
    private static final double MIN_RGB_PSNR = 35;

    @TempDir Path dir;

    static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("generator", "gallop 0.1.0 world");
        tags.put("model_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        tags.put("seed", "42");
        tags.put("prompt", "一只红色的球滚过草地 / 赤いボールが草の上を転がる / a red ball rolls, then thumps");
        return tags;
    }

    @ParameterizedTest(name = "{0}x{1} at {2} fps, {3} frames")
    @CsvSource({"64, 64, 8, 17", "112, 64, 24, 49", "256, 144, 24, 49"})
    void roundTripKeepsPictureSoundTimingAndTags(int width, int height, int fps, int frameCount) throws IOException {
        Video original = SyntheticClips.clip(width, height, fps, frameCount, 16000, 11);
        Path file = dir.resolve("clip.mp4");
        Mp4Writer.write(file, original, tags()); // warm-up: the first write also loads the native libraries
        long start = System.nanoTime();
        Mp4Writer.write(file, original, tags());
        double encodeMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        DecodedMedia decoded = Mp4Reader.read(file);
        double decodeMillis = (System.nanoTime() - start) / 1e6;
        MediaInfo info = decoded.info();
        Video video = decoded.video();

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.width()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(height);
        assertThat(info.frameCount()).isEqualTo(frameCount);
        assertThat(video.frames()).hasSize(frameCount);
        assertThat(info.fps()).isEqualTo(fps);
        assertThat(video.fps()).isEqualTo(fps);
        assertThat(info.durationSeconds()).isCloseTo(original.seconds(), within(1.0 / fps));
        assertThat(info.sampleRate()).isEqualTo(16000);
        assertThat(info.audioChannels()).isEqualTo(1);
        assertThat(info.tags()).containsAllEntriesOf(tags()).containsEntry(Mp4Writer.PIXEL_SCALE_TAG, "2");

        double minLuma = Double.MAX_VALUE;
        double minRgb = Double.MAX_VALUE;
        double sumRgb = 0;
        for (int k = 0; k < frameCount; k++) {
            RgbFrame a = original.frames().get(k);
            RgbFrame b = video.frames().get(k);
            minLuma = Math.min(minLuma, SyntheticClips.lumaPsnr(a, b));
            double rgb = SyntheticClips.psnr(a, b);
            minRgb = Math.min(minRgb, rgb);
            sumRgb += rgb;
        }
        float[] sent = original.sound().samples();
        float[] received = video.sound().samples();
        int lag = SyntheticClips.bestLag(sent, received, 400);
        double correlation = SyntheticClips.correlation(sent, received, 0);
        System.out.printf(Locale.ROOT, "mp4 %dx%d %dfps %d frames: %d bytes, encode %.1f ms, decode %.1f ms, luma PSNR min %.2f dB,"
                        + " RGB PSNR min %.2f mean %.2f dB, sound correlation %.4f, lag %d samples, %d/%d samples%n",
                width, height, fps, frameCount, Files.size(file), encodeMillis, decodeMillis, minLuma, minRgb, sumRgb / frameCount,
                correlation, lag, received.length, sent.length);

        assertThat(minLuma).isGreaterThanOrEqualTo(MIN_LUMA_PSNR);
        assertThat(minRgb).isGreaterThanOrEqualTo(MIN_RGB_PSNR);
        assertThat(video.sound().sampleRate()).isEqualTo(16000);
        assertThat(received.length).isEqualTo(sent.length);
        assertThat(correlation).isGreaterThanOrEqualTo(0.95);
        assertThat(Math.abs(lag)).isLessThanOrEqualTo(16); // 1 ms at 16 kHz
        assertThat(topLevelAtoms(file)).containsSubsequence("ftyp", "moov", "mdat");
    }

    @Test void soundKeepsItsSampleRateAndLinesUpAt48kHz() throws IOException {
        Video original = new Video(24, SyntheticClips.frames(64, 64, 12, 3),
                SyntheticClips.sound(0.5, 48000, new double[] {0.1, 0.3}, 3));
        Path file = dir.resolve("48k.mp4");
        Mp4Writer.write(file, original, Map.of());
        Sound sound = Mp4Reader.read(file).video().sound();
        assertThat(sound.sampleRate()).isEqualTo(48000);
        assertThat(sound.samples().length).isEqualTo(original.sound().samples().length);
        assertThat(SyntheticClips.correlation(original.sound().samples(), sound.samples(), 0)).isGreaterThanOrEqualTo(0.95);
        assertThat(Math.abs(SyntheticClips.bestLag(original.sound().samples(), sound.samples(), 400))).isLessThanOrEqualTo(48);
    }

    @Test void silentVideoReadsBackWithNullSound() throws IOException {
        Video original = new Video(8, SyntheticClips.frames(64, 64, 9, 5), null);
        Path file = dir.resolve("silent.mp4");
        Mp4Writer.write(file, original, Map.of("seed", "5"));
        DecodedMedia decoded = Mp4Reader.read(file);
        assertThat(decoded.video().sound()).isNull();
        assertThat(decoded.info().hasSound()).isFalse();
        assertThat(decoded.info().audioCodec()).isNull();
        assertThat(decoded.info().sampleRate()).isZero();
        assertThat(decoded.video().frames()).hasSize(9);
        assertThat(decoded.info().tags()).containsEntry("seed", "5");
    }

    @Test void sameInputGivesIdenticalBytes() throws IOException {
        Video clip = SyntheticClips.clip(64, 64, 8, 9, 16000, 2);
        Path first = dir.resolve("a.mp4");
        Path second = dir.resolve("b.mp4");
        Mp4Writer.write(first, clip, tags());
        Mp4Writer.write(second, clip, tags());
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("a.mp4", "b.mp4");
        }
    }

    @Test void framesOfPerPixelNoiseAreStillWritten() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<RgbFrame> frames = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            RgbFrame frame = RgbFrame.blank(64, 64);
            for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) frame.set(x, y, random.nextInt(0x1000000));
            frames.add(frame);
        }
        Path file = dir.resolve("noise.mp4");
        Mp4Writer.write(file, new Video(8, frames, null), Map.of());  // openh264 fails these at the first quantiser floor
        List<RgbFrame> decoded = Mp4Reader.read(file).video().frames();
        assertThat(decoded).hasSize(9);
        // coarse but the same picture: noise against other noise would score about 8 dB
        for (int k = 0; k < 9; k++) assertThat(SyntheticClips.psnr(frames.get(k), decoded.get(k))).isGreaterThan(14);
    }

    @Test void writingReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("clip.mp4");
        Files.writeString(file, "old content");
        Mp4Writer.write(file, new Video(8, SyntheticClips.frames(32, 32, 3, 1), null), Map.of());
        assertThat(Mp4Reader.read(file).video().frames()).hasSize(3);
    }

    /** The four-letter types of the file's top-level boxes, in file order. */
    static List<String> topLevelAtoms(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> atoms = new ArrayList<>();
        long at = 0;
        while (at + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(in.getInt((int) at));
            atoms.add(new String(bytes, (int) at + 4, 4, StandardCharsets.US_ASCII));
            if (size == 1) size = in.getLong((int) at + 8); // 64-bit size follows the type
            if (size < 8) break;
            at += size;
        }
        return atoms;
    }
}
