package ai.gallop.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Mp4ResampleTest {
    @Test
    void theSoundComesBackAtTheAskedRateWithItsPitch(@TempDir Path dir) throws Exception {
        int rate = 48000, seconds = 2;
        float[] tone = new float[rate * seconds];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        Video video = new Video(8, SyntheticClips.frames(32, 32, 8 * seconds, 1), new Sound(tone, rate));
        Path file = dir.resolve("tone.mp4");
        Mp4Writer.write(file, video, Map.of());

        DecodedMedia resampled = Mp4Reader.read(file, 16000);
        Sound sound = resampled.video().sound();
        assertThat(sound.sampleRate()).isEqualTo(16000);
        assertThat(resampled.info().sampleRate()).as("the info keeps the file's rate").isEqualTo(rate);
        assertThat(sound.samples().length).isCloseTo(16000 * seconds, org.assertj.core.data.Offset.offset(400));
        int crossings = 0;
        float[] s = sound.samples();
        for (int i = 1600; i < 16000 + 1600; i++) if ((s[i - 1] < 0) != (s[i] < 0)) crossings++;
        assertThat(crossings).as("a 1 kHz tone crosses zero 2,000 times a second").isCloseTo(2000, org.assertj.core.data.Offset.offset(20));
        assertThat(Mp4Reader.read(file).video().sound().sampleRate()).isEqualTo(rate);
    }
}
