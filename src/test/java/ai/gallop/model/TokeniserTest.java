package ai.gallop.model;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokeniserTest {
    private static final List<String> CAPTIONS = List.of(
            "a brown horse gallops to the right across a meadow",
            "一匹棕色的马在草地上向右奔跑",
            "一隻啡色嘅馬喺草地度向右跑",
            "茶色の馬が草原を右へ駆ける",
            "갈색 말이 초원을 가로질러 오른쪽으로 달린다",
            "ein braunes Pferd galoppiert über die Wiese nach rechts",
            "un cheval brun galope vers la droite à travers un pré");

    @Test
    void textIsBosUtf8BytesEosAndRoundTripsInEveryLanguage() {
        TextTokeniser tok = new TextTokeniser(128);
        assertThat(tok.encode("hé")).containsExactly(TextTokeniser.BOS, 'h', 0xC3, 0xA9, TextTokeniser.EOS);
        for (String caption : CAPTIONS) assertThat(tok.decode(tok.encode(caption))).isEqualTo(caption);
        assertThat(tok.encode("")).containsExactly(TextTokeniser.BOS, TextTokeniser.EOS);
    }

    @Test
    void longTextIsCutAtACharacterBoundary() {
        TextTokeniser tok = new TextTokeniser(10);  // 8 bytes of room: two 3-byte characters fit, not three
        long[] ids = tok.encode("一匹棕色的马");
        assertThat(ids).hasSize(8);
        assertThat(tok.decode(ids)).isEqualTo("一匹");
        assertThat(tok.encode("x".repeat(500))).hasSize(10);
        assertThat(tok.unread("一匹棕色的马")).as("what encode cut off, whole characters").isEqualTo("棕色的马");
        assertThat(tok.unread("a red ball")).as("10 bytes, 8 fit").isEqualTo("ll");
        assertThat(tok.unread("a ball")).isEmpty();
    }

    @Test
    void batchPadsToTheLongestCaption() {
        try (PointerScope scope = new PointerScope()) {
            Tensor ids = new TextTokeniser(128).batch(List.of("ab", "abcd"));
            assertThat(ids.shape()).containsExactly(2, 6);
            long[] v = new long[12];
            ids.<LongBuffer>createBuffer().get(v);
            assertThat(v).containsExactly(257, 'a', 'b', 258, 256, 256, 257, 'a', 'b', 'c', 'd', 258);
        }
    }

    @Test
    void videoRoundTripsExactlyWithFrameZeroOnItsOwn() {
        try (PointerScope scope = new PointerScope()) {
            VideoTokeniser tok = new VideoTokeniser(4, 2);
            List<RgbFrame> frames = randomFrames(16, 12, 9, 7);
            Tensor tokens = tok.encode(frames);
            assertThat(tokens.shape()).containsExactly(5 * 12, 96);  // (1 + 8/2) token frames x 4x3 patches, 4*4*3*2 values
            assertThat(tokens.abs().max().item_float()).isLessThanOrEqualTo(1f);
            assertThat(tok.decode(tokens, 16, 12, 9)).isEqualTo(frames);
            // frame 0's patches hold frame 0 twice: both halves of the first token are equal
            assertThat(tokens.select(0, 0).narrow(0, 0, 48).equal(tokens.select(0, 0).narrow(0, 48, 48))).isTrue();
            // pixel (0,0) of frame 0 is the first value; pixel (4,0) of frame 1 opens token 13's first half
            assertThat(tokens.select(0, 0).select(0, 0).item_float()).isEqualTo((frames.get(0).rgb()[0] & 255) / 127.5f - 1f);
            assertThat(tokens.select(0, 13).select(0, 0).item_float()).isEqualTo((frames.get(1).rgb()[4 * 3] & 255) / 127.5f - 1f);
        }
    }

    @Test
    void videoDecodeAveragesFrameZeroCopiesAndClamps() {
        try (PointerScope scope = new PointerScope()) {
            VideoTokeniser tok = new VideoTokeniser(2, 2);
            Tensor tokens = org.bytedeco.pytorch.global.torch.zeros(2, 24);            // 1 token frame pair, 2x2 frame of 1 patch
            tokens.select(0, 0).narrow(0, 0, 12).fill_(new org.bytedeco.pytorch.Scalar(1.0));    // frame 0 copies: +1 and 0
            tokens.select(0, 1).fill_(new org.bytedeco.pytorch.Scalar(5.0));                     // out of range
            List<RgbFrame> frames = tok.decode(tokens, 2, 2, 3);
            assertThat(frames.get(0).get(0, 0)).isEqualTo(0xBFBFBF);  // mean 0.5 -> 191
            assertThat(frames.get(1).get(1, 1)).isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void imageRoundTripsExactly() {
        try (PointerScope scope = new PointerScope()) {
            VideoTokeniser tok = new VideoTokeniser(4, 2);
            RgbFrame image = randomFrames(8, 8, 1, 3).getFirst();
            Tensor tokens = tok.encodeImage(image);
            assertThat(tokens.shape()).containsExactly(4, 48);
            assertThat(tok.decodeImage(tokens, 8, 8)).isEqualTo(image);
        }
    }

    @Test
    void videoRejectsFrameCountsAndSizesThatDoNotFitThePatches() {
        VideoTokeniser tok = new VideoTokeniser(4, 2);
        assertThatThrownBy(() -> tok.encode(randomFrames(16, 16, 8, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("frame count 8 does not fit 2-frame patches; allowed: 1 + a multiple of 2 (e.g. 17)");
        assertThatThrownBy(() -> tok.encode(randomFrames(18, 16, 9, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 18x16 is not a multiple of the patch size 4");
    }

    @Test
    void audioRoundTripsExactly() {
        try (PointerScope scope = new PointerScope()) {
            AudioTokeniser tok = new AudioTokeniser(16000, 640);
            float[] samples = new float[34000];  // 17 frames at 8 fps = 2.125 s
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < samples.length; i++) samples[i] = (float) (r.nextDouble() * 2 - 1);
            samples[7] = Float.MIN_VALUE;
            Sound sound = new Sound(samples, 16000);
            Tensor tokens = tok.encode(sound);
            assertThat(tokens.shape()).containsExactly(54, 640);
            assertThat(tok.tokensFor(17 / 8.0)).isEqualTo(54);
            float[] v = new float[54 * 640];
            tokens.<FloatBuffer>createBuffer().get(v);
            assertThat(v[641]).isEqualTo(samples[641] * AudioTokeniser.GAIN);
            assertThat(v[34000]).isZero();  // padding after the last sample
            assertThat(tok.decode(tokens, 34000, false)).isEqualTo(sound);
        }
    }

    @Test
    void smoothedSeamsJoinTokensThatDoNotMeetAndLeaveTheRestAndASmoothWaveAlone() {
        float[] steps = new float[3 * 640];  // three flat tokens at 0.1, 0.5, -0.2: a step at each seam
        for (int i = 0; i < steps.length; i++) steps[i] = i < 640 ? 0.1f : i < 1280 ? 0.5f : -0.2f;
        float[] smoothed = steps.clone();
        AudioTokeniser.smoothSeams(smoothed, 640);
        for (int seam : new int[]{640, 1280}) {
            assertThat(Math.abs(smoothed[seam] - smoothed[seam - 1])).as("the jump at seam %d", seam).isLessThan(0.02f);
            assertThat(smoothed[seam - 1]).as("the step split between both sides").isCloseTo((steps[seam - 1] + steps[seam]) / 2, within(0.02f));
        }
        for (int i = 0; i < steps.length; i++)
            if (Math.abs(i - 640) > AudioTokeniser.SEAM_RAMP && Math.abs(i - 1280) > AudioTokeniser.SEAM_RAMP)
                assertThat(smoothed[i]).as("sample %d, far from a seam", i).isEqualTo(steps[i]);
        float[] wave = new float[3 * 640], kept = new float[wave.length];
        for (int i = 0; i < wave.length; i++) wave[i] = kept[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
        AudioTokeniser.smoothSeams(kept, 640);
        for (int i = 0; i < wave.length; i++) assertThat(kept[i]).as("a 220 Hz tone runs through the seams").isCloseTo(wave[i], within(0.002f));
        try (PointerScope scope = new PointerScope()) {
            AudioTokeniser tok = new AudioTokeniser(16000, 640);
            Tensor tokens = tok.encode(new Sound(steps, 16000));
            assertThat(tok.decode(tokens, steps.length, true).samples()).containsExactly(smoothed);
            assertThat(tok.decode(tokens, steps.length, false).samples()).as("a plain decode keeps every sample").containsExactly(steps);
        }
    }

    @Test
    void audioRejectsAnotherSampleRate() {
        assertThatThrownBy(() -> new AudioTokeniser(16000, 640).encode(new Sound(new float[10], 44100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sound is at 44100 Hz; allowed: 16000 Hz (resample first)");
    }

    static List<RgbFrame> randomFrames(int w, int h, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<RgbFrame> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] rgb = new byte[w * h * 3];
            for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) r.nextInt(256);
            out.add(new RgbFrame(w, h, rgb));
        }
        return out;
    }
}
