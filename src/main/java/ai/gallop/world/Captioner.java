package ai.gallop.world;

import ai.gallop.world.Vocabulary.Language;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes captions for scene specs in the seven caption languages. The variant picks the paraphrase
 * (sentence structure, word order, synonyms); the same spec, language and variant always give the
 * same caption, and {@link PromptParser} reads every caption back to the spec's shots.
 */
public final class Captioner {
    private static final Map<Language, CaptionGrammar> GRAMMARS = grammars();

    public String caption(SceneSpec spec, Language language, long variant) {
        SplittableRandom rng = new SplittableRandom(variant * 0x9E3779B97F4A7C15L + language.ordinal());
        return GRAMMARS.get(language).caption(spec, rng);
    }

    /** One caption per language, in language order, the variant taken from the spec's seed. */
    public Map<Language, String> captions(SceneSpec spec) {
        Map<Language, String> out = new EnumMap<>(Language.class);
        for (Language l : Language.values()) out.put(l, caption(spec, l, spec.seed()));
        return out;
    }

    /** The words and phrases a language's parser knows, with their meanings. */
    public static Lexicon lexicon(Language language) { return GRAMMARS.get(language).lexicon(); }

    /** The phrases that carry meaning in a language (no articles or particles), for help and suggestions. */
    public static List<String> knownPhrases(Language language) { return lexicon(language).contentPhrases(); }

    private static Map<Language, CaptionGrammar> grammars() {
        Map<Language, CaptionGrammar> m = new EnumMap<>(Language.class);
        for (CaptionGrammar g : List.of(new EnglishCaptions(), new MandarinCaptions(), new CantoneseCaptions(),
                new JapaneseCaptions(), new KoreanCaptions(), new GermanCaptions(), new FrenchCaptions()))
            m.put(g.language(), g);
        return m;
    }
}
