package ai.gallop.diffusion;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Rectified flow as Wan, FLUX and SD3 use it: x_t = (1 - t) x0 + t e with e ~ N(0, I), t = 1 pure noise,
 * velocity v = dx_t/dt = e - x0. The model predicts x0 (JiT: clean prediction works in pixel space with large
 * patches); the velocity it implies is v = (x_t - x0_pred) / t.
 *
 * <p>The loss is the velocity MSE formed from the x0 prediction, which equals |x0_pred - x0|^2 / t^2 per token.
 * Left alone that weights nearly clean tokens up to hundreds of times more than the noisy ones where a clip's
 * layout and motion are decided, which the measured prototype showed to stall motion learning; so the weight is
 * capped at 1 / max(t, minWeightTime)^2 (min-SNR style, minWeightTime 0.3 gives a cap of about 11). Tokens with
 * t = 0 are clean conditions (an image-to-video first frame, frames to extend) and carry no loss.
 *
 * @param minWeightTime t below which the loss weight stops growing, in (0, 1]
 */
public record FlowMatching(double minWeightTime) {
    public static final double DEFAULT_MIN_WEIGHT_TIME = 0.3;

    public FlowMatching {
        if (!(minWeightTime > 0 && minWeightTime <= 1))
            throw new IllegalArgumentException("minWeightTime " + minWeightTime + " is out of range; allowed: above 0, at most 1");
    }

    public static FlowMatching standard() { return new FlowMatching(DEFAULT_MIN_WEIGHT_TIME); }

    /** x_t = (1 - t) x0 + t e; x0 and e are [B, L, P], t is [B, L] per token. */
    public static Tensor noisy(Tensor x0, Tensor noise, Tensor t) {
        Tensor tt = t.unsqueeze(2);                                                // [B, L, 1]
        return x0.mul(tt.neg().add(new Scalar(1.0))).add(noise.mul(tt));          // [B, L, P]
    }

    /** The training target of a velocity model: e - x0. */
    public static Tensor velocity(Tensor x0, Tensor noise) {
        return noise.sub(x0);
    }

    /** The velocity an x0 prediction implies at x_t: (x_t - x0) / t, for t > 0 (t is [B, L]). */
    public static Tensor velocityFromX0(Tensor xt, Tensor x0, Tensor t) {
        return xt.sub(x0).div(t.unsqueeze(2));                                     // [B, L, P]
    }

    /** Per-token loss weights [B, L]: 1 / max(t, minWeightTime)^2 for noisy tokens, 0 for clean ones (t = 0). */
    public Tensor weights(Tensor t) {
        Tensor noisy = t.gt(new Scalar(0.0)).to(Tensors.type(t));                 // [B, L] 1 where generated
        return t.clamp_min(new Scalar(minWeightTime)).square().reciprocal().mul(noisy);
    }

    /**
     * The capped velocity loss of an x0 prediction: the mean over noisy tokens of w(t) times the token's mean
     * squared error. Returns 0 (still differentiable) when every token is clean.
     *
     * @param predicted x0 prediction [B, L, P]
     * @param clean     true x0 [B, L, P]
     * @param t         per-token time [B, L]
     */
    public Tensor loss(Tensor predicted, Tensor clean, Tensor t) {
        return loss(predicted, clean, t, null);
    }

    /**
     * As {@link #loss(Tensor, Tensor, Tensor)} with each value's squared error multiplied by {@code valueWeight}
     * [B, L, P] (null: all 1) before the per-token mean.
     */
    public Tensor loss(Tensor predicted, Tensor clean, Tensor t, Tensor valueWeight) {
        return loss(predicted, clean, t, valueWeight, weights(t));
    }

    private static Tensor loss(Tensor predicted, Tensor clean, Tensor t, Tensor valueWeight, Tensor tokenWeight) {
        Tensor squared = predicted.sub(clean).square();                                          // [B, L, P]
        if (valueWeight != null) squared = squared.mul(valueWeight);
        Tensor perToken = squared.mean(new long[]{2}, false, new org.bytedeco.pytorch.ScalarTypeOptional());  // [B, L]
        Tensor counted = t.gt(new Scalar(0.0)).sum().clamp_min(new Scalar(1L));  // noisy tokens, at least 1
        return perToken.mul(tokenWeight).sum().div(counted);
    }

    /**
     * The negative of contrastive flow matching (Stoica et al., "Contrastive Flow Matching", 2025): {@link #loss}
     * against another clip of the batch, each clip's target rolled one place along it, scored at the own clip's
     * times and value weights. A trainer subtracts it at a weight w below 1 from the plain loss. A model that hedges,
     * drawing the average of every caption's clip, pays nothing extra in the plain loss for the part of the average
     * that fits; the subtracted term makes staying close to the other clips cost, so it gains only by moving toward
     * what its own caption and picture say. The prediction that minimises {@code loss - w * lossAgainstOthers} is
     * the plain one pushed w / (1 - w) of the way further from the batch's other clips (w t / (1 - w t) per token
     * by time), finite for w below 1.
     *
     * @param predicted   x0 prediction [B, L, P], B at least 2
     * @param clean       true x0 [B, L, P]
     * @param t           per-token time [B, L]
     * @param valueWeight [B, L, P] or null, as in {@link #loss(Tensor, Tensor, Tensor, Tensor)}
     * @param byTime      each token's weight times its t as well, so the push fades toward the clean end, where
     *                    the picture already says what the clip is and a push away from the others only
     *                    exaggerates its contrast
     */
    public Tensor lossAgainstOthers(Tensor predicted, Tensor clean, Tensor t, Tensor valueWeight, boolean byTime) {
        if (predicted.size(0) < 2) throw new IllegalArgumentException("a loss against other clips needs at least 2 clips in a batch; got " + predicted.size(0));
        return lossAgainst(predicted, clean.roll(new long[]{1}, 0), t, valueWeight, byTime, 0);  // clip b scored against clip b-1's target
    }

