package ai.gallop.eval;

import ai.gallop.world.RenderedClip;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemorisationProbeTest {
    @Test
    void theClipItselfScoresFarAboveAnotherRenderOfTheSamePrompt() {
        World world = new World();
        PromptSuite.Entry entry = PromptSuite.load("dev").entries().get(85);   // one big pink box rising in a meadow
        RenderedClip truth = world.render(entry.spec());
        RenderedClip otherSeed = world.render(world.parse(entry.prompt()).toSpec(entry.seed() + 1, entry.spec().format()));

        double[] itself = MemorisationProbe.psnr(truth.video().frames(), truth);
        double[] other = MemorisationProbe.psnr(otherSeed.video().frames(), truth);

        assertThat(itself[0]).isGreaterThan(90);
        assertThat(itself[1]).isGreaterThan(90);
        assertThat(other[1]).as("subject pixels of another render").isLessThan(20).isLessThan(other[0] + 5);
    }
}
