package ai.gallop.diffusion;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

class FlowMatchingTest {
    static Tensor randomTensor(long seed, long... shape) {
        return randn(shape, new GeneratorOptional(createCPUGenerator(seed)));
    }

    static double maxAbs(Tensor a, Tensor b) { return a.sub(b).abs().max().item_double(); }

    @Test
    void theTemporalLossScoresTheChangeBetweenFramesNotTheFramesThemselves() {
        try (PointerScope s = new PointerScope()) {
            long frames = 4, perFrame = 3;
            Tensor clean = randomTensor(5, 2, frames * perFrame, 6);                                // [B, F S, P]
            Tensor t = Tensor.create(new float[]{0.5f}).expand(2, frames * perFrame).contiguous();   // [B, F S]
            FlowMatching flow = FlowMatching.standard();
            // off by the same amount in every frame: a per-frame error, but nothing wrong with what changes
            Tensor offset = randomTensor(6, 2, 1, 6).repeat(1, frames * perFrame, 1);
            Tensor steady = clean.add(offset);
            assertThat(flow.loss(steady, clean, t).item_double()).isGreaterThan(0.1);
            assertThat(flow.temporalLoss(steady, clean, t, perFrame).item_double()).isCloseTo(0, within(1e-9));
            // a different error in every frame: the subject wobbles, and the temporal loss sees it
            Tensor wobbling = clean.add(randomTensor(7, 2, frames * perFrame, 6).mul(new org.bytedeco.pytorch.Scalar(0.3)));
            assertThat(flow.temporalLoss(wobbling, clean, t, perFrame).item_double()).isGreaterThan(0.1);
            assertThat(flow.temporalLoss(clean, clean, t, perFrame).item_double()).isZero();
        }
    }

    @Test
    void aNegativeThatDiffersOnlyOnSomeTokensPushesTheOptimumOnlyThereAndAwayFromIt() {
        try (PointerScope s = new PointerScope()) {
            FlowMatching flow = FlowMatching.standard();
            Tensor clean = randomTensor(10, 1, 6, 4);                                               // [B, L, P]
            Tensor t = Tensor.create(new float[]{0.5f, 0.5f, 0.5f, 0.9f, 0.9f, 0.9f}, 1, 6);        // [B, L]
            // a twin: the same clip except tokens 1 and 4, as a recoloured subject would be
            Tensor changed = Tensor.create(new float[]{0, 1, 0, 0, 1, 0}, 1, 6, 1);                 // [B, L, 1]
            Tensor negative = clean.add(randomTensor(11, 1, 6, 4).mul(changed));
            double w = 0.5;
            // the optimum of loss - w * lossAgainst by time, token by token: (clean - w t negative) / (1 - w t)
            Tensor wt = t.unsqueeze(2).mul(new org.bytedeco.pytorch.Scalar(w));                     // [B, L, 1]
            Tensor optimum = clean.sub(negative.mul(wt)).div(wt.neg().add(new org.bytedeco.pytorch.Scalar(1.0)));
            Tensor x = optimum.clone();
            x.set_requires_grad(true);
            Tensor objective = flow.loss(x, clean, t).sub(flow.lossAgainst(x, negative, t, null, true, 0).mul(new org.bytedeco.pytorch.Scalar(w)));
            objective.backward();
            assertThat(x.grad().abs().max().item_double()).as("the gradient vanishes at the stated optimum").isLessThan(1e-6);
            for (int token = 0; token < 6; token++) {
                double moved = maxAbs(optimum.narrow(1, token, 1), clean.narrow(1, token, 1));
                if (token == 1 || token == 4) {
                    double before = maxAbs(clean.narrow(1, token, 1), negative.narrow(1, token, 1));
                    assertThat(maxAbs(optimum.narrow(1, token, 1), negative.narrow(1, token, 1))).as("token " + token + " pushed away").isGreaterThan(before);
                } else assertThat(moved).as("token " + token + " where the twin is the same").isLessThan(1e-6);
            }
            // from t = 0.7 only token 4 of the two that differ counts; from above every t, none does
            double all = flow.lossAgainst(clean, negative, t, null, true, 0).item_double(), late = flow.lossAgainst(clean, negative, t, null, true, 0.7).item_double();
            assertThat(late).isPositive().isLessThan(all);
            assertThat(flow.lossAgainst(clean, negative, t, null, true, 0.95).item_double()).isZero();
        }
    }

