package ai.gallop.eval;

import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The edit scores: PSNR against the world's answer falls as the clip strays from it, and the colour score with it. */
class EditReportTest {
    private static final VideoFormat CLIP = new VideoFormat(64, 64, 8, 17);

    @Test void psnrAgainstTheAnswerDropsForTheUneditedClipAndMoreForAnUnrelatedOne() {
        World world = new World();
        SceneSpec spec = world.sample(11, CLIP);
        Video answer = world.render(spec).video();
        Video unedited = world.render(new SpecSampler().recoloured(spec, 11)).video();
        Video unrelated = world.render(world.sample(12, CLIP)).video();
        double perfect = EditReport.psnr(answer, answer), kept = EditReport.psnr(unedited, answer), lost = EditReport.psnr(unrelated, answer);
        assertThat(perfect).isEqualTo(ImageFidelity.MAX_PSNR);
        assertThat(kept).as("only the subjects' paint differs").isLessThan(perfect).isGreaterThan(lost + 3);
        Evaluator evaluator = new Evaluator();
        String prompt = world.caption(spec, ai.gallop.world.Vocabulary.Language.EN);
        assertThat(evaluator.evaluate(answer, prompt, null).score(SemanticDimensions.COLOUR)).isEqualTo(1.0);
        assertThat(evaluator.evaluate(unedited, prompt, null).score(SemanticDimensions.COLOUR)).as("every subject repainted").isEqualTo(0.0);
        assertThatThrownBy(() -> EditReport.psnr(answer, new Video(8, answer.frames().subList(0, 9), null)))
                .hasMessage("clips of 17 and 9 frames; allowed: two clips of the same length");
    }

    @Test void theSoundMatchFallsForAnotherClipsSoundALateSoundAndSilence() {
        World world = new World();
        SceneSpec spec = world.sample(11, CLIP);
        Video answer = world.render(spec).video();
        Video unedited = world.render(new SpecSampler().recoloured(spec, 11)).video();
        float[] samples = answer.sound().samples(), late = new float[samples.length];
        int shift = answer.sound().sampleRate() / 4;
        System.arraycopy(samples, 0, late, shift, samples.length - shift);
        Video delayed = new Video(8, answer.frames(), new Sound(late, answer.sound().sampleRate()));
        double kept = EditReport.soundMatch(unedited, answer);
        assertThat(EditReport.soundMatch(answer, answer)).isCloseTo(1.0, within(1e-9));
        assertThat(kept).as("a recolouring keeps the sound").isGreaterThan(0.99);
        double otherClip = -1;
        for (long seed = 12; seed < 15; seed++) otherClip = Math.max(otherClip, EditReport.soundMatch(world.render(world.sample(seed, CLIP)).video(), answer));
        assertThat(otherClip).as("other clips' sounds").isLessThan(kept - 0.3);
        assertThat(EditReport.soundMatch(delayed, answer)).as("the same sound 250 ms late").isLessThan(kept - 0.3);
        assertThat(EditReport.soundMatch(new Video(8, answer.frames(), null), answer)).as("no sound").isZero();
        assertThat(EditReport.soundMatch(new Video(8, answer.frames(), new Sound(new float[samples.length], 16000)), answer)).as("silence").isZero();
    }

    @Test void theSummaryAveragesEveryEditAndLeavesOutColoursThePromptDoesNotName() {
        EditReport report = EditReport.of(List.of(new EditReport.Clip("a", "make the ball blue", 30, 20, 1.0, 0.0, 0.9, 1.0),
                new EditReport.Clip("b", "make the car red", 20, 18, null, null, 0.3, 0.9), new EditReport.Clip("c", "make the box red", 25, 16, 0.0, 0.0, 0.0, 0.8)));
        assertThat(report.psnr()).isEqualTo(25.0);
        assertThat(report.sourcePsnr()).isEqualTo(18.0);
        assertThat(report.colour()).isEqualTo(0.5);
        assertThat(report.sourceColour()).isEqualTo(0.0);
        assertThat(report.sound()).isCloseTo(0.4, within(1e-12));
        assertThat(report.sourceSound()).isCloseTo(0.9, within(1e-12));
        assertThatThrownBy(() -> EditReport.of(List.of())).hasMessage("no edits to report; allowed: one or more");
    }
}
