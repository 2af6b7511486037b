package ai.gallop.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {
    @Test
    void presetsHaveTheSandwichLayouts() {
        ModelConfig tiny = ModelConfig.tiny(), large = ModelConfig.large();
        assertThat(tiny.layers()).isEqualTo(8);
        assertThat(tiny.headDim()).isEqualTo(64);
        assertThat(large.layers()).isEqualTo(40);
        assertThat(large.specificLayers()).isEqualTo(4);
        assertThat(large.sharedLayers()).isEqualTo(32);
        assertThat(large.isSpecific(3)).isTrue();
        assertThat(large.isSpecific(4)).isFalse();
        assertThat(large.isSpecific(35)).isFalse();
        assertThat(large.isSpecific(36)).isTrue();
        for (String name : ModelConfig.PRESETS) assertThat(ModelConfig.preset(name).name()).isEqualTo(name);
    }

    @Test
    void parameterCountsAreWhatTheDocsSay() {
        assertThat(ModelConfig.tiny().parameterCount()).isBetween(5_000_000L, 18_000_000L);
        assertThat(ModelConfig.base().parameterCount()).isBetween(300_000_000L, 700_000_000L);
        assertThat(ModelConfig.large().parameterCount()).isBetween(2_000_000_000L, 4_000_000_000L);
    }

    @Test
    void theTinyModelBuildsWithExactlyTheCountedParameters() {
        try (AudioVideoTransformer model = new AudioVideoTransformer(ModelConfig.tiny(), 1)) {
            assertThat(model.parameterCount()).isEqualTo(ModelConfig.tiny().parameterCount());
            assertThat(model.namedParameters().get("text.words").shape()).containsExactly(4096, 256);
        }
    }

    @Test
    void flopsGrowWithTheSequenceThroughAttentionOnly() {
        ModelConfig tiny = ModelConfig.tiny();
        double a = tiny.forwardFlopsPerToken(1000), b = tiny.forwardFlopsPerToken(2000);
        assertThat(b - a).isEqualTo(4.0 * 8 * 1000 * 256);
        assertThat(tiny.trainingFlopsPerToken(1000)).isEqualTo(3 * a);
        assertThat(a).isGreaterThan(2.0 * 8 * 12 * 256 * 256);  // at least the blocks' matmuls
    }

    @Test
    void jsonRoundTripsAndBadValuesGiveOneLineErrors() {
        ModelConfig tiny = ModelConfig.tiny();
        assertThat(ModelConfig.fromJson(tiny.toJson())).isEqualTo(tiny);
        assertThat(tiny.toJson()).contains("\"sharedLayers\" : 4").doesNotContain("headDim");
        assertThatThrownBy(() -> new ModelConfig("x", 250, 4, 2, 4, 4, 128, 4, 2, 16000, 640, 10000, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("heads 4 does not divide width 250; allowed: a divisor of the width");
        assertThatThrownBy(() -> ModelConfig.fromJson(tiny.toJson().replace("\"patchFrames\" : 2", "\"patchFrames\" : 0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid ModelConfig JSON: patchFrames 0 is out of range; allowed: 1 to 8");
        assertThat(ModelConfig.fromJson(tiny.toJson().replaceAll(",\\s*\"textWordBuckets\" : 4096", ""))).as("a config from before the word table")
                .isEqualTo(tiny.withTextWords(0, true));
        assertThatThrownBy(() -> tiny.withTextWords(1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("textWordBuckets 1 is out of range; allowed: 0 (none) or 2 to 1048576");
        ModelConfig shared = tiny.withFrameNoiseShare(0.5);
        assertThat(ModelConfig.fromJson(shared.toJson())).isEqualTo(shared);
        assertThat(ModelConfig.fromJson(tiny.toJson().replaceAll(",\\s*\"frameNoiseShare\" : 0.0", ""))).as("a config from before the share")
                .isEqualTo(tiny);
        assertThat(shared.withTextWords(0, false).frameNoiseShare()).isEqualTo(0.5);
        assertThat(shared.withLatents(AutoencoderConfig.tiny(), 2).frameNoiseShare()).isEqualTo(0.5);
        assertThatThrownBy(() -> tiny.withFrameNoiseShare(0.96)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame noise share 0.96 is out of range; allowed: 0 (independent noise per frame) to 0.95");
        ModelConfig camera = shared.withCameraNoise(true);
        assertThat(ModelConfig.fromJson(camera.toJson())).isEqualTo(camera);
        assertThat(ModelConfig.fromJson(shared.toJson().replaceAll(",\\s*\"cameraNoise\" : false", ""))).as("a config from before camera noise")
                .isEqualTo(shared);
        assertThat(camera.withTextWords(0, false).withMaxTextTokens(64).cameraNoise()).isTrue();
        assertThat(tiny.withSettingsOf(camera)).isEqualTo(camera);
        assertThatThrownBy(() -> tiny.withCameraNoise(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camera noise without a frame noise share; allowed: camera noise with a share above 0, which it moves");
        assertThatThrownBy(() -> ModelConfig.preset("huge"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown model preset 'huge'; allowed: micro, tiny, base, large");
    }
}