    @Test
    void theLossAgainstOthersScoresEachClipAgainstThePreviousClipsTargetAndPaysForHedging() {
        try (PointerScope s = new PointerScope()) {
            FlowMatching flow = FlowMatching.standard();
            Tensor clean = randomTensor(8, 3, 5, 4);                                                 // [B, L, P]
            Tensor t = Tensor.create(new float[]{0.5f}).expand(3, 5).contiguous();                    // [B, L]
            Tensor predicted = randomTensor(9, 3, 5, 4);
            // clip 0 against clip 2, clip 1 against clip 0, clip 2 against clip 1
            Tensor previous = org.bytedeco.pytorch.global.torch.cat(new org.bytedeco.pytorch.TensorVector(
                    clean.narrow(0, 2, 1), clean.narrow(0, 0, 1), clean.narrow(0, 1, 1)), 0);
            assertThat(flow.lossAgainstOthers(predicted, clean, t, null, false).item_double())
                    .isCloseTo(flow.loss(predicted, previous, t).item_double(), within(1e-6));
            // the batch mean fits every clip a little: the plain loss prefers the exact clip to it, and the objective
            // with the others subtracted prefers it by more, which is what makes hedging cost
            Tensor hedge = clean.mean(new long[]{0}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).expand(3, 5, 4);
            double w = 0.2;
            double plainGap = flow.loss(hedge, clean, t).item_double() - flow.loss(clean, clean, t).item_double();
            double contrastGap = plainGap - w * (flow.lossAgainstOthers(hedge, clean, t, null, false).item_double()
                    - flow.lossAgainstOthers(clean, clean, t, null, false).item_double());
            assertThat(contrastGap).isGreaterThan(plainGap * 1.1);
            // by time, every token's weight is also its t: here 0.5 everywhere, so half
            assertThat(flow.lossAgainstOthers(predicted, clean, t, null, true).item_double())
                    .isCloseTo(0.5 * flow.lossAgainstOthers(predicted, clean, t, null, false).item_double(), within(1e-6));
            assertThatThrownBy(() -> flow.lossAgainstOthers(predicted.narrow(0, 0, 1), clean.narrow(0, 0, 1), t.narrow(0, 0, 1), null, false))
                    .hasMessage("a loss against other clips needs at least 2 clips in a batch; got 1");
        }
    }

    @Test
    void noisingRunsFromCleanAtZeroToNoiseAtOneAndTheX0VelocityIsTheTrueVelocity() {
        try (PointerScope s = new PointerScope()) {
            Tensor x0 = randomTensor(1, 2, 5, 3), e = randomTensor(2, 2, 5, 3);
            Tensor t = Tensor.create(new float[]{0, 0.25f, 0.5f, 0.75f, 1, 0.1f, 0.3f, 0.6f, 0.9f, 0.999f}, 2, 5);
            Tensor xt = FlowMatching.noisy(x0, e, t);
            assertThat(maxAbs(xt.narrow(1, 0, 1).select(0, 0), x0.narrow(1, 0, 1).select(0, 0))).isLessThan(1e-7);  // t = 0: clean
            assertThat(maxAbs(xt.narrow(1, 4, 1).select(0, 0), e.narrow(1, 4, 1).select(0, 0))).isLessThan(1e-7);   // t = 1: noise
            Tensor rest = t.narrow(1, 1, 4), xtRest = xt.narrow(1, 1, 4);
            Tensor v = FlowMatching.velocityFromX0(xtRest, x0.narrow(1, 1, 4), rest);
            assertThat(maxAbs(v, FlowMatching.velocity(x0.narrow(1, 1, 4), e.narrow(1, 1, 4)))).isLessThan(1e-4);
            // x_t is linear in t with slope v: x_{t+h} - x_t = h v
            Tensor h = rest.add(new org.bytedeco.pytorch.Scalar(1e-2));
            Tensor slope = FlowMatching.noisy(x0.narrow(1, 1, 4), e.narrow(1, 1, 4), h).sub(xtRest).div(new org.bytedeco.pytorch.Scalar(1e-2));
            assertThat(maxAbs(slope, v)).isLessThan(1e-3);
        }
    }

