package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hashed word table: each caption byte also carries its word's row, so the model need not find words in bytes. */
class TextWordsTest {
    private static final TextTokeniser TOKENS = new TextTokeniser(256);
    private static final ModelConfig WORDY = ModelConfig.micro().withTextWords(512, false);

    private static long[] words(String text) { return TextTokeniser.wordIds(TOKENS.encode(text), 4096, false); }

    @Test
    void everyByteOfAWordSharesItsRowAndSpacesPunctuationAndSpecialsHaveNone() {
        long[] w = words("Night sky, night!");  // BOS N i g h t _ s k y , _ n i g h t ! EOS
        assertThat(w).hasSize(19);
        assertThat(w[0]).isZero();                                                  // BOS
        assertThat(Arrays.copyOfRange(w, 1, 6)).containsOnly(w[1]).doesNotContain(0L);
        assertThat(w[6]).isZero();                                                  // space
        assertThat(Arrays.copyOfRange(w, 7, 10)).containsOnly(w[7]);
        assertThat(w[7]).isNotEqualTo(w[1]).isNotZero();
        assertThat(w[10]).isZero();                                                 // comma
        assertThat(Arrays.copyOfRange(w, 12, 17)).as("lower case shares the row").containsOnly(w[1]);
        assertThat(w[17]).isZero();                                                 // '!'
        assertThat(w[18]).isZero();                                                 // EOS
    }

    @Test
    void hanIdeographsAreWordsOfTheirOwnAndAccentedLettersStayInTheirWord() {
        long[] han = words("夜空夜");  // BOS, three 3-byte ideographs, EOS
        assertThat(Arrays.copyOfRange(han, 1, 4)).containsOnly(han[1]);
        assertThat(Arrays.copyOfRange(han, 4, 7)).containsOnly(han[4]).doesNotContain(han[1]);
        assertThat(Arrays.copyOfRange(han, 7, 10)).as("the same ideograph, the same row").containsOnly(han[1]);
        long[] french = words("pré vert");  // p r é(2 bytes) _ v e r t
        assertThat(Arrays.copyOfRange(french, 1, 5)).containsOnly(french[1]).doesNotContain(0L);
        assertThat(french[5]).isZero();
        long[] korean = words("밤 하늘");  // Hangul is written with spaces: each run is a word
        assertThat(Arrays.copyOfRange(korean, 1, 4)).containsOnly(korean[1]).doesNotContain(0L);
        assertThat(korean[4]).isZero();
    }

    @Test
    void withScriptsSplitAJapaneseKatakanaWordHasOneRowWhateverParticlesSurroundIt() {
        // BOS, then の ボ ー ル が (3 bytes each; ー is the prolonged sound mark, of no script of its own), EOS
        long[] split = TextTokeniser.wordIds(TOKENS.encode("のボールが"), 4096, true), joined = words("のボールが");
        long[] other = TextTokeniser.wordIds(TOKENS.encode("白いボールを"), 4096, true);
        long ball = split[4];
        assertThat(Arrays.copyOfRange(split, 4, 13)).as("ボール, its long mark included").containsOnly(ball).doesNotContain(0L);
        assertThat(Arrays.copyOfRange(split, 1, 4)).as("の on its own").containsOnly(split[1]).doesNotContain(ball);
        assertThat(Arrays.copyOfRange(split, 13, 16)).as("が on its own").containsOnly(split[13]).doesNotContain(ball, split[1]);
        assertThat(Arrays.copyOfRange(other, 7, 16)).as("白 い | ボール | を: the same row for ball").containsOnly(ball);
        assertThat(Arrays.copyOfRange(joined, 1, 16)).as("without the split the particles glue to the word").containsOnly(joined[1]);
        assertThat(joined[1]).isNotEqualTo(ball);
        long[] mixed = TextTokeniser.wordIds(TOKENS.encode("ok3d 밤 pré"), 4096, true);
        assertThat(mixed).as("words of one script keep their rows").containsExactly(words("ok3d 밤 pré"));
        ModelConfig config = ModelConfig.micro();
        assertThat(config.textWordScripts()).as("a new model, and every config written before the field").isFalse();
        assertThat(config.withTextWordScripts(true).withFrameNoiseShare(0.5).withTextWords(64, true).textWordScripts()).isTrue();
    }

