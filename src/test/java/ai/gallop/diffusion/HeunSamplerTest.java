package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TextTokeniser;
import ai.gallop.model.TokenLayout;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static ai.gallop.diffusion.FlowMatchingTest.maxAbs;
import static ai.gallop.diffusion.FlowMatchingTest.randomTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Heun sampler, the sampler choice by name, and guidance with one scale for picture and one for sound. */
class HeunSamplerTest {
    private static final ModelConfig MICRO = ModelConfig.micro();

    /** 16x16x5 clips (48 video tokens each) with 4 audio tokens. */
    static TokenLayout layout(Tensor text) {
        return TokenLayout.of(MICRO, (int) text.size(1), 0, 16, 16, 5, 8, 4);
    }

    static Tensor texts(String... captions) { return MICRO.textTokeniser().batch(List.of(captions)); }

    static Denoiser fixed(Tensor video, Tensor audio) {
        return in -> new ModelOutput(video.expand(in.video().shape()).contiguous(), audio.expand(in.audio().shape()).contiguous());
    }

    @Test
    void heunLandsExactlyOnAFixedX0WithTwoEvaluationsPerStepButOneOnTheLast() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball", "a red ball");
            Tensor video = randomTensor(1, 1, 48, MICRO.videoPatchDim()), audio = randomTensor(2, 1, 4, MICRO.audioPatchDim());
            for (double shift : new double[]{1, 3}) {
                AtomicInteger calls = new AtomicInteger();
                Denoiser counting = in -> {
                    calls.incrementAndGet();
                    return fixed(video, audio).predict(in);
                };
                HeunSampler sampler = new HeunSampler(7, shift, Guidance.none());
                List<Integer> heard = new ArrayList<>();
                ModelOutput out = sampler.sample(counting, MICRO, new SamplingTask(layout(text), text, null, null, null, null, 0, 5, List.of()),
                        (stage, done, total) -> heard.add(done), new Cancellation());
                assertThat(out.video().shape()).containsExactly(2, 48, MICRO.videoPatchDim());
                assertThat(maxAbs(out.video(), video.expand(out.video().shape()))).isLessThan(1e-5);
                assertThat(maxAbs(out.audio(), audio.expand(out.audio().shape()))).isLessThan(1e-5);
                assertThat(calls.get()).isEqualTo(13).isEqualTo(sampler.evaluations());
                assertThat(heard).containsExactly(1, 2, 3, 4, 5, 6, 7);
            }
        }
    }

    /**
     * Data x0 ~ N(mu, s^2) per element: the best x0 prediction is known in closed form, and the flow's exact
     * end point from noise z is mu + s z (the flow only rescales a Gaussian). At equal steps Heun's error is a
     * fraction of Euler's, and halving the step shrinks it about four times (second order) against two for Euler.
     */
    @Test
    void heunTracksAKnownFlowMoreAccuratelyThanEulerAtEqualSteps() {
        double euler8 = gaussianFlowError(new EulerSampler(8, 1, Guidance.none()));
        double euler16 = gaussianFlowError(new EulerSampler(16, 1, Guidance.none()));
        double heun8 = gaussianFlowError(new HeunSampler(8, 1, Guidance.none()));
        double heun16 = gaussianFlowError(new HeunSampler(16, 1, Guidance.none()));
        assertThat(heun8).as("Heun error %s vs Euler %s at 8 steps", heun8, euler8).isLessThan(euler8 / 4);
        assertThat(heun16).isLessThan(euler16 / 8);
        assertThat(euler8 / euler16).as("Euler is first order").isBetween(1.6, 2.4);
        assertThat(heun8 / heun16).as("Heun is second order").isGreaterThan(3.2);
    }

    private static double gaussianFlowError(Sampler sampler) {
        double mu = 0.3, sd = 0.5;
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            // outside the steps' scopes, so they outlive the step that fills them
            Tensor[] start = {org.bytedeco.pytorch.global.torch.zeros(1, 48, MICRO.videoPatchDim()),
                    org.bytedeco.pytorch.global.torch.zeros(1, 4, MICRO.audioPatchDim())};
            boolean[] seen = {false};
            Denoiser gaussian = in -> {
                if (!seen[0]) {                               // the first call sees the starting noise at t = 1
                    seen[0] = true;
                    start[0].copy_(in.video());
                    start[1].copy_(in.audio());
                }
                return gaussian(mu, sd).predict(in);
            };
            ModelOutput out = sampler.sample(gaussian, MICRO, new SamplingTask(layout(text), text, null, null, null, null, 0, 11, List.of()),
                    ProgressListener.NONE, new Cancellation());
            Tensor exactVideo = start[0].mul(new Scalar(sd)).add(new Scalar(mu));
            Tensor exactAudio = start[1].mul(new Scalar(sd)).add(new Scalar(mu));
            return Math.max(maxAbs(out.video(), exactVideo), maxAbs(out.audio(), exactAudio));
        }
    }

    /** The exact x0 prediction, picture and sound, for data x0 ~ N(mu, s^2) per element. */
    static Denoiser gaussian(double mu, double sd) {
        return in -> new ModelOutput(posteriorMean(in.video(), in.videoTime(), mu, sd), posteriorMean(in.audio(), in.audioTime(), mu, sd));
    }

    /** E[x0 | x_t] for x0 ~ N(mu, s^2), x_t = (1 - t) x0 + t e: mu + (1 - t) s^2 / ((1 - t)^2 s^2 + t^2) (x_t - (1 - t) mu). */
    private static Tensor posteriorMean(Tensor x, Tensor time, double mu, double sd) {
        Tensor t = time.unsqueeze(2).to(ScalarType.Double);                                  // [B, L, 1]
        Tensor keep = t.neg().add(new Scalar(1.0));                                          // 1 - t
        Tensor gain = keep.mul(new Scalar(sd * sd)).div(keep.square().mul(new Scalar(sd * sd)).add(t.square()));
        return gain.mul(x.to(ScalarType.Double).sub(keep.mul(new Scalar(mu)))).add(new Scalar(mu)).to(ScalarType.Float);
    }

    @Test
    void pictureAndSoundAreGuidedWithTheirOwnScalesFromTwoPasses() {
        try (PointerScope s = new PointerScope()) {
            Tensor both = texts("a red ball", "");
            Tensor text = both.narrow(0, 0, 1), nullText = both.narrow(0, 1, 1);
            Tensor cv = randomTensor(3, 1, 48, MICRO.videoPatchDim()), uv = randomTensor(4, 1, 48, MICRO.videoPatchDim());
            Tensor ca = randomTensor(5, 1, 4, MICRO.audioPatchDim()), ua = randomTensor(6, 1, 4, MICRO.audioPatchDim());
            for (Sampler sampler : List.of(Sampler.of("euler", 5, 2, new Guidance(4, 1.5)), Sampler.of("HEUN", 5, 2, new Guidance(4, 1.5)))) {
                List<Long> batches = java.util.Collections.synchronizedList(new ArrayList<>());
                Denoiser byCaption = in -> {
                    batches.add(in.batch());
                    Tensor hasText = in.text().select(1, 1).ne(new Scalar((long) TextTokeniser.EOS)).to(ScalarType.Float)
                            .view(in.batch(), 1, 1);                                         // [N, 1, 1] 1 = conditional row
                    Tensor otherwise = hasText.neg().add(new Scalar(1.0));
                    return new ModelOutput(cv.mul(hasText).add(uv.mul(otherwise)), ca.mul(hasText).add(ua.mul(otherwise)));
                };
                ModelOutput out = sampler.sample(byCaption, MICRO, new SamplingTask(layout(text), text, nullText, null, null, null, 0, 9, List.of()),
                        ProgressListener.NONE, new Cancellation());
                assertThat(maxAbs(out.video(), Guidance.combine(cv, uv, 4))).as(sampler.name()).isLessThan(1e-4);
                assertThat(maxAbs(out.audio(), Guidance.combine(ca, ua, 1.5))).as(sampler.name()).isLessThan(1e-4);
                assertThat(maxAbs(out.audio(), Guidance.combine(ca, ua, 4))).as("audio did not take the picture's scale").isGreaterThan(0.1);
                assertThat(batches).as("a conditional and an unconditional pass per evaluation").hasSize(2 * sampler.evaluations()).containsOnly(1L);
            }
        }
    }

    @Test
    void cleanConditionTokensStayAndCancellationStopsWithinOneStep() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            Tensor condition = randomTensor(6, 1, 48, MICRO.videoPatchDim()), target = randomTensor(7, 1, 48, MICRO.videoPatchDim());
            Tensor audio = randomTensor(8, 1, 4, MICRO.audioPatchDim());
            AtomicLong wrongTimes = new AtomicLong();
            Denoiser check = in -> {
                if (in.videoTime().narrow(1, 0, 16).abs().max().item_double() != 0) wrongTimes.incrementAndGet();
                if (in.videoTime().narrow(1, 16, 32).min().item_double() <= 0) wrongTimes.incrementAndGet();
                return fixed(target, audio).predict(in);
            };
            ModelOutput out = new HeunSampler(5, 2, Guidance.none()).sample(check, MICRO, new SamplingTask(layout(text), text, null, null, null, condition, 16, 1, List.of()),
                    ProgressListener.NONE, new Cancellation());
            assertThat(wrongTimes.get()).isZero();
            assertThat(out.video().narrow(1, 0, 16).equal(condition.narrow(1, 0, 16))).isTrue();
            assertThat(maxAbs(out.video().narrow(1, 16, 32), target.narrow(1, 16, 32))).isLessThan(1e-5);

            Cancellation cancel = new Cancellation();
            AtomicInteger calls = new AtomicInteger(), steps = new AtomicInteger();
            Denoiser counting = in -> {
                calls.incrementAndGet();
                return fixed(target, audio).predict(in);
            };
            assertThatThrownBy(() -> new HeunSampler(10, 1, Guidance.none()).sample(counting, MICRO,
                    new SamplingTask(layout(text), text, null, null, null, null, 0, 1, List.of()), (stage, done, total) -> {
                        steps.set(done);
                        if (done == 3) cancel.cancel();
                    }, cancel)).isInstanceOf(CancellationException.class);
            assertThat(steps.get()).isEqualTo(3);
            assertThat(calls.get()).isEqualTo(6);
        }
    }

    @Test
    void samplersAreChosenByNameAndBadValuesAreOneLine() {
        assertThat(Sampler.of("euler", 3, 1, Guidance.none())).isInstanceOf(EulerSampler.class);
        assertThat(Sampler.of(" Heun ", 3, 1, Guidance.none())).isInstanceOf(HeunSampler.class);
        assertThatThrownBy(() -> Sampler.of("dpm", 3, 1, Guidance.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sampler 'dpm' is not available; allowed: euler, heun, ancestral");
        assertThatThrownBy(() -> new HeunSampler(0, 1, Guidance.none())).hasMessage("steps 0 is out of range; allowed: 1 to 1000");
        assertThatThrownBy(() -> new HeunSampler(4, 0, Guidance.none())).hasMessage("shift 0.0 is out of range; allowed: above 0, at most 100");
        assertThat(new HeunSampler(1, 1, Guidance.none()).evaluations()).isEqualTo(1);
    }
}
