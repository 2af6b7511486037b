package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditInstructionTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    private static SceneSpec scene(SubjectSpec... subjects) {
        return SceneSpec.of(1, CLIP, new ShotSpec(Scene.BEACH, Camera.STATIC, List.of(subjects),
                subjects.length == 2 ? List.of(new RelationSpec(1, Vocabulary.Relation.values()[0], 0)) : List.of()));
    }

    private static SubjectSpec subject(Subject kind, Colour colour) {
        return new SubjectSpec(kind, colour, Size.LARGE, Action.BOUNCE, Direction.NONE);
    }

    @Test void namesEveryRepaintedSubjectWithItsNewColour() {
        SceneSpec red = scene(subject(Subject.BALL, Colour.RED), subject(Subject.HORSE, Colour.BROWN));
        SceneSpec blue = scene(subject(Subject.BALL, Colour.BLUE), subject(Subject.HORSE, Colour.BROWN));
        SceneSpec both = scene(subject(Subject.BALL, Colour.BLUE), subject(Subject.HORSE, Colour.WHITE));
        assertThat(EditInstruction.between(red, blue, Language.EN)).isEqualTo("make the ball blue");
        assertThat(EditInstruction.between(red, both, Language.EN)).isEqualTo("make the ball blue, make the horse white");
        assertThat(EditInstruction.between(blue, red, Language.EN)).isEqualTo("make the ball red");
        assertThat(EditInstruction.between(red, red, Language.EN)).as("nothing to change").isEmpty();
        for (Language language : Language.values())
            assertThat(EditInstruction.between(red, blue, language)).as(language.tag).isNotBlank().isNotEqualTo(EditInstruction.between(red, both, language));
        assertThat(EditInstruction.between(red, blue, Language.ZH)).isEqualTo("把球变成蓝色");
        assertThat(EditInstruction.between(red, both, Language.KO)).as("을 after a consonant, 를 after a vowel; the colour with 색")
                .isEqualTo("공을 파란색으로 바꿔, 말을 하얀색으로 바꿔");
        assertThat(EditInstruction.between(red, both, Language.DE)).as("the accusative article, the noun capitalised")
                .isEqualTo("mach den Ball blau, mach das Pferd weiß");
        assertThat(EditInstruction.between(red, both, Language.FR)).as("the article, the colour agreeing with the noun")
                .isEqualTo("rends la balle bleue, rends le cheval blanc");
        assertThat(EditInstruction.between(scene(subject(Subject.BIRD, Colour.RED)), scene(subject(Subject.BIRD, Colour.GREEN)), Language.FR))
                .isEqualTo("rends l'oiseau vert");
        assertThat(EditInstruction.between(scene(subject(Subject.BOX, Colour.RED)), scene(subject(Subject.BOX, Colour.BLACK)), Language.DE))
                .isEqualTo("mach die Kiste schwarz");
        SceneSpec redBird = scene(subject(Subject.BIRD, Colour.RED));
        assertThat(EditInstruction.between(redBird, scene(subject(Subject.BIRD, Colour.BROWN)), Language.KO)).isEqualTo("새를 갈색으로 바꿔");
    }

    @Test void aPairThatIsNotOneSceneInOtherColoursIsRefused() {
        SceneSpec one = scene(subject(Subject.BALL, Colour.RED));
        SceneSpec two = scene(subject(Subject.BALL, Colour.BLUE), subject(Subject.HORSE, Colour.BROWN));
        assertThatThrownBy(() -> EditInstruction.between(one, two, Language.EN))
                .hasMessage("an edit's source shot 1 has 1 subjects and its target 2; allowed: the same subjects in other colours");
    }
}
