package ai.gallop.model;

import ai.gallop.media.Sound;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogMelCodecTest {
    private static final int RATE = 16000, TOKEN = 640, BANDS = 32, SAMPLES = 34000, TOKENS = 54;  // 2.125 s
    private static final LogMelCodec CODEC = new LogMelCodec(RATE, TOKEN, BANDS);

    /** Noise through a one-pole low-pass (most energy under ~500 Hz, like wind), RMS about {@code rms}. */
    private static float[] rumble(long seed, double rms) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[SAMPLES];
        double y = 0, sum = 0;
        for (int i = 0; i < x.length; i++) {
            y = 0.8 * y + 0.2 * (r.nextDouble() * 2 - 1);
            x[i] = (float) y;
            sum += y * y;
        }
        double gain = rms / Math.sqrt(sum / x.length);
        for (int i = 0; i < x.length; i++) x[i] *= (float) gain;
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    @Test
    void noiseComesBackWithTheEnergyOfEveryBandAndFrame() {
        float[] wind = rumble(3, 0.1);
        float[] tokens = CODEC.encode(wind, TOKENS);
        assertThat(tokens).hasSize(TOKENS * LogMelCodec.FRAMES_PER_TOKEN * BANDS);
        float[] back = CODEC.decode(tokens, TOKENS, SAMPLES);
        assertThat(back).hasSize(SAMPLES);
        float[] again = CODEC.encode(back, TOKENS);
        double error = 0;
        for (int i = 0; i < tokens.length; i++) error += Math.abs(again[i] - tokens[i]);
        error /= tokens.length;
        // one unit is SCALE = 4 nepers of energy; 0.1 is 1.7 dB
        assertThat(error).as("mean log-energy error in units").isLessThan(0.1);
        assertThat(rms(back, 0, SAMPLES)).as("loudness").isCloseTo(0.1, within(0.015));
        float[] other = CODEC.encode(rumble(4, 0.05), TOKENS);  // half as loud: 6 dB, 0.35 units, under every band
        double apart = 0;
        for (int i = 0; i < tokens.length; i++) apart += Math.abs(other[i] - tokens[i]);
        assertThat(apart / tokens.length).as("the measure tells a quieter wind apart").isGreaterThan(3 * error);
    }

    @Test
    void burstsComeBackAtTheirTimesWithSilenceBetween() {
        float[] clicks = new float[SAMPLES];
        SplittableRandom r = new SplittableRandom(9);
        int[] at = {4000, 12800, 24000};  // 0.25 s, 0.8 s, 1.5 s
        for (int start : at)
            for (int i = 0; i < 80; i++) clicks[start + i] = (float) (0.8 * (r.nextDouble() * 2 - 1));
        float[] back = CODEC.decode(CODEC.encode(clicks, TOKENS), TOKENS, SAMPLES);
        double loudest = 0;
        for (int start : at) {
            double burst = rms(back, start - 80, start + 160);
            loudest = Math.max(loudest, burst);
            assertThat(burst).as("the burst at sample %d", start).isGreaterThan(0.2);
            assertThat(rms(back, start - 1600, start - 320)).as("100 to 20 ms before the burst at %d", start).isLessThan(0.02 * burst);
            assertThat(rms(back, start + 640, start + 1600)).as("40 to 100 ms after the burst at %d", start).isLessThan(0.02 * burst);
        }
        assertThat(rms(back, 30000, SAMPLES)).as("the end, 0.4 s after the last burst").isLessThan(0.01 * loudest);
    }

    @Test
    void silenceStaysSilentAndTheSameTokensGiveTheSameSamples() {
        float[] silence = CODEC.encode(new float[SAMPLES], TOKENS);
        for (float v : silence) assertThat(v).isEqualTo((float) ((Math.log(LogMelCodec.FLOOR) - LogMelCodec.OFFSET) / LogMelCodec.SCALE));
        assertThat(rms(CODEC.decode(silence, TOKENS, SAMPLES), 0, SAMPLES)).isZero();
        float[] tokens = CODEC.encode(rumble(5, 0.2), TOKENS);
        assertThat(CODEC.decode(tokens, TOKENS, SAMPLES)).containsExactly(CODEC.decode(tokens.clone(), TOKENS, SAMPLES));
    }

    @Test
    void theTokeniserCarriesMelTokensAndRefusesBandsItCannotHold() {
        try (PointerScope scope = new PointerScope()) {
            AudioTokeniser tok = ModelConfig.micro().withMelBands(BANDS).audioTokeniser();
            Sound wind = new Sound(rumble(6, 0.1), RATE);
            Tensor tokens = tok.encode(wind);
            assertThat(tokens.shape()).containsExactly(TOKENS, (long) LogMelCodec.FRAMES_PER_TOKEN * BANDS);
            assertThat(tok.patchDim()).isEqualTo(ModelConfig.micro().withMelBands(BANDS).audioPatchDim()).isEqualTo(256);
            Sound back = tok.decode(tokens, SAMPLES, true);
            assertThat(back.samples()).hasSize(SAMPLES).containsExactly(tok.roundTrip(wind).samples());
            assertThat(rms(back.samples(), 0, SAMPLES)).isCloseTo(0.1, within(0.015));
        }
        assertThat(ModelConfig.fromJson(ModelConfig.micro().withMelBands(BANDS).toJson()).melBands()).isEqualTo(BANDS);
        assertThat(ModelConfig.read(Path.of("models/gallop-tiny-edit/config.json")).melBands())
                .as("the shipped edit model's config, from before mel bands, reads as waveform tokens").isZero();
        assertThatThrownBy(() -> ModelConfig.micro().withMelBands(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-mel bands 4 is out of range; allowed: 8 to 129 (the bins of a 256-sample window)");
        assertThatThrownBy(() -> ModelConfig.micro().withMelBands(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-mel bands 200 is out of range; allowed: 8 to 129 (the bins of a 256-sample window)");
    }
}
