package ai.gallop.diffusion;

import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StepDistillationTest {
    private static final Tensor TEXT = Tensor.create(new long[]{257, 97, 258}, 1, 3), EMPTY = Tensor.create(new long[]{257, 258, 256}, 1, 3);

    /** One clip: 3 video tokens of 2 values (token 0 a clean condition), 2 audio tokens, at time t. */
    private static ModelInput input(float t) {
        Tensor video = Tensor.create(new float[]{0.3f, -0.2f, 1.0f, 2.0f, -1.5f, 0.5f}, 1, 3, 2);
        Tensor audio = Tensor.create(new float[]{0.8f, -0.4f, 0.1f, 1.2f}, 1, 2, 2);
        return new ModelInput(null, TEXT, null, video, Tensor.create(new float[]{0, t, t}, 1, 3), audio, Tensor.create(new float[]{t, t}, 1, 2));
    }

    private static float[] values(Tensor t) {
        Tensor c = t.contiguous();
        float[] out = new float[(int) c.numel()];
        c.<java.nio.FloatBuffer>createBuffer().get(out);
        return out;
    }

    @Test
    void aTeacherThatAlwaysPredictsTheSameX0TeachesItsGuidedX0AtEveryStep() {
        try (PointerScope scope = new PointerScope()) {
            Tensor conditional = Tensor.create(new float[]{0.5f, 0.5f, 0.25f, -0.25f, 1f, 0f}, 1, 3, 2), unconditional = conditional.mul(new Scalar(0.5));
            Denoiser teacher = in -> in.text() == EMPTY ? new ModelOutput(unconditional, in.audio().mul(new Scalar(0.0)))
                    : new ModelOutput(conditional, in.audio().mul(new Scalar(0.0)).add(new Scalar(1.0)));
            StepDistillation rule = new StepDistillation(4, 3, new Guidance(3));
            double[] grid = rule.student().schedule();
            for (int step = 0; step < 4; step++) {
                ModelOutput target = rule.target(teacher, input((float) grid[step]), EMPTY, new int[]{step});
                float[] v = values(target.video()), guided = values(unconditional.add(conditional.sub(unconditional).mul(new Scalar(3.0))));
                // a constant x0 makes the flow a straight line to it: two Euler steps and one land on the same point
                for (int i = 2; i < 6; i++) assertThat(v[i]).as("step %d value %d", step, i).isCloseTo(guided[i], within(1e-5f));
                assertThat(v[0]).as("a clean token is kept as given").isEqualTo(0.3f);
                assertThat(v[1]).isEqualTo(-0.2f);
                for (float a : values(target.audio())) assertThat(a).as("sound: 0 + 3 (1 - 0)").isCloseTo(3f, within(1e-5f));
            }
        }
    }

    @Test
    void theTargetLandsOneStudentStepWhereTwoTeacherStepsLand() {
        try (PointerScope scope = new PointerScope()) {
            Denoiser halves = in -> new ModelOutput(in.video().mul(new Scalar(0.5)), in.audio().mul(new Scalar(0.5)));
            StepDistillation rule = new StepDistillation(2, 1, Guidance.none());  // teacher grid 1, 0.75, 0.5, 0.25, 0
            ModelOutput target = rule.target(halves, input(1f), EMPTY, new int[]{0});
            // by hand: x_mid = x - 0.25 (x - x/2) = 0.875 x; x_next = x_mid - (0.25 / 0.75)(x_mid / 2) = 0.72917 x;
            // the student's x0 from t = 1 to 0.5: x - (x_next - x) / (0.5 - 1) = 2 x_next - x = 0.45833 x
            float[] x = values(input(1f).video()), v = values(target.video());
            for (int i = 2; i < 6; i++) assertThat(v[i]).isCloseTo(0.458333f * x[i], within(1e-5f));
            float[] xa = values(input(1f).audio()), a = values(target.audio());
            for (int i = 0; i < 4; i++) assertThat(a[i]).isCloseTo(0.458333f * xa[i], within(1e-5f));
        }
    }

    @Test
    void aClipOnTheStudentsOwnPathStartsFromItsNoiseAndTakesTheStudentsStepsWhileTheOthersKeepTheirNoisedClip() {
        try (PointerScope scope = new PointerScope()) {
            StepDistillation rule = new StepDistillation(4, 3, new Guidance(9));
            double[] grid = rule.student().schedule();
            float t = (float) grid[2];
            // two clips at student step 2: 3 video tokens (token 0 a clean condition) and 2 audio tokens of 2 values
            Tensor cleanVideo = Tensor.create(new float[]{0.3f, -0.2f, 1.0f, 2.0f, -1.5f, 0.5f, 0.7f, 0.1f, -1.0f, 0.4f, 0.9f, -0.6f}, 2, 3, 2);
            Tensor noiseVideo = Tensor.create(new float[]{0, 0, 0.2f, -1.1f, 0.6f, 1.4f, 0, 0, -0.3f, 0.8f, -1.7f, 0.05f}, 2, 3, 2);
            Tensor cleanAudio = Tensor.create(new float[]{0.8f, -0.4f, 0.1f, 1.2f, -0.9f, 0.3f, 0.6f, -0.2f}, 2, 2, 2);
            Tensor noiseAudio = Tensor.create(new float[]{1.3f, 0.2f, -0.7f, 0.4f, 0.1f, -1.2f, 0.9f, 0.5f}, 2, 2, 2);
            Tensor videoTime = Tensor.create(new float[]{0, t, t, 0, t, t}, 2, 3), audioTime = Tensor.create(new float[]{t, t, t, t}, 2, 2);
            ModelInput input = new ModelInput(null, Tensor.create(new long[]{257, 97, 258, 257, 98, 258}, 2, 3), null,
                    FlowMatching.noisy(cleanVideo, noiseVideo, videoTime), videoTime, FlowMatching.noisy(cleanAudio, noiseAudio, audioTime), audioTime);
            List<float[]> times = new ArrayList<>();
            Denoiser constant = in -> {  // predicts 0.5 everywhere, so each Euler step shrinks x - 0.5 by t_next / t
                times.add(values(in.videoTime()));
                return new ModelOutput(in.video().mul(new Scalar(0.0)).add(new Scalar(0.5)), in.audio().mul(new Scalar(0.0)).add(new Scalar(0.5)));
            };
            ModelInput moved = rule.ownStates(constant, input, cleanVideo, cleanAudio, new int[]{2, 2}, new boolean[]{true, false});

            assertThat(times).as("the student's passes: steps 0 and 1").hasSize(2);
            assertThat(times.get(0)[1]).isCloseTo((float) grid[0], within(1e-6f));
            assertThat(times.get(1)[2]).isCloseTo((float) grid[1], within(1e-6f));
            assertThat(times.get(1)[4]).as("the other clip stays at its time").isCloseTo(t, within(1e-6f));
            float[] v = values(moved.video()), noise = values(noiseVideo), given = values(input.video());
            assertThat(v[0]).as("a clean token is kept").isEqualTo(0.3f);
            for (int i = 2; i < 6; i++)
                assertThat(v[i]).as("own path, value %d: 0.5 + (noise - 0.5) t", i).isCloseTo(0.5f + (noise[i] - 0.5f) * t, within(1e-5f));
            for (int i = 6; i < 12; i++) assertThat(v[i]).as("the noised clip, value %d", i).isEqualTo(given[i]);
            float[] a = values(moved.audio()), noiseA = values(noiseAudio), givenA = values(input.audio());
            for (int i = 0; i < 4; i++) assertThat(a[i]).as("sound on the own path").isCloseTo(0.5f + (noiseA[i] - 0.5f) * t, within(1e-5f));
            for (int i = 4; i < 8; i++) assertThat(a[i]).isEqualTo(givenA[i]);
            assertThat(values(moved.videoTime())).as("both clips are at their student time").containsExactly(values(videoTime));

            times.clear();
            assertThat(rule.ownStates(constant, input, cleanVideo, cleanAudio, new int[]{0, 2}, new boolean[]{true, false})).as("step 0 is noise either way")
                    .isSameAs(input);
            assertThat(times).isEmpty();
        }
    }

    @Test
    void theStudentsTimesAreEverySecondTeacherTimeAndBadSettingsAreRefusedInOneLine() {
        StepDistillation rule = new StepDistillation(8, 3, new Guidance(9));
        double[] student = rule.student().schedule(), teacher = rule.teacher().schedule();
        assertThat(teacher).hasSize(17);
        for (int i = 0; i <= 8; i++) assertThat(student[i]).isEqualTo(teacher[2 * i]);
        assertThat(rule.student().guidance().needsUnconditional()).isFalse();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) assertThat(rule.drawStep(rng)).isBetween(0, 7);
        assertThatThrownBy(() -> new StepDistillation(0, 3, new Guidance(9))).hasMessage("distilled steps 0 is out of range; allowed: 1 to 64");
        assertThatThrownBy(() -> new StepDistillation(8, 0, new Guidance(9))).hasMessageContaining("shift 0.0 is out of range");
    }
}
