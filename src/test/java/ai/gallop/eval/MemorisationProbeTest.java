package ai.gallop.eval;

import ai.gallop.world.RenderedClip;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemorisationProbeTest {
    private final World world = new World();
    private final PromptSuite.Entry bigPinkBox = PromptSuite.load("dev").entries().get(85);
    private final RenderedClip truth = world.render(bigPinkBox.spec());

    @Test
    void theClipItselfScoresAtTheCapOnEveryPixel() {
        double[] itself = MemorisationProbe.psnr(truth.video().frames(), truth);

        assertThat(itself).containsExactly(ImageFidelity.MAX_PSNR, ImageFidelity.MAX_PSNR);
    }

    @Test
    void aSubjectInAnotherColourIsScoredOnItsOwnPixels() {
        RenderedClip recoloured = world.render(SpecSampler.training().recoloured(bigPinkBox.spec(), 1));

        double[] score = MemorisationProbe.psnr(recoloured.video().frames(), truth);

        assertThat(score[1]).as("subjects").isLessThan(15);
        assertThat(score[0]).as("all pixels, the scene unchanged").isGreaterThan(score[1] + 5);
    }
}
