package ai.gallop.diffusion;

import ai.gallop.NativeHeap;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TextTokeniser;
import ai.gallop.model.TokenLayout;
import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.world.CameraView;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
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
import static org.assertj.core.api.Assertions.within;

class EulerSamplerTest {
    private static final ModelConfig MICRO = ModelConfig.micro();

    /** Two 16x16x5 clips (48 video tokens each) with 4 audio tokens. */
    private static TokenLayout layout(Tensor text) {
        return TokenLayout.of(MICRO, (int) text.size(1), 0, 16, 16, 5, 8, 4);
    }

    private static Tensor texts(String... captions) { return MICRO.textTokeniser().batch(List.of(captions)); }

    /** A denoiser that always predicts the same clean tokens, whatever it is given. */
    private static Denoiser fixed(Tensor video, Tensor audio) {
        return in -> new ModelOutput(video.expand(in.video().shape()).contiguous(), audio.expand(in.audio().shape()).contiguous());
    }

    @Test
    void aModelThatAlwaysPredictsTheSameX0IsLandedOnExactly() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball", "a red ball");
            TokenLayout layout = layout(text);
            Tensor video = randomTensor(1, 1, 48, MICRO.videoPatchDim()), audio = randomTensor(2, 1, 4, MICRO.audioPatchDim());
            for (double shift : new double[]{1, 3}) {
                EulerSampler sampler = new EulerSampler(7, shift, Guidance.none());
                double[] schedule = sampler.schedule();
                assertThat(schedule[0]).isEqualTo(1.0);
                assertThat(schedule[7]).isEqualTo(0.0);
                for (int i = 0; i < 7; i++) assertThat(schedule[i + 1]).isLessThan(schedule[i]);
                ModelOutput out = sampler.sample(fixed(video, audio), MICRO, new SamplingTask(layout, text, null, null, null, null, 0, 5, List.of()),
                        ProgressListener.NONE, new Cancellation());
                assertThat(out.video().shape()).containsExactly(2, 48, MICRO.videoPatchDim());
                assertThat(maxAbs(out.video(), video.expand(out.video().shape()))).isLessThan(1e-5);
                assertThat(maxAbs(out.audio(), audio.expand(out.audio().shape()))).isLessThan(1e-5);
            }
        }
    }

    @Test
    void aModelWithAFrameNoiseShareStartsFromNoiseThatItsFramesShare() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            for (double share : new double[]{0, 0.9}) {
                ModelConfig config = MICRO.withFrameNoiseShare(share);
                TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, 32, 32, 9, 8, 4);  // 5 token frames of 64 tokens
                // the first call sees x at t = 1, the noise itself: frames 2 and 7 at one position, over 64 x 48 values
                List<Double> correlations = new ArrayList<>();
                Denoiser recording = in -> {
                    correlations.add(FrameNoiseTest.correlation(in.video(), 5, config.patchFrames(), 2, 7, 0));
                    return new ModelOutput(in.video().mul(new Scalar(0.0)), in.audio().mul(new Scalar(0.0)));
                };
                new EulerSampler(2, 1, Guidance.none()).sample(recording, config, new SamplingTask(layout, text, null, null, null, null, 0, 5, List.of()),
                        ProgressListener.NONE, new Cancellation());
                assertThat(correlations.getFirst()).as("share %s", share).isCloseTo(share, within(0.08));
            }
        }
    }

    @Test
    void aModelWithCameraNoiseStartsFromNoiseThatMovesWithTheTasksCamera() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            ModelConfig config = MICRO.withFrameNoiseShare(0.9).withCameraNoise(true);
            TokenLayout layout = TokenLayout.of(config, (int) text.size(1), 0, 32, 32, 9, 8, 4);  // 5 token frames of 8 x 8 tokens
            List<CameraView> pan = new ArrayList<>();
            for (int f = 0; f < 9; f++) pan.add(new CameraView(4 * f, 0, 1));                  // one token (4 pixels) a frame
            for (List<CameraView> camera : List.of(List.<CameraView>of(), pan)) {
                // the first call sees the noise itself; frames 2 and 1 (token slots 3 and 2) at one position, and a token
                // against its right-hand neighbour a frame earlier, which shows the same place
                List<double[]> correlations = new ArrayList<>();
                Denoiser recording = in -> {
                    correlations.add(new double[]{FrameNoiseTest.correlation(in.video(), 5, config.patchFrames(), 3, 2, 0),
                            FrameNoiseTest.correlation(in.video(), 5, config.patchFrames(), 3, 2, 1)});
                    return new ModelOutput(in.video().mul(new Scalar(0.0)), in.audio().mul(new Scalar(0.0)));
                };
                new EulerSampler(2, 1, Guidance.none()).sample(recording, config, new SamplingTask(layout, text, null, null, null, null, 0, 5, camera),
                        ProgressListener.NONE, new Cancellation());
                double same = correlations.getFirst()[0], moved = correlations.getFirst()[1];
                if (camera.isEmpty()) {
                    assertThat(same).as("no views: a still camera").isCloseTo(0.9, within(0.08));
                    assertThat(moved).isCloseTo(0, within(0.1));
                } else {
                    assertThat(same).isCloseTo(0, within(0.1));
                    assertThat(moved).as("7 of 8 pairs are neighbours").isCloseTo(0.9 * 7 / 8, within(0.08));
                }
            }
            assertThatThrownBy(() -> new SamplingTask(layout, text, null, null, null, null, 0, 5, pan.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("3 camera views for 9 frames; allowed: one per frame or none");
        }
    }

    @Test
    void guidedSamplingRunsAConditionalAndAnUnconditionalPassAndLandsOnTheGuidedPrediction() {
        try (PointerScope s = new PointerScope()) {
            Tensor both = texts("a red ball", "");
            Tensor text = both.narrow(0, 0, 1), nullText = both.narrow(0, 1, 1);
            TokenLayout layout = layout(text);
            Tensor conditional = randomTensor(3, 1, 48, MICRO.videoPatchDim()), unconditional = randomTensor(4, 1, 48, MICRO.videoPatchDim());
            Tensor audio = randomTensor(5, 1, 4, MICRO.audioPatchDim());
            AtomicInteger calls = new AtomicInteger();
            List<Long> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.Set<String> unconditionalThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Denoiser byCaption = in -> {
                calls.incrementAndGet();
                batchSizes.add(in.batch());
                if (in.text().select(1, 1).item_long() == TextTokeniser.EOS) unconditionalThreads.add(Thread.currentThread().getName());
                // rows whose caption is not empty (byte after BOS is not EOS) get the conditional x0
                Tensor hasText = in.text().select(1, 1).ne(new Scalar((long) TextTokeniser.EOS)).to(org.bytedeco.pytorch.global.torch.ScalarType.Float)
                        .view(in.batch(), 1, 1);                                                       // [N, 1, 1]
                Tensor v = conditional.mul(hasText).add(unconditional.mul(hasText.neg().add(new Scalar(1.0))));
                return new ModelOutput(v, audio.expand(in.audio().shape()).contiguous());
            };
            List<Integer> heard = new ArrayList<>();
            ModelOutput out = new EulerSampler(6, 1, new Guidance(4)).sample(byCaption, MICRO,
                    new SamplingTask(layout, text, nullText, null, null, null, 0, 9, List.of()), (stage, done, total) -> heard.add(done), new Cancellation());
            Tensor expected = unconditional.add(conditional.sub(unconditional).mul(new Scalar(4.0)));
            assertThat(maxAbs(out.video(), expected)).isLessThan(1e-4);
            assertThat(calls.get()).isEqualTo(12);
            assertThat(batchSizes).containsOnly(1L);
            if (Sampler.passesAtOnce())
                assertThat(unconditionalThreads).as("the unconditional pass runs beside the conditional one").doesNotContain(Thread.currentThread().getName());
            else assertThat(unconditionalThreads).containsOnly(Thread.currentThread().getName());
            assertThat(heard).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aPassThatFailsOnTheOtherThreadFailsTheSamplingWithItsOwnError() {
        try (PointerScope s = new PointerScope()) {
            Tensor both = texts("a red ball", "");
            Tensor text = both.narrow(0, 0, 1), nullText = both.narrow(0, 1, 1);
            Tensor video = randomTensor(1, 1, 48, MICRO.videoPatchDim()), audio = randomTensor(2, 1, 4, MICRO.audioPatchDim());
            Denoiser failsUnconditionally = in -> {
                if (in.text().select(1, 1).item_long() == TextTokeniser.EOS) throw new IllegalStateException("unconditional pass failed");
                return fixed(video, audio).predict(in);
            };
            assertThatThrownBy(() -> new EulerSampler(3, 1, new Guidance(3)).sample(failsUnconditionally, MICRO,
                    new SamplingTask(layout(text), text, nullText, null, null, null, 0, 1, List.of()), ProgressListener.NONE, new Cancellation()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("unconditional pass failed");
        }
    }

    @Test
    void cleanConditionTokensKeepTheirValuesAndTimeZero() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            TokenLayout layout = layout(text);
            Tensor condition = randomTensor(6, 1, 48, MICRO.videoPatchDim()), target = randomTensor(7, 1, 48, MICRO.videoPatchDim());
            Tensor audio = randomTensor(8, 1, 4, MICRO.audioPatchDim());
            AtomicLong wrongTimes = new AtomicLong();
            Denoiser check = in -> {
                if (in.videoTime().narrow(1, 0, 16).abs().max().item_double() != 0) wrongTimes.incrementAndGet();
                if (in.videoTime().narrow(1, 16, 32).min().item_double() <= 0) wrongTimes.incrementAndGet();
                return fixed(target, audio).predict(in);
            };
            ModelOutput out = new EulerSampler(5, 2, Guidance.none()).sample(check, MICRO, new SamplingTask(layout, text, null, null, null, condition, 16, 1, List.of()),
                    ProgressListener.NONE, new Cancellation());
            assertThat(wrongTimes.get()).isZero();
            assertThat(out.video().narrow(1, 0, 16).equal(condition.narrow(1, 0, 16))).isTrue();
            assertThat(maxAbs(out.video().narrow(1, 16, 32), target.narrow(1, 16, 32))).isLessThan(1e-5);
        }
    }

    @Test
    void cancellationStopsBeforeTheNextStep() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            Tensor video = randomTensor(1, 1, 48, MICRO.videoPatchDim()), audio = randomTensor(2, 1, 4, MICRO.audioPatchDim());
            Cancellation cancel = new Cancellation();
            AtomicInteger steps = new AtomicInteger();
            assertThatThrownBy(() -> new EulerSampler(10, 1, Guidance.none()).sample(fixed(video, audio), MICRO,
                    new SamplingTask(layout(text), text, null, null, null, null, 0, 1, List.of()), (stage, done, total) -> {
                        steps.set(done);
                        if (done == 3) cancel.cancel();
                    }, cancel)).isInstanceOf(CancellationException.class);
            assertThat(steps.get()).isEqualTo(3);
        }
    }

    @Test
    void aHundredStepGuidedLoopWithTheRealModelDoesNotGrowMemory() throws Exception {
        try (PointerScope outer = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 3)) {
            Tensor both = texts("a red ball bounces", "");
            Tensor text = both.narrow(0, 0, 1), nullText = both.narrow(0, 1, 1);
            long[] heap = new long[2];
            new EulerSampler(100, 3, new Guidance(3)).sample(model::forward, MICRO, new SamplingTask(layout(text), text, nullText, null, null, null, 0, 1, List.of()),
                    (stage, done, total) -> {
                        // from step 30: the first steps still make one-time allocations (+7 MB between steps 10 and 20,
                        // then within 0.3 MB to step 100)
                        if (done == 30) heap[0] = NativeHeap.inUse();
                        if (done == 100) heap[1] = NativeHeap.inUse();
                    }, new Cancellation());
            long growth = heap[1] - heap[0];
            assertThat(growth).as("native heap growth over 70 sampling steps: %d bytes", growth).isLessThan(24L << 20);
        }
    }

    @Test
    void badTasksAreRefusedWithOneLine() {
        try (PointerScope s = new PointerScope()) {
            Tensor text = texts("a red ball");
            assertThatThrownBy(() -> new SamplingTask(layout(text), text, null, null, null, null, 48, 1, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("clean video tokens 48 is out of range; allowed: 0 to 47");
            assertThatThrownBy(() -> new EulerSampler(0, 1, Guidance.none())).hasMessage("steps 0 is out of range; allowed: 1 to 1000");
        }
    }
}