    @Test
    void theWorldsWordsMostlyGetRowsOfTheirOwn() {
        String text = "red orange yellow green blue purple pink brown black white grey ball box car bird fish horse star "
                + "meadow beach street desert forest snow night sky ocean rolls jumps spins grows shrinks left right above below";
        Set<Long> rows = new TreeSet<>();
        for (long id : words(text)) rows.add(id);
        rows.remove(0L);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(text.split(" ").length - 1);  // at most one collision in 4096 rows
        assertThat(rows).allMatch(r -> r > 0 && r < 4096);
        assertThatThrownBy(() -> TextTokeniser.wordIds(new long[]{1}, 1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buckets 1 is out of range; allowed: at least 2");
    }

    @Test
    void aCutCharacterAndPaddingGetNoRow() {
        long[] ids = {TextTokeniser.BOS, 0xE5, 0xA4, TextTokeniser.EOS, TextTokeniser.PAD};  // an ideograph cut after 2 of 3 bytes
        assertThat(TextTokeniser.wordIds(ids, 64, false)).containsOnly(0L);
    }

    @Test
    void withTheInputNormTheEncoderReadsWhatTheBytesSayWhateverTheEmbeddingsScale() {
        float[] change = new float[2];
        for (int i = 0; i < 2; i++) {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard();
                 AudioVideoTransformer model = new AudioVideoTransformer(ModelConfig.micro().withTextWords(64, i == 0), 1)) {
                ModelFixtures.perturb(model, 2);
                Tensor ids = model.config().textTokeniser().batch(List.of("a red ball under a night sky"));
                Tensor before = model.encodeCaption(ids).tokens().clone();
                // training shrank the embeddings toward the scale of the layers' biases, which are the same for every byte
                model.namedParameters().get("text.embed").mul_(new org.bytedeco.pytorch.Scalar(0.3));
                model.namedParameters().get("text.words").mul_(new org.bytedeco.pytorch.Scalar(0.3));
                change[i] = model.encodeCaption(ids).tokens().sub(before).abs().max().item_float();
            }
        }
        assertThat(change[1]).as("without the norm the encoder's output moves").isGreaterThan(0.05f);
        assertThat(change[0]).as("with the norm it hardly does").isLessThan(change[1] / 20);
    }

    @Test
    void theCaptionsWordsReachTheModulationEvenThroughAnEncoderThatSaysNothing() {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard();
             AudioVideoTransformer model = new AudioVideoTransformer(WORDY, 1)) {
            ModelFixtures.perturb(model, 6);
            model.namedParameters().get("text.encoder.norm").zero_();  // every caption encodes to zeros, like a collapsed encoder
            ModelInput red = AudioVideoTransformerTest.input(1, List.of("a red ball"), 0, false, false, 0.9, 8);
            ModelInput blue = AudioVideoTransformerTest.input(1, List.of("a tan ball"), 0, false, false, 0.9, 8);
            ModelInput blueOnRed = new ModelInput(blue.layout(), blue.text(), null, red.video(), red.videoTime(), null, null);
            assertThat(model.encodeCaption(red.text()).tokens().abs().max().item_float()).isZero();
            float change = model.forward(red).video().sub(model.forward(blueOnRed).video()).abs().max().item_float();
            assertThat(change).as("one changed word changes the prediction").isGreaterThan(1e-4f);
            model.namedParameters().get("text.words").zero_();
            float without = model.forward(red).video().sub(model.forward(blueOnRed).video()).abs().max().item_float();
            assertThat(without).as("without word rows nothing tells the captions apart").isZero();
        }
    }

