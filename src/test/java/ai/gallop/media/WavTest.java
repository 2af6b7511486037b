package ai.gallop.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir Path dir;

    /** Samples already on the 16-bit grid survive a write and read exactly. */
    private static Sound quantizedNoise(int length, int sampleRate) {
        SplittableRandom random = new SplittableRandom(4);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) samples[i] = random.nextInt(-32767, 32768) / 32767f;
        samples[0] = -1f;
        samples[1] = 1f;
        samples[2] = 0f;
        return new Sound(samples, sampleRate);
    }

    @Test void roundTripIsExact() throws IOException {
        Sound sound = quantizedNoise(16001, 16000);
        Path file = dir.resolve("sound.wav");
        Wav.write(file, sound);
        Sound back = Wav.read(file);
        assertThat(back).isEqualTo(sound);
        Path again = dir.resolve("again.wav");
        Wav.write(again, back);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test void headerDescribes16BitPcmMono() {
        byte[] bytes = Wav.encode(new Sound(new float[] {0.5f, -0.5f, 2f}, 22050));
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(44 + 6);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(in.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(in.getShort(20)).isEqualTo((short) 1);   // PCM
        assertThat(in.getShort(22)).isEqualTo((short) 1);   // mono
        assertThat(in.getInt(24)).isEqualTo(22050);
        assertThat(in.getShort(34)).isEqualTo((short) 16);
        assertThat(in.getInt(40)).isEqualTo(6);
        assertThat(in.getShort(44)).isEqualTo((short) 16384);
        assertThat(in.getShort(48)).isEqualTo((short) 32767); // clipped from 2.0
    }

    @Test void extraChunksAreSkipped() throws IOException {
        byte[] plain = Wav.encode(quantizedNoise(10, 8000));
        // insert a LIST chunk of odd size (padded) between fmt and data
        ByteBuffer withList = ByteBuffer.allocate(plain.length + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        withList.put(plain, 0, 36).put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
        withList.put(plain, 36, plain.length - 36);
        assertThat(Wav.decode(withList.array())).isEqualTo(Wav.decode(plain));
    }

    @Test void stereoOrEightBitOrGarbageIsRefused() throws IOException {
        byte[] stereo = Wav.encode(quantizedNoise(10, 8000));
        ByteBuffer.wrap(stereo).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
        Path file = Files.write(dir.resolve("stereo.wav"), stereo);
        assertThatThrownBy(() -> Wav.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read " + file + ": WAV format 1 with 2 channels at 16 bits is not supported; allowed: PCM (1), 1 channel, 16 bits");
        Path text = Files.writeString(dir.resolve("text.wav"), "hello, not a wave");
        assertThatThrownBy(() -> Wav.read(text)).isInstanceOf(IOException.class).hasMessageContaining("not a WAV file");
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> Wav.read(missing)).isInstanceOf(IOException.class).hasMessageStartingWith("cannot read " + missing);
    }
}
