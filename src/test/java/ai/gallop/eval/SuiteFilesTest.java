package ai.gallop.eval;

import ai.gallop.eval.PromptSuite.Entry;
import ai.gallop.eval.PromptSuite.Task;
import ai.gallop.world.HeldOut;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.PromptParser;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.Vocabulary.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated suites: the committed files are exactly what {@link SuiteBuilder} writes (so nobody
 * edits them by hand unnoticed), dev covers the whole vocabulary in every language and in its
 * image-to-video part, and every compositional prompt shows a held-out combination.
 */
class SuiteFilesTest {
    private static List<Entry> dev, compositional;
    private final PromptParser parser = new PromptParser();

    @BeforeAll static void build() {
        SuiteBuilder builder = new SuiteBuilder();
        dev = builder.dev();
        compositional = builder.compositional();
    }

    @Test void theCommittedFilesAreWhatTheBuilderWrites() {
        assertThat(PromptSuite.resourceText("dev")).as("dev.jsonl; regenerate with SuiteBuilder").isEqualTo(PromptSuite.toJsonLines(dev));
        assertThat(PromptSuite.resourceText("compositional")).as("compositional.jsonl; regenerate with SuiteBuilder")
                .isEqualTo(PromptSuite.toJsonLines(compositional));
        assertThat(new SuiteBuilder().dev()).isEqualTo(dev);
    }

    @Test void devIsBalancedOverLanguagesWithAFifthImageToVideo() {
        assertThat(dev).hasSize(7 * SuiteBuilder.DEV_PER_LANGUAGE);
        for (Language l : Language.values()) {
            List<Entry> mine = dev.stream().filter(e -> e.language() == l).toList();
            assertThat(mine).hasSize(SuiteBuilder.DEV_PER_LANGUAGE);
            assertThat(mine.stream().filter(e -> e.task() == Task.I2V)).hasSize(11);
        }
        assertThat(dev.stream().map(e -> e.spec().seed()).distinct()).hasSize(dev.size());
    }

    @Test void devCoversEveryWordInEveryLanguageAndInItsImageToVideoPart() {
        Map<Language, Set<String>> missing = new EnumMap<>(Language.class);
        for (Language l : Language.values()) missing.put(l, new LinkedHashSet<>(SuiteBuilder.allWords()));
        Set<String> missingImage = new LinkedHashSet<>(SuiteBuilder.allWords());
        for (Entry e : dev) {
            missing.get(e.language()).removeAll(SuiteBuilder.words(e.spec()));
            if (e.task() == Task.I2V) missingImage.removeAll(SuiteBuilder.words(e.spec()));
        }
        assertThat(SuiteBuilder.allWords()).hasSize(56).contains("action:move/up", "action:gallop/left", "shots:2", "subjects:3");
        for (Language l : Language.values()) assertThat(missing.get(l)).as(l.englishName).isEmpty();
        assertThat(missingImage).isEmpty();
    }

    @Test void devIsInDistributionAndEveryPromptReadsBackToItsSpec() {
        for (Entry e : dev) {
            assertThat(HeldOut.found(e.spec())).as(e.id()).isEmpty();
            assertReadsBack(e);
        }
    }

    @Test void everyCompositionalPromptShowsAHeldOutCombinationAndEachCombinationIsAskedInEveryLanguage() {
        assertThat(compositional).hasSize(HeldOut.COMBINATIONS.size() * Language.values().length);
        for (HeldOut.Combination c : HeldOut.COMBINATIONS)
            for (Language l : Language.values())
                assertThat(compositional).as(c.id() + " in " + l.englishName)
                        .anyMatch(e -> e.language() == l && HeldOut.found(e.spec()).contains(c));
        for (Entry e : compositional) {
            assertThat(HeldOut.excludes(e.spec())).as(e.id()).isTrue();
            assertThat(e.task()).isEqualTo(Task.T2V);
            assertReadsBack(e);
        }
    }

    private void assertReadsBack(Entry e) {
        ParsedPrompt parsed = parser.parse(e.prompt());
        SceneSpec spec = e.spec();
        assertThat(parsed.unknownWords()).as(e.id()).isEmpty();
        assertThat(parsed.language()).as(e.id()).isEqualTo(e.language());
        assertThat(parsed.toSpec(spec.seed(), spec.format()).shots()).as(e.id()).isEqualTo(spec.shots());
    }
}