    @Test
    void thePairLossScoresOnlyWhatDiffersWithinAPairAndOnlyInItsTimes() {
        try (PointerScope s = new PointerScope()) {
            FlowMatching flow = FlowMatching.standard();
            TimeRange nearNoise = new TimeRange(0.9, 1), middle = new TimeRange(0.3, 0.9);
            Tensor clean = randomTensor(20, 4, 5, 3);                                               // [B, L, P]: pairs (0, 1) and (2, 3)
            Tensor t = Tensor.create(new float[]{0.95f, 0.95f, 0.5f, 0.5f}, 4, 1).expand(4, 5).contiguous();  // [B, L]
            // the same error in both clips of a pair (a wrong scene, say) cancels in their difference
            Tensor shared = randomTensor(21, 1, 5, 3).repeat(4, 1, 1);
            assertThat(flow.pairDifferenceLoss(clean.add(shared), clean, t, nearNoise).item_double()).isCloseTo(0, within(1e-9));
            assertThat(flow.loss(clean.add(shared), clean, t).item_double()).isGreaterThan(0.5);
            // an error in one clip only (its colour) is scored, as the loss of the difference at the pair's time
            Tensor wrongFirst = clean.clone();
            wrongFirst.narrow(0, 0, 1).add_(new org.bytedeco.pytorch.Scalar(0.5));
            double expected = 0.25 / (0.95 * 0.95);
            assertThat(flow.pairDifferenceLoss(wrongFirst, clean, t, nearNoise).item_double()).isCloseTo(expected, within(1e-4));
            assertThat(flow.pairDifferenceLoss(wrongFirst, clean, t, middle).item_double()).as("0.95 is above the middle").isZero();
            // the second pair sits at t = 0.5, outside the range near noise: its errors count for nothing there
            Tensor wrongThird = clean.clone();
            wrongThird.narrow(0, 2, 1).add_(new org.bytedeco.pytorch.Scalar(0.5));
            assertThat(flow.pairDifferenceLoss(wrongThird, clean, t, nearNoise).item_double()).isZero();
            assertThat(flow.pairDifferenceLoss(wrongThird, clean, t, middle).item_double()).isCloseTo(0.25 / (0.5 * 0.5), within(1e-4));
            // with both pairs counted, the second's error (weight 1 / 0.5^2) is averaged over both pairs' tokens
            assertThat(flow.pairDifferenceLoss(wrongThird, clean, t, new TimeRange(0.4, 1)).item_double()).isCloseTo(0.25 * 4 / 2, within(1e-4));
            assertThatThrownBy(() -> flow.pairDifferenceLoss(clean.narrow(0, 0, 3), clean.narrow(0, 0, 3), t.narrow(0, 0, 3), nearNoise))
                    .hasMessageContaining("a batch of 3");
        }
    }

    @Test
    void aTimeRangeIsOpenBelowClosedAboveAndRefusesAnEmptyOne() {
        try (PointerScope s = new PointerScope()) {
            Tensor t = Tensor.create(new float[]{0f, 0.3f, 0.5f, 0.9f, 1f}, 1, 5);
            assertThat(new TimeRange(0.3, 0.9).mask(t).sum().item_double()).isEqualTo(2);   // 0.5 and 0.9
            assertThat(new TimeRange(0, 1).mask(t).sum().item_double()).as("clean tokens are never inside").isEqualTo(4);
        }
        assertThatThrownBy(() -> new TimeRange(0.9, 0.3)).hasMessage("times 0.9,0.3 are out of range; allowed: FROM,TO with 0 <= FROM < TO <= 1");
        assertThatThrownBy(() -> TimeRange.of("--twin-times", List.of(0.3, 1.5)))
                .hasMessage("--twin-times 0.3,1.5 is out of range; allowed: FROM,TO with 0 <= FROM < TO <= 1");
        assertThatThrownBy(() -> TimeRange.of("--twin-times", List.of(0.3))).hasMessage("--twin-times takes two times, FROM,TO; got 1");
    }

    @Test
    void lossIsTheVelocityMseAboveTheCapAndCappedBelowItAndIgnoresCleanTokens() {
        try (PointerScope s = new PointerScope()) {
            FlowMatching fm = FlowMatching.standard();
            Tensor x0 = randomTensor(3, 1, 4, 6), e = randomTensor(4, 1, 4, 6), predicted = randomTensor(5, 1, 4, 6);
            // all tokens at t = 0.6 (above the 0.3 cap): loss = velocity MSE
            Tensor t = Tensor.create(new float[]{0.6f, 0.6f, 0.6f, 0.6f}, 1, 4);
            Tensor xt = FlowMatching.noisy(x0, e, t);
            double velocityMse = FlowMatching.velocityFromX0(xt, predicted, t).sub(FlowMatching.velocity(x0, e)).square().mean().item_double();
            assertThat(fm.loss(predicted, x0, t).item_double()).isCloseTo(velocityMse, within(1e-4 * velocityMse));
            // at t = 0.05 the velocity weight would be 400; the cap holds it at 1 / 0.3^2
            Tensor low = Tensor.create(new float[]{0.05f, 0.05f, 0.05f, 0.05f}, 1, 4);
            double x0Mse = predicted.sub(x0).square().mean().item_double();
            assertThat(fm.loss(predicted, x0, low).item_double()).isCloseTo(x0Mse / 0.09, within(1e-4 * x0Mse / 0.09));
            // clean condition tokens (t = 0) are not counted: a wrong prediction there changes nothing
            Tensor mixed = Tensor.create(new float[]{0f, 0.6f, 0.6f, 0.6f}, 1, 4);
            Tensor wrongFirst = predicted.clone();
            wrongFirst.narrow(1, 0, 1).add_(new org.bytedeco.pytorch.Scalar(100.0));
            assertThat(fm.loss(wrongFirst, x0, mixed).item_double()).isCloseTo(fm.loss(predicted, x0, mixed).item_double(), within(1e-6));
            assertThat(fm.loss(predicted, x0, Tensor.create(new float[4], 1, 4)).item_double()).isZero();
        }
        assertThatThrownBy(() -> new FlowMatching(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed");
    }
}
