package ai.gallop.eval;

import ai.gallop.eval.PromptSuite.Entry;
import ai.gallop.eval.PromptSuite.Task;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suite file format: one compact JSON object per line, read back exactly, with one-line errors. */
class PromptSuiteTest {
    private static final SceneSpec SPEC = new SpecSampler().sample(5, VideoFormat.DEFAULT);

    @Test void everyShippedSuiteLoadsWithUniqueIdsAndPromptsThatAreNotBlank() {
        for (String name : PromptSuite.NAMES) {
            PromptSuite suite = PromptSuite.load(name);
            assertThat(suite.name()).isEqualTo(name);
            assertThat(suite.entries()).as(name).hasSizeGreaterThanOrEqualTo(100);
            assertThat(suite.entries()).allSatisfy(e -> {
                assertThat(e.id()).startsWith(name + "-");
                assertThat(e.seed()).isEqualTo(e.spec().seed());
            });
        }
    }

    @Test void anUnknownSuiteNamesTheAvailableOnes() {
        assertThatThrownBy(() -> PromptSuite.load("devv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown prompt suite 'devv'; allowed: dev, compositional, paraphrase");
    }

    @Test void aLineIsWrittenWithTheFieldsInFileOrderAndReadBackEqual() {
        Entry entry = new Entry("x-0001", Task.I2V, Language.YUE, "一隻馬", 5, SPEC);
        String text = PromptSuite.toJsonLines(List.of(entry));
        assertThat(text).startsWith("{\"id\":\"x-0001\",\"task\":\"i2v\",\"language\":\"yue\",\"prompt\":\"一隻馬\",\"seed\":5,\"spec\":{\"seed\":5,")
                .endsWith("}\n").hasLineCount(1);
        assertThat(PromptSuite.parse("x", text).entries()).containsExactly(entry);
    }

    @Test void badLinesAreOneLineErrorsWithTheirLineNumber() {
        String good = PromptSuite.toJsonLines(List.of(new Entry("x-0001", Task.T2V, Language.EN, "a horse", 5, SPEC)));
        assertThatThrownBy(() -> PromptSuite.parse("x", good + "\n" + good))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt suite 'x' line 3: id x-0001 is used twice; allowed: unique ids");
        assertThatThrownBy(() -> PromptSuite.parse("x", good.replace("\"t2v\"", "\"v2v\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prompt suite 'x' line 1: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> PromptSuite.parse("x", good.replace("\"a horse\"", "\"  \"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt suite 'x' line 1: entry x-0001 has an empty prompt");
        assertThatThrownBy(() -> PromptSuite.parse("x", "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prompt suite 'x' line 1: ").hasMessageNotContaining("\n");
    }
}
