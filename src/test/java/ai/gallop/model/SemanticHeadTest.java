package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static ai.gallop.model.AudioVideoTransformerTest.MICRO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemanticHeadTest {
    private static final int LABELS = 12;

    private static ModelInput clips() {
        return AudioVideoTransformerTest.input(2, List.of("a red square", "ein blaues Quadrat"), 0, false, true, 0.7, 4);
    }

    @Test
    void aGrownHeadChangesNoPredictionAndReadsEveryVideoToken(@TempDir Path dir) throws Exception {
        try (PointerScope scope = new PointerScope()) {
            AudioVideoTransformer plain = new AudioVideoTransformer(MICRO, 1);
            ModelFixtures.perturb(plain, 3);
            ModelInput in = clips();
            ModelOutput before;
            try (NoGradGuard g = new NoGradGuard()) {
                before = plain.forward(in);
            }
            assertThat(before.semantic()).as("no head, no logits").isNull();
            try (AudioVideoTransformer grown = plain.withSemanticHead(LABELS)) {
                assertThat(grown.config()).isEqualTo(MICRO.withSemanticLabels(LABELS));
                assertThat(grown.parameterCount()).isEqualTo(grown.config().parameterCount()).isEqualTo(MICRO.parameterCount() + (MICRO.width() + 1L) * LABELS);
                ModelOutput out;
                try (NoGradGuard g = new NoGradGuard()) {
                    out = grown.forward(in);
                }
                assertThat(out.video().equal(before.video())).as("the head feeds no prediction").isTrue();
                assertThat(out.audio().equal(before.audio())).isTrue();
                assertThat(out.semantic().shape()).containsExactly(2, in.video().size(1), LABELS);
                assertThatThrownBy(() -> grown.withSemanticHead(LABELS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has");
                grown.save(dir);
            }
        }
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer loaded = AudioVideoTransformer.load(dir)) {
            assertThat(loaded.config().semanticLabels()).isEqualTo(LABELS);
            assertThat(loaded.namedParameters().keySet()).contains("semantic.weight", "semantic.bias");
        }
    }

    @Test
    void theHeadsLossReachesTheLowerHalfOfTheStackAndNothingAbove() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO.withSemanticLabels(LABELS), 1)) {
            ModelFixtures.perturb(model, 5);  // the head too, so its loss has a gradient to pass down
            Tensor logits = model.forward(clips()).semantic();                                    // [2, Lv, 12]
            logits.mul(ModelFixtures.noise(7, logits.shape())).sum().backward();
            int read = AudioVideoTransformer.semanticLayer(model.config());
            assertThat(read).as("micro: 3 layers, the first is the lower half").isZero();
            for (String name : List.of("semantic.weight", "video.in.weight", "blocks.0.picture.qkvg.weight", "text.embed"))
                assertThat(gradient(model, name)).as(name + " is below the head").isPositive();
            for (String name : List.of("blocks.1.shared.qkvg.weight", "blocks.2.picture.fc2.weight", "video.out.weight", "audio.out.weight"))
                assertThat(gradient(model, name)).as(name + " is above the head").isZero();
        }
    }

    @Test
    void aHeadOutOfRangeIsRefusedInOneLine() {
        assertThatThrownBy(() -> MICRO.withSemanticLabels(-1)).hasMessage("semanticLabels -1 is out of range; allowed: 0 (no semantic head) to 4096");
        assertThat(AudioVideoTransformer.semanticLayer(ModelConfig.tiny())).as("tiny: after the 4th of 8 blocks").isEqualTo(3);
    }

    private static double gradient(AudioVideoTransformer model, String name) {
        Tensor grad = model.namedParameters().get(name).grad();
        return grad.defined() ? grad.abs().max().item_double() : 0;
    }
}
