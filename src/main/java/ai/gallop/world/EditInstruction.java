package ai.gallop.world;

import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Subject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction that turns one world clip into another that differs only in its subjects' colours: "make the
 * ball blue", one clause per (kind, new colour), in any of the 7 languages, in one fixed sentence pattern per
 * language: an edit model learns the pattern, and a user who writes "make the ball blue" (or its like) speaks it.
 * The words are each language's first lexicon phrase for the kind and the colour, except in German and French,
 * whose captions' grammar gives the article and the agreement ("mach den Ball blau", "rends la balle bleue").
 */
public final class EditInstruction {
    private static final Map<Language, String> PATTERNS = Map.of(
            Language.EN, "make the %s %s",
            Language.ZH, "把%s变成%s",
            Language.YUE, "將%s變成%s",
            Language.JA, "%sを%sにして",
            Language.KO, "%s %s으로 바꿔");

    private EditInstruction() {}

    /**
     * The instruction from {@code source} to {@code target}, two specs of the same scene whose subjects differ at most
     * in colour (as {@link SpecSampler#recoloured} makes them); empty when no subject changed.
     */
    public static String between(SceneSpec source, SceneSpec target, Language language) {
        if (source.shots().size() != target.shots().size())
            throw new IllegalArgumentException("an edit's source has " + source.shots().size() + " shots and its target "
                    + target.shots().size() + "; allowed: the same scene in other colours");
        Lexicon lexicon = Captioner.lexicon(language);
        Set<String> clauses = new LinkedHashSet<>();
        for (int s = 0; s < target.shots().size(); s++) {
            List<SubjectSpec> from = source.shots().get(s).subjects(), to = target.shots().get(s).subjects();
            if (from.size() != to.size())
                throw new IllegalArgumentException("an edit's source shot " + (s + 1) + " has " + from.size() + " subjects and its target "
                        + to.size() + "; allowed: the same subjects in other colours");
            for (int i = 0; i < to.size(); i++)
                if (from.get(i).colour() != to.get(i).colour())
                    clauses.add(clause(language, lexicon, to.get(i)));
        }
        return clauses.stream().collect(Collectors.joining(", "));
    }

    private static String clause(Language language, Lexicon lexicon, SubjectSpec subject) {
        if (language == Language.DE) return GermanCaptions.recolour(subject.kind(), subject.colour());
        if (language == Language.FR) return FrenchCaptions.recolour(subject.kind(), subject.colour());
        String kind = word(lexicon, subject.kind());
        String colour = lexicon.entries().stream().filter(e -> e.sense() instanceof Lexicon.Sense.Paint p && p.colour() == subject.colour())
                .map(Lexicon.Entry::phrase).filter(p -> language != Language.KO || p.endsWith("색")).findFirst().orElseThrow();
        // Korean names a colour with its noun 색 (so 으로 follows a consonant) and marks the object 을 after a consonant, 를 after a vowel
        if (language == Language.KO) kind += (kind.charAt(kind.length() - 1) - 0xAC00) % 28 != 0 ? "을" : "를";
        return String.format(PATTERNS.get(language), kind, colour);
    }

    private static String word(Lexicon lexicon, Subject kind) {
        return lexicon.entries().stream().filter(e -> e.sense() instanceof Lexicon.Sense.Kind k && k.kind() == kind)
                .findFirst().orElseThrow().phrase();
    }

}