    @Test
    void aModelSetToSplitWordsByScriptReadsJapaneseDifferentlyAndEnglishTheSame() {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            AudioVideoTransformer joined = new AudioVideoTransformer(WORDY, 1);  // closed by withSettings
            ModelFixtures.perturb(joined, 7);
            Tensor japanese = joined.config().textTokeniser().batch(List.of("白いボールが跳ねる")), english = joined.config().textTokeniser().batch(List.of("a white ball"));
            Tensor jaBefore = joined.encodeCaption(japanese).pooled().clone(), enBefore = joined.encodeCaption(english).pooled().clone();
            try (AudioVideoTransformer split = joined.withSettings(WORDY.withTextWordScripts(true))) {
                assertThat(split.config().textWordScripts()).isTrue();
                assertThat(split.encodeCaption(japanese).pooled().sub(jaBefore).abs().max().item_float()).as("other word rows for the Japanese caption")
                        .isGreaterThan(1e-4f);
                assertThat(split.encodeCaption(english).pooled().sub(enBefore).abs().max().item_float()).as("the same weights, the same English words")
                        .isZero();
            }
        }
    }

    @Test
    void aModelGrownAWordTablePredictsExactlyAsBeforeAndThenLearnsTheRowsOfItsCaptionsWords() {
        try (PointerScope scope = new PointerScope()) {
            AudioVideoTransformer plain = new AudioVideoTransformer(ModelConfig.micro(), 1);
            ModelFixtures.perturb(plain, 3);
            ModelInput in = AudioVideoTransformerTest.input(2, List.of("a red square", "ein roter Ball"), 0, false, true, 0.7, 4);
            Tensor before;
            try (NoGradGuard g = new NoGradGuard()) {
                before = plain.forward(in).video().clone();
            }
            try (AudioVideoTransformer grown = plain.withTextWords(512, false)) {
                assertThat(grown.config()).isEqualTo(WORDY);
                assertThat(grown.parameterCount()).isEqualTo(WORDY.parameterCount());
                ModelOutput out = grown.forward(in);
                assertThat(out.video().equal(before)).isTrue();
                out.video().square().mean().add(out.audio().square().mean()).backward();
                Tensor rowHasGradient = grown.namedParameters().get("text.words").grad().abs().sum(1).gt(new org.bytedeco.pytorch.Scalar(0.0));
                Set<Long> used = new TreeSet<>();
                for (String caption : List.of("a red square", "ein roter Ball"))
                    for (long row : TextTokeniser.wordIds(TOKENS.encode(caption), 512, false)) used.add(row);
                for (long row = 0; row < 512; row++)
                    assertThat(rowHasGradient.get(row).item_bool()).as("row %d", row).isEqualTo(used.contains(row));
                assertThatThrownBy(() -> grown.withTextWords(64, false)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("already has a word table");
            }
        }
    }

    @Test
    void aModelSetToAFrameNoiseShareKeepsEveryWeightAndPredictsExactlyAsBefore() {
        try (PointerScope scope = new PointerScope()) {
            AudioVideoTransformer plain = new AudioVideoTransformer(WORDY, 1);
            ModelFixtures.perturb(plain, 4);
            ModelInput in = AudioVideoTransformerTest.input(2, List.of("a red square", "ein roter Ball"), 0, false, true, 0.7, 4);
            Tensor before;
            java.util.Map<String, Tensor> weights = new java.util.LinkedHashMap<>();
            try (NoGradGuard g = new NoGradGuard()) {
                before = plain.forward(in).video().clone();
                plain.namedParameters().forEach((name, w) -> weights.put(name, w.clone()));
            }
            try (AudioVideoTransformer set = plain.withSettings(WORDY.withFrameNoiseShare(0.5)); NoGradGuard g = new NoGradGuard()) {
                assertThat(set.config()).isEqualTo(WORDY.withFrameNoiseShare(0.5));
                assertThat(set.namedParameters().keySet()).containsExactlyElementsOf(weights.keySet());
                set.namedParameters().forEach((name, w) -> assertThat(w.equal(weights.get(name))).as(name).isTrue());
                assertThat(set.forward(in).video().equal(before)).isTrue();
                assertThatThrownBy(() -> set.withSettings(WORDY.withTextWords(64, false))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("differs from 'micro' in more than its settings");
            }
        }
    }
}
