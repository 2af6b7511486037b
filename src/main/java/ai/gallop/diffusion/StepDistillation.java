package ai.gallop.diffusion;

import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.random.RandomGenerator;

/**
 * Distils a guided Euler sampler of 2n steps into an unguided one of n steps (progressive distillation, Salimans and
 * Ho 2022, with the guidance folded in as Meng et al. 2023 do): the student at a time t_i of its own grid is taught
 * the x0 whose single Euler step lands where the teacher's two guided Euler steps land, t_i -> t_mid -> t_i+1 on
 * the teacher's grid of 2n steps (the same shifted grid, so every second teacher time is a student time). A
 * distilled model then makes a clip in n passes instead of 2n x 2, the reason HappyHorse samples in 8 steps.
 *
 * <p>Why x0 and not the velocity: the model predicts x0 and its loss is the capped x0 error (FlowMatching), so the
 * target is written in the same terms. On the last step (t_i+1 = 0) Euler lands on the prediction, and the target is
 * the teacher's x0 at t_mid.
 *
 * @param steps    the student's steps n (the teacher takes 2n)
 * @param shift    the timestep shift of both grids
 * @param guidance the teacher's classifier-free guidance, picture and sound, folded into the student
 */
public record StepDistillation(int steps, double shift, Guidance guidance) {
    public static final int MAX_STEPS = 64;

    public StepDistillation {
        if (steps < 1 || steps > MAX_STEPS)
            throw new IllegalArgumentException("distilled steps " + steps + " is out of range; allowed: 1 to " + MAX_STEPS);
        Sampler.check(2 * steps, shift);
        if (guidance == null) throw new IllegalArgumentException("distillation needs the teacher's guidance");
    }

    /** The student's sampler: n Euler steps on the same shifted grid, no guidance (it is in the weights). */
    public EulerSampler student() { return new EulerSampler(steps, shift, Guidance.none()); }

    /** The teacher's sampler: 2n guided Euler steps. */
    public EulerSampler teacher() { return new EulerSampler(2 * steps, shift, guidance); }

    /** A student step to train on, uniformly: index i of the times t_i (not the final 0). */
    public int drawStep(RandomGenerator rng) { return rng.nextInt(steps); }

    /**
     * The x0 the student should predict at student step {@code step[b]} of every clip b.
     *
     * @param teacher     the teacher's denoiser (called 4 times: conditional and unconditional at two times)
     * @param input       the student's input: x_t at t_i of each clip's step, clean condition tokens at t = 0
     * @param nullText    empty captions [B, Lt], padded as input.text(), for the teacher's unconditional passes
     * @param step        each clip's student step index
     * @return the target x0 of video [B, Lv, pv] and audio [B, La, pa] (audio null when the input has none)
     */
    public ModelOutput target(Denoiser teacher, ModelInput input, Tensor nullText, int[] step) {
        double[] grid = teacher().schedule();
        int b = step.length;
        double[] t = new double[b], mid = new double[b], next = new double[b];
        for (int i = 0; i < b; i++) {
            t[i] = grid[2 * step[i]];
            mid[i] = grid[2 * step[i] + 1];
            next[i] = grid[2 * step[i] + 2];
        }
        Tensor videoGenerated = input.videoTime().gt(new Scalar(0.0)).to(Tensors.type(input.video()));  // [B, Lv] 1 where generated
        Tensor audioGenerated = input.audio() == null ? null : input.audioTime().gt(new Scalar(-1.0)).to(Tensors.type(input.audio()));  // [B, La] all 1

        ModelOutput first = guided(teacher, input, nullText);
        Tensor video = move(input.video(), first.video(), videoGenerated, t, mid);            // [B, Lv, pv] at t_mid
        Tensor audio = input.audio() == null ? null : move(input.audio(), first.audio(), audioGenerated, t, mid);
        ModelInput atMid = new ModelInput(input.layout(), input.text(), input.image(), video, perToken(videoGenerated, mid),
                audio, audio == null ? null : perToken(audioGenerated, mid), input.source());
        ModelOutput second = guided(teacher, atMid, nullText);
        Tensor videoNext = move(video, second.video(), videoGenerated, mid, next);            // [B, Lv, pv] at t_i+1
        Tensor audioNext = audio == null ? null : move(audio, second.audio(), audioGenerated, mid, next);
        return new ModelOutput(x0For(input.video(), videoNext, videoGenerated, t, next),
                audio == null ? null : x0For(input.audio(), audioNext, audioGenerated, t, next));
    }

