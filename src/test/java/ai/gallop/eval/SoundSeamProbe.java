package ai.gallop.eval;

import ai.gallop.media.Mp4Reader;
import ai.gallop.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How much a clip's sound jumps at the seams of a model's 40 ms audio tokens: the mean absolute difference of two
 * neighbouring samples (16 kHz) where a seam falls between them, against the same inside a token, over the MP4s of each
 * folder given (an eval's videos folder, or {@code gallop world}'s output). World sound jumps no more at a seam than
 * anywhere else (ratio about 1); a model that predicts each token on its own leaves a step at every seam, a click
 * every 40 ms. Not a test; run by hand (docs/generation.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.SoundSeamProbe /tmp/ev-x/videos out/world
 * </pre>
 */
public final class SoundSeamProbe {
    private static final int RATE = ModelConfig.tiny().sampleRate(), SAMPLES_PER_TOKEN = ModelConfig.tiny().samplesPerAudioToken();

    private SoundSeamProbe() {}

    public static void main(String[] args) throws IOException {
        for (String folder : args) {
            List<Path> clips;
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                clips = files.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
            }
            double atSeams = 0, inside = 0;
            long seams = 0, pairs = 0;
            for (Path clip : clips) {
                float[] x = Mp4Reader.read(clip, RATE).video().sound().samples();
                for (int i = 1; i < x.length; i++) {
                    double jump = Math.abs(x[i] - x[i - 1]);
                    if (i % SAMPLES_PER_TOKEN == 0) {
                        atSeams += jump;
                        seams++;
                    } else {
                        inside += jump;
                        pairs++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d clips, mean jump at seams %.5f, inside tokens %.5f, ratio %.2f%n", folder, clips.size(),
                    atSeams / seams, inside / pairs, (atSeams / seams) / (inside / pairs));
        }
    }
}
