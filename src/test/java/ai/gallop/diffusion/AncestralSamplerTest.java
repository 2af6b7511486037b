package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.gallop.diffusion.FlowMatchingTest.maxAbs;
import static ai.gallop.diffusion.FlowMatchingTest.randomTensor;
import static ai.gallop.diffusion.HeunSamplerTest.fixed;
import static ai.gallop.diffusion.HeunSamplerTest.gaussian;
import static ai.gallop.diffusion.HeunSamplerTest.layout;
import static ai.gallop.diffusion.HeunSamplerTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ancestral (DDPM) sampler: its posterior steps, its draws from the seed, and what it keeps of a condition. */
class AncestralSamplerTest {
    private static final ModelConfig MICRO = ModelConfig.micro();
    private static final double MU = 0.3, SD = 0.5;

    private static SamplingTask task(Tensor text, Tensor condition, int clean, long seed) {
        return new SamplingTask(layout(text), text, null, null, null, condition, clean, seed, List.of());
    }

    @Test
    void landsOnAFixedX0WithOneEvaluationPerStepKeepsCleanTokensAndDrawsFromTheSeed() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            Tensor condition = randomTensor(1, 1, 48, MICRO.videoPatchDim()), target = randomTensor(2, 1, 48, MICRO.videoPatchDim());
            Tensor audio = randomTensor(3, 1, 4, MICRO.audioPatchDim());
            AtomicInteger calls = new AtomicInteger();
            Denoiser counting = in -> {
                calls.incrementAndGet();
                return fixed(target, audio).predict(in);
            };
            AncestralSampler sampler = new AncestralSampler(6, 3, Guidance.none(), 1);
            List<Integer> heard = new ArrayList<>();
            ModelOutput out = sampler.sample(counting, MICRO, task(text, condition, 16, 5), (stage, done, total) -> heard.add(done), new Cancellation());
            assertThat(out.video().narrow(1, 0, 16).equal(condition.narrow(1, 0, 16))).as("the clean first frame stays").isTrue();
            assertThat(maxAbs(out.video().narrow(1, 16, 32), target.narrow(1, 16, 32))).isLessThan(1e-5);
            assertThat(maxAbs(out.audio(), audio)).isLessThan(1e-5);
            assertThat(calls.get()).isEqualTo(6).isEqualTo(sampler.evaluations());
            assertThat(heard).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndFreshNoiseLeavesEulersPath() {
        try (PointerScope s = new PointerScope()) {
            ModelOutput a = onGaussian(new AncestralSampler(8, 1, Guidance.none(), 1), 7), b = onGaussian(new AncestralSampler(8, 1, Guidance.none(), 1), 7);
            assertThat(a.video().equal(b.video())).isTrue();
            assertThat(a.audio().equal(b.audio())).isTrue();
            assertThat(maxAbs(a.video(), onGaussian(new AncestralSampler(8, 1, Guidance.none(), 1), 8).video())).as("another seed").isGreaterThan(0.1);
            assertThat(maxAbs(a.video(), onGaussian(new EulerSampler(8, 1, Guidance.none()), 7).video())).as("Euler from the same starting noise")
                    .isGreaterThan(0.1);
        }
    }

    /**
     * Data x0 ~ N(mu, s^2) per element, the exact x0 prediction known in closed form: with many steps DDPM's posterior
     * steps keep the data's spread (0.97 of it at 128 steps in closed form; each prediction is a posterior mean, narrower
     * than the data, so fewer steps keep less: 0.91 at 32, 0.60 at 4, against Euler's 0.96 and 0.68).
     */
    @Test
    void onAGaussianTheSamplesKeepTheDatasMeanAndSpread() {
        try (PointerScope s = new PointerScope()) {
            ModelOutput out = onGaussian(new AncestralSampler(128, 1, Guidance.none(), 1), 11);
            assertThat(out.video().mean().item_double()).isCloseTo(MU, org.assertj.core.api.Assertions.within(0.03));
            assertThat(out.video().std().item_double() / SD).as("spread kept").isBetween(0.95, 1.0);
            assertThat(out.audio().std().item_double() / SD).isBetween(0.95, 1.0);
        }
    }

    /** A clip sampled from Gaussian data of mean {@link #MU} and spread {@link #SD} with the exact x0 prediction. */
    private static ModelOutput onGaussian(Sampler sampler, long seed) {
        Tensor text = texts("a red ball");
        return sampler.sample(gaussian(MU, SD), MICRO, task(text, null, 0, seed), ProgressListener.NONE, new Cancellation());
    }

    @Test
    void theChurnIsAllOfTheNoiseAtTheStartAndShrinksWithTheStep() {
        assertThat(AncestralSampler.churn(1, 0.9, 1)).isEqualTo(1.0);
        assertThat(AncestralSampler.churn(1, 0.9, 0.5)).isEqualTo(0.25);
        assertThat(AncestralSampler.churn(0.5, 0.45, 1)).isLessThan(AncestralSampler.churn(0.5, 0.25, 1)).isGreaterThan(0);
        assertThat(Sampler.of("Ancestral", 4, 3, Guidance.none())).isEqualTo(new AncestralSampler(4, 3, Guidance.none(), AncestralSampler.DEFAULT_ETA));
        assertThatThrownBy(() -> new AncestralSampler(4, 1, Guidance.none(), 0)).hasMessage("eta 0.0 is out of range; allowed: above 0, at most 1");
    }
}