    /**
     * {@link #loss} against a given negative target: the same prediction scored at the own clip's times and value
     * weights against what the clip is not. Where the negative equals the true target, subtracting it at a weight w
     * only scales the plain loss by 1 - w; where they differ, the optimum moves w / (1 - w) of the way further from
     * the negative (w t / (1 - w t) by time). A recoloured twin thus pushes only on its subjects' colours.
     *
     * @param negative the target the prediction should stay away from [B, L, P]
     * @param fromTime tokens below this t get no weight (0: every noisy token)
     */
    public Tensor lossAgainst(Tensor predicted, Tensor negative, Tensor t, Tensor valueWeight, boolean byTime, double fromTime) {
        Tensor tokenWeight = byTime ? weights(t).mul(t) : weights(t);                  // [B, L]
        if (fromTime > 0) tokenWeight = tokenWeight.mul(t.ge(new Scalar(fromTime)).to(Tensors.type(t)));
        return loss(predicted, negative, t, valueWeight, tokenWeight);
    }

    /**
     * The loss on recoloured pairs' differences ({@code gallop train --twin-pairs}): clips 2k and 2k + 1 of the batch
     * are one scene whose subjects differ only in colour (or as {@code --twin-changes} says), noised alike at one
     * time, so the difference of their x0 is what the changed words do and nothing else: the scene, the subjects'
     * places and the camera, which make one clip's error large next to its colour, cancel. Scored as {@link #loss}
     * on the difference of the two predictions against the difference of the two clips, on pairs whose time lies in
     * {@code times} only. The trainer gives both clips of a pair one shared input there (the noised mean of the two),
     * so that only the words can tell them apart: with each clip's own input, the term was met by magnifying the
     * (1 - t) share of the change those inputs still hold near pure noise, not from the words (docs/training.md,
     * "Where the pairs' count came from").
     *
     * @param predicted x0 prediction [B, L, P], B even, pairs at 2k and 2k + 1
     * @param clean     true x0 [B, L, P]
     * @param t         per-token time [B, L], equal within a pair
     */
    public Tensor pairDifferenceLoss(Tensor predicted, Tensor clean, Tensor t, TimeRange times) {
        long b = predicted.size(0), l = predicted.size(1), p = predicted.size(2);
        if (b % 2 != 0) throw new IllegalArgumentException("a pair loss needs the clips in pairs; got a batch of " + b);
        Tensor x = predicted.reshape(b / 2, 2, l, p), y = clean.reshape(b / 2, 2, l, p);          // [B/2, 2, L, P]
        Tensor predictedDifference = x.select(1, 0).sub(x.select(1, 1));                             // [B/2, L, P]
        Tensor cleanDifference = y.select(1, 0).sub(y.select(1, 1));                                 // [B/2, L, P]
        Tensor pairTime = t.reshape(b / 2, 2, l).select(1, 0);                                       // [B/2, L]
        Tensor counted = pairTime.mul(times.mask(pairTime));                                         // [B/2, L] 0 outside the range
        return loss(predictedDifference, cleanDifference, counted, null, weights(counted));
    }

    /**
     * The capped loss of the change between consecutive token frames: frame k+1 minus frame k of the x0 prediction
     * against the same of the clean clip, weighted by frame k+1's time. It scores what moves and what should stay,
     * which the per-frame loss leaves to chance: a prediction off by the same amount in every frame costs nothing
     * here, one whose subject wobbles from frame to frame costs.
     *
     * @param predicted x0 prediction [B, F S, P], frame-major with S tokens per token frame
     * @param clean     true x0 [B, F S, P]
     * @param t         per-token time [B, F S]
     */
    public Tensor temporalLoss(Tensor predicted, Tensor clean, Tensor t, long tokensPerFrame) {
        long b = predicted.size(0), p = predicted.size(2), frames = predicted.size(1) / tokensPerFrame, pairs = (frames - 1) * tokensPerFrame;
        Tensor x = predicted.view(b, frames, tokensPerFrame, p), y = clean.view(b, frames, tokensPerFrame, p);    // [B, F, S, P]
        Tensor dx = x.narrow(1, 1, frames - 1).sub(x.narrow(1, 0, frames - 1)).reshape(b, pairs, p);            // [B, (F-1) S, P]
        Tensor dy = y.narrow(1, 1, frames - 1).sub(y.narrow(1, 0, frames - 1)).reshape(b, pairs, p);            // [B, (F-1) S, P]
        Tensor later = t.view(b, frames, tokensPerFrame).narrow(1, 1, frames - 1).reshape(b, pairs);           // [B, (F-1) S]
        return loss(dx, dy, later);
    }
}
