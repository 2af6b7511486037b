package ai.gallop.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokeniserPositionsTest {
    @Test
    void layoutCountsTokensPerModalityInSequenceOrder() {
        TokenLayout l = TokenLayout.of(ModelConfig.tiny(), 41, 1, 64, 64, 17, 8, 54);
        assertThat(l.textBytes()).isEqualTo(41);
        assertThat(l.count(Modality.TEXT)).as("41 bytes, 4 encoded bytes a token").isEqualTo(11);
        assertThat(l.count(Modality.IMAGE)).isEqualTo(64);
        assertThat(l.count(Modality.VIDEO)).isEqualTo(9 * 64);
        assertThat(l.count(Modality.AUDIO)).isEqualTo(54);
        assertThat(l.start(Modality.VIDEO)).isEqualTo(75);
        assertThat(l.tokens()).isEqualTo(11 + 64 + 576 + 54);
        assertThat(l.position(10, 0)).isEqualTo(10f);
        assertThat(l.streamSegments()).containsExactly(
                new TokenLayout.Segment(Modality.Stream.TEXT, 0, 11),
                new TokenLayout.Segment(Modality.Stream.PICTURE, 11, 64 + 576),
                new TokenLayout.Segment(Modality.Stream.SOUND, 651, 54));
    }

    @Test
    void aConfigWrittenBeforeTheTextEncoderKeepsOneTokenPerByte() {
        String legacy = ModelConfig.tiny().toJson().replaceAll(",\\s*\"textLayers\"\\s*:\\s*\\d+", "")
                .replaceAll(",\\s*\"textStride\"\\s*:\\s*\\d+", "");
        assertThat(legacy).doesNotContain("textLayers").doesNotContain("textStride");
        ModelConfig old = ModelConfig.fromJson(legacy);
        assertThat(old.textLayers()).isZero();
        assertThat(old.textStride()).isEqualTo(1);
        assertThat(TokenLayout.of(old, 40, 0, 64, 64, 17, 8, 54).count(Modality.TEXT)).isEqualTo(40);
    }

    @Test
    void aSoundAndTheFrameThatCausesItShareATimePosition() {
        ModelConfig perFrame = new ModelConfig("t", 64, 2, 1, 1, 2, 32, 4, 1, 16000, 640, 10000, 25);
        TokenLayout l = TokenLayout.of(perFrame, 3, 0, 8, 8, 17, 8, 54);
        int frame8 = l.start(Modality.VIDEO) + 8 * 4 + 3;    // frame 8 (t = 1 s), last patch of the 2x2 grid
        int audio25 = l.start(Modality.AUDIO) + 25;         // 25 x 40 ms = 1 s
        assertThat(l.position(frame8, 1)).isEqualTo(25f).isEqualTo(l.position(audio25, 1));
        assertThat(l.position(frame8, 2)).isEqualTo(1f);
        assertThat(l.position(frame8, 3)).isEqualTo(1f);
        assertThat(l.position(audio25, 2)).isZero();
        assertThat(l.position(2, 0)).isEqualTo(2f);         // text index
        assertThat(l.position(2, 1)).isZero();
    }

    @Test
    void tokenFramesSitAtTheirFirstFrameAndImagesBeforeTheClip() {
        TokenLayout l = TokenLayout.of(ModelConfig.micro(), 2, 2, 8, 8, 5, 8, 0);  // patches 4x4x2: frames {0}, {1,2}, {3,4}
        int video = l.start(Modality.VIDEO);
        assertThat(l.position(video, 1)).isZero();
        assertThat(l.position(video + 4, 1)).isEqualTo(25f / 8);      // token frame 1 starts at frame 1
        assertThat(l.position(video + 8, 1)).isEqualTo(3 * 25f / 8);  // token frame 2 at frame 3
        assertThat(l.position(l.start(Modality.IMAGE), 1)).isEqualTo(-25f);
        assertThat(l.position(l.start(Modality.IMAGE) + 4, 1)).isEqualTo(-50f);
        assertThat(l.streamSegments()).hasSize(2);  // silent: no sound stream
    }

    @Test
    void anEditsSourceClipFacesTheVideoItBecomesAndIsToldApartOnTheTextAxis() {
        TokenLayout plain = TokenLayout.of(ModelConfig.micro(), 2, 1, 8, 8, 5, 8, 3);
        TokenLayout edit = plain.withEditSource();
        int lv = plain.count(Modality.VIDEO);
        assertThat(plain.count(Modality.SOURCE)).isZero();
        assertThat(edit.count(Modality.SOURCE)).isEqualTo(lv);
        assertThat(edit.tokens()).isEqualTo(plain.tokens() + lv);
        assertThat(edit.start(Modality.SOURCE)).isEqualTo(plain.start(Modality.VIDEO));
        assertThat(edit.start(Modality.VIDEO)).isEqualTo(plain.start(Modality.VIDEO) + lv);
        for (int i = 0; i < lv; i++) {
            int source = edit.start(Modality.SOURCE) + i, video = edit.start(Modality.VIDEO) + i;
            assertThat(edit.position(source, 0)).isEqualTo(TokenLayout.SOURCE_TEXT_POSITION);
            assertThat(edit.position(video, 0)).isZero();
            for (int axis = 1; axis < TokenLayout.AXES; axis++) {
                assertThat(edit.position(source, axis)).as("axis %d of token %d", axis, i).isEqualTo(edit.position(video, axis));
                assertThat(edit.position(video, axis)).isEqualTo(plain.position(plain.start(Modality.VIDEO) + i, axis));
            }
        }
        for (int i = 0; i < plain.start(Modality.VIDEO); i++)
            for (int axis = 0; axis < TokenLayout.AXES; axis++) assertThat(edit.position(i, axis)).isEqualTo(plain.position(i, axis));
        for (int i = 0; i < 3; i++)
            assertThat(edit.position(edit.start(Modality.AUDIO) + i, 1)).isEqualTo(plain.position(plain.start(Modality.AUDIO) + i, 1));
        assertThat(edit.withEditSource()).isSameAs(edit);
    }

    @Test
    void layoutRejectsTextLongerThanTheModelTakes() {
        assertThatThrownBy(() -> TokenLayout.of(ModelConfig.micro(), 33, 0, 8, 8, 5, 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("text length 33 is out of range; allowed: 1 to 32");
    }

    @Test
    void ropeDealsEveryPairToAnAxis() {
        assertThat(Rope.pairsPerAxis(64)).containsExactly(4, 10, 9, 9);
        assertThat(Rope.pairsPerAxis(128)).containsExactly(8, 20, 18, 18);
        assertThat(Rope.pairsPerAxis(32)).containsExactly(2, 6, 4, 4);
    }
}
