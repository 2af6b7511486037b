package ai.gallop.world;

import ai.gallop.media.DecodedMedia;
import ai.gallop.media.MediaInfo;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The world's own renders survive the MP4 round trip: what training and evaluation read is what was rendered. */
class WorldMp4RoundTripTest {
    @TempDir Path dir;

    @Test void rendersSurviveH264AndAac() throws IOException {
        World world = new World();
        List<VideoFormat> formats = List.of(VideoFormat.DEFAULT, new VideoFormat(112, 64, 24, 49),
                new VideoFormat(36, 64, 12, 25), new VideoFormat(256, 192, 8, 17));
        int clip = 0;
        for (VideoFormat format : formats) {
            for (long seed = 0; seed < 3; seed++, clip++) {
                RenderedClip rendered = world.render(world.sample(1000 + 17 * seed + clip, format));
                Path file = dir.resolve("clip-" + clip + ".mp4");
                Mp4Writer.write(file, rendered.video(), Map.of("seed", Long.toString(seed)));
                DecodedMedia decoded = Mp4Reader.read(file);
                MediaInfo info = decoded.info();

                assertThat(info.videoCodec()).isEqualTo("h264");
                assertThat(info.pixelFormat()).isEqualTo("yuv420p");
                assertThat(info.audioCodec()).isEqualTo("aac");
                assertThat(info.frameCount()).isEqualTo(format.frames());
                assertThat(info.width()).isEqualTo(format.width());
                assertThat(info.height()).isEqualTo(format.height());
                assertThat(info.durationSeconds()).isCloseTo(format.playSeconds(), within(1.0 / format.fps()));

                double worst = Double.MAX_VALUE;
                for (int k = 0; k < format.frames(); k++)
                    worst = Math.min(worst, psnr(rendered.video().frames().get(k), decoded.video().frames().get(k)));
                double correlation = correlation(rendered.video().sound().samples(), decoded.video().sound().samples());
                System.out.printf(Locale.ROOT, "world mp4 %dx%d %d fps %d frames: worst PSNR %.2f dB, sound correlation %.4f%n",
                        format.width(), format.height(), format.fps(), format.frames(), worst, correlation);
                assertThat(worst).as("worst frame PSNR").isGreaterThanOrEqualTo(35);
                assertThat(correlation).as("sound correlation").isGreaterThanOrEqualTo(0.95);
            }
        }
    }

    static double psnr(RgbFrame a, RgbFrame b) {
        byte[] x = a.rgb(), y = b.rgb();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 255) - (y[i] & 255);
            sum += d * d;
        }
        double mse = sum / x.length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    static double correlation(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb + 1e-20);
    }
}
