package ai.gallop.eval;

import ai.gallop.eval.PromptSuite.Entry;
import ai.gallop.world.Captioner;
import ai.gallop.world.HeldOut;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.ParsedShot;
import ai.gallop.world.ParsedSubject;
import ai.gallop.world.PromptParser;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.Vocabulary.Language;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written paraphrase suite: wordings the caption grammar never produces, each stating every
 * attribute of its spec, so the parser must recover all of them from the prompt alone.
 */
class ParaphraseSuiteTest {
    private static final int VARIANTS = 50;
    private final List<Entry> entries = PromptSuite.load("paraphrase").entries();
    private final PromptParser parser = new PromptParser();

    @Test void hasAtLeastFourteenPromptsInEachLanguageAndNoHeldOutCombination() {
        assertThat(entries).hasSizeGreaterThanOrEqualTo(100);
        for (Language l : Language.values())
            assertThat(entries.stream().filter(e -> e.language() == l).count()).as(l.englishName).isGreaterThanOrEqualTo(14);
        // Held-out pairs belong to the compositional suite; here only the wording is new.
        assertThat(entries).allSatisfy(e -> assertThat(HeldOut.found(e.spec())).as(e.id()).isEmpty());
        assertThat(entries).anyMatch(e -> e.spec().shots().size() == 2);
        assertThat(entries).anyMatch(e -> e.spec().shots().getFirst().subjects().size() == 2);
    }

    @Test void theParserRecoversEveryIntendedAttributeFromEveryParaphrase() {
        List<String> failures = new ArrayList<>();
        for (Entry e : entries) {
            String problem = problem(e, parser.parse(e.prompt()));
            if (problem != null) failures.add(e.id() + " (" + e.language().tag + ") " + e.prompt() + "\n  " + problem);
        }
        assertThat(failures).isEmpty();
    }

    @Test void noParaphraseIsACaptionTheGrammarWritesForItsSpec() {
        Captioner captioner = new Captioner();
        for (Entry e : entries) {
            String mine = normalised(e.prompt());
            for (long variant = 0; variant < VARIANTS; variant++)
                assertThat(normalised(captioner.caption(e.spec(), e.language(), variant))).as(e.id() + " variant " + variant).isNotEqualTo(mine);
        }
    }

    /** Null when the parse states exactly the spec: every attribute said (none filled from the seed), none wrong, no unknown word. */
    private static String problem(Entry e, ParsedPrompt parsed) {
        if (!parsed.unknownWords().isEmpty()) return "unknown words " + parsed.unknownWords();
        if (parsed.language() != e.language()) return "detected language " + parsed.language();
        for (ParsedShot shot : parsed.shots()) {
            boolean complete = shot.scene() != null && shot.camera() != null && shot.relations().size() == shot.subjects().size() - 1
                    && shot.subjects().stream().allMatch(ParsedSubject::complete);
            if (!complete) return "left something unsaid: " + shot;
        }
        SceneSpec spec = e.spec();
        SceneSpec back = parsed.toSpec(spec.seed(), spec.format());
        if (!back.equals(spec)) return "parsed " + parsed.shots() + "\n  wanted " + spec.shots();
        return null;
    }

    /** Case, width, accents, spacing and punctuation do not make a caption a different wording. */
    private static String normalised(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        return s.replaceAll("[\\p{M}\\p{P}\\p{Z}\\s]", "");
    }
}
