package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionerTest {
    private final Captioner captioner = new Captioner();
    private final SpecSampler sampler = new SpecSampler();

    private static final SceneSpec HORSE = SceneSpec.of(5, VideoFormat.DEFAULT, new ShotSpec(Scene.MEADOW, Camera.PAN_LEFT,
            List.of(new SubjectSpec(Subject.HORSE, Colour.BROWN, Size.LARGE, Action.GALLOP, Direction.RIGHT)), List.of()));

    @Test void sameSpecAndVariantGiveTheSameCaption() {
        for (long seed = 0; seed < 50; seed++) {
            SceneSpec spec = sampler.sample(seed, VideoFormat.DEFAULT);
            for (Language l : Language.values())
                assertThat(new Captioner().caption(spec, l, 99)).isEqualTo(captioner.caption(spec, l, 99));
        }
    }

    @Test void captionsAreOnePerLanguageInLanguageOrderWithTheSeedAsVariant() {
        SceneSpec spec = sampler.sample(12, VideoFormat.DEFAULT);
        Map<Language, String> all = captioner.captions(spec);
        assertThat(all.keySet()).containsExactly(Language.values());
        for (Language l : Language.values()) assertThat(all.get(l)).isEqualTo(captioner.caption(spec, l, spec.seed()));
    }

    @Test void variantsParaphraseASingleSubject() {
        for (Language l : Language.values()) {
            Set<String> distinct = new HashSet<>();
            for (long variant = 0; variant < 20; variant++) distinct.add(captioner.caption(HORSE, l, variant));
            assertThat(distinct).as(l + " paraphrases").hasSizeGreaterThanOrEqualTo(8);
        }
    }

    /** Sentence structure, word order and synonyms all vary: one spec gets many captions over 200 variants. */
    @Test void manyParaphrasesPerLanguage() {
        for (Language l : Language.values()) {
            Set<String> shapes = new HashSet<>();
            for (long seed = 0; seed < 200; seed++) {
                SceneSpec spec = SceneSpec.of(seed, VideoFormat.DEFAULT, HORSE.shots().getFirst());
                shapes.add(captioner.caption(spec, l, seed));
            }
            assertThat(shapes).as(l + " captions of one spec over 200 variants").hasSizeGreaterThanOrEqualTo(25);
        }
    }

    @Test void captionsReadNaturally() {
        SceneSpec two = SceneSpec.of(1, VideoFormat.DEFAULT, new ShotSpec(Scene.BEACH, Camera.STATIC, List.of(
                new SubjectSpec(Subject.BIRD, Colour.WHITE, Size.SMALL, Action.FLY, Direction.LEFT),
                new SubjectSpec(Subject.BOX, Colour.GREEN, Size.MEDIUM, Action.SPIN, Direction.NONE)),
                List.of(new RelationSpec(1, Relation.BELOW, 0))));
        Set<String> de = new HashSet<>(), fr = new HashSet<>(), ko = new HashSet<>(), zh = new HashSet<>(), yue = new HashSet<>();
        for (long v = 0; v < 60; v++) {
            de.add(captioner.caption(two, Language.DE, v));
            fr.add(captioner.caption(two, Language.FR, v));
            ko.add(captioner.caption(two, Language.KO, v));
            zh.add(captioner.caption(two, Language.ZH, v));
            yue.add(captioner.caption(two, Language.YUE, v));
        }
        // German gender and case: a masculine bird, a feminine or masculine box, dative after "unter".
        assertThat(String.join(" ", de)).contains("ein kleiner weißer Vogel").doesNotContain("ein kleines weißes Vogel")
                .containsAnyOf("grüne Kiste", "grüner Würfel", "grüne Schachtel");
        // French agreement and elision: "un petit oiseau blanc", "de l'oiseau blanc".
        assertThat(String.join(" ", fr)).contains("un petit oiseau blanc").contains("l'oiseau blanc").doesNotContain("le oiseau");
        // Korean particles follow the last syllable: 새가 (open), 상자가 / 박스가.
        assertThat(String.join(" ", ko)).contains("새가").doesNotContain("새이 ");
        // Measure words: 一只 bird in Mandarin, 一隻 ... 雀 in Cantonese with 喺 and 嘅.
        assertThat(String.join(" ", zh)).contains("一只").contains("鸟");
        assertThat(String.join(" ", yue)).contains("一隻").contains("嘅").contains("喺");
    }

    @Test void everyCaptionNamesTheCutBetweenTwoShots() {
        PromptParser parser = new PromptParser();
        for (long seed = 0; seed < 400; seed++) {
            SceneSpec spec = sampler.sample(seed, VideoFormat.DEFAULT);
            if (spec.shots().size() != 2) continue;
            for (Language l : Language.values())
                assertThat(parser.parse(captioner.caption(spec, l, seed + 1)).shots()).as(l + " seed " + seed).hasSize(2);
        }
    }
}