    /**
     * The input with every clip marked {@code own} brought to its student step the way the student samples: from the
     * noise its x_t was made of, through the student's own earlier steps (backward distillation, as in Imagine Flash,
     * Kohler et al. 2024). Noising a training clip leaks the clip into x_t at every t below 1, and a student taught
     * only there learns to lean on the leak; when it samples, its states are made by its own earlier steps and carry
     * none. Clips not marked, and clips at step 0 (pure noise either way), keep their x_t; clean tokens stay.
     *
     * @param student    the student's denoiser (called up to n - 1 times, every clip at once; the caller turns off
     *                   gradients)
     * @param input      the noised clips at their student times, as for {@link #target}
     * @param cleanVideo the clips' x0 video [B, Lv, pv] that x_t was noised from
     * @param cleanAudio the clips' x0 audio [B, La, pa], or null when the input has none
     * @param step       each clip's student step index
     * @param own        which clips take the student's own path
     */
    public ModelInput ownStates(Denoiser student, ModelInput input, Tensor cleanVideo, Tensor cleanAudio, int[] step, boolean[] own) {
        double[] grid = student().schedule();
        int b = step.length, deepest = 0;
        double[] t = new double[b], start = new double[b];
        for (int i = 0; i < b; i++) {
            t[i] = grid[step[i]];
            start[i] = own[i] ? grid[0] : t[i];
            if (own[i]) deepest = Math.max(deepest, step[i]);
        }
        if (deepest == 0) return input;
        Tensor videoGenerated = input.videoTime().gt(new Scalar(0.0)).to(Tensors.type(input.video()));  // [B, Lv] 1 where generated
        Tensor audioGenerated = input.audio() == null ? null : input.audioTime().gt(new Scalar(-1.0)).to(Tensors.type(input.audio()));  // [B, La] all 1
        // x_t lies on the straight line from x0 to its noise, so the Euler step from t to 1 along it lands on the noise
        Tensor video = move(input.video(), cleanVideo, videoGenerated, t, start);              // [B, Lv, pv]
        Tensor audio = input.audio() == null ? null : move(input.audio(), cleanAudio, audioGenerated, t, start);  // [B, La, pa]
        for (int j = 0; j < deepest; j++) {
            double[] now = new double[b], next = new double[b];
            for (int i = 0; i < b; i++) {
                boolean moving = own[i] && j < step[i];
                now[i] = moving ? grid[j] : t[i];
                next[i] = moving ? grid[j + 1] : now[i];
            }
            ModelOutput x0 = student.predict(new ModelInput(input.layout(), input.text(), input.image(), video, perToken(videoGenerated, now),
                    audio, audio == null ? null : perToken(audioGenerated, now), input.source()));
            video = move(video, x0.video(), videoGenerated, now, next);                       // [B, Lv, pv]
            if (audio != null) audio = move(audio, x0.audio(), audioGenerated, now, next);      // [B, La, pa]
        }
        return new ModelInput(input.layout(), input.text(), input.image(), video, input.videoTime(), audio, input.audioTime(), input.source());
    }

    private ModelOutput guided(Denoiser teacher, ModelInput input, Tensor nullText) {
        ModelOutput conditional = teacher.predict(input);
        if (!guidance.needsUnconditional()) return conditional;
        ModelInput empty = new ModelInput(input.layout(), nullText, input.image(), input.video(), input.videoTime(), input.audio(), input.audioTime(),
                input.source());
        return guidance.combine(conditional, teacher.predict(empty), input.layout());
    }

    /** One Euler step of the generated tokens from time {@code from} to {@code to} (per clip); clean tokens stay. */
    private static Tensor move(Tensor x, Tensor x0, Tensor generated, double[] from, double[] to) {
        double[] factor = new double[from.length];
        for (int i = 0; i < from.length; i++) factor[i] = (to[i] - from[i]) / from[i];
        return x.add(x.sub(x0).mul(perToken(generated, factor).unsqueeze(2)));                 // x + (to - from) (x - x0) / from
    }

    /** The x0 whose Euler step from t lands on {@code landed} at {@code next}: x_t - (landed - x_t) t / (next - t). */
    private static Tensor x0For(Tensor xt, Tensor landed, Tensor generated, double[] t, double[] next) {
        double[] factor = new double[t.length];
        for (int i = 0; i < t.length; i++) factor[i] = t[i] / (next[i] - t[i]);
        return xt.sub(landed.sub(xt).mul(perToken(generated, factor).unsqueeze(2)));
    }

    /** A per-clip value on every generated token, 0 on clean ones: [B, L]. */
    private static Tensor perToken(Tensor generated, double[] perClip) {
        float[] values = new float[perClip.length];
        for (int i = 0; i < values.length; i++) values[i] = (float) perClip[i];
        return generated.mul(Tensor.create(values, values.length, 1));                        // [B, L]
    }
}
