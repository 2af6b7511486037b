package ai.gallop.train;

import ai.gallop.Cancellation;
import ai.gallop.cli.GallopCli;
import ai.gallop.model.ModelConfig;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.SamplingDefaults;
import ai.gallop.pipeline.TestModels;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistillationTest {
    private static TrainOptions options(ModelConfig model, Path teacher, int steps) {
        return options(model, teacher, steps, steps);
    }

    private static TrainOptions options(ModelConfig model, Path teacher, int steps, int checkpointEvery) {
        return options(model, new Distillation(teacher.toString(), 2, 3, 4), steps, checkpointEvery);
    }

    private static TrainOptions options(ModelConfig model, Distillation distillation, int steps, int checkpointEvery) {
        return TrainerTest.quick(model).steps(steps).learningRate(3e-3).checkpointEvery(checkpointEvery).distill(distillation).build();
    }

    @Test
    void aKilledDistillationResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        Path teacher = TestModels.write(dir.resolve("teacher")), straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
        // half the clips on the student's own path, so the resumed run must draw the same ones
        Distillation ownPath = new Distillation(teacher.toString(), 2, 3, 4, 0, 0.5);
        Path a = TrainerTest.assertKilledRunResumesToTheSameBytes(straight, resumed, options(TestModels.MICRO8, ownPath, 4, 2), teacher, 2);
        assertThat(Files.readAllBytes(a.resolve("model.safetensors"))).as("the student moved away from its teacher")
                .isNotEqualTo(Files.readAllBytes(teacher.resolve("model.safetensors")));
    }

    /**
     * The student's own first steps (and {@code evaluate}) run without gradients under bfloat16 autocast, which caches
     * its weights' bfloat16 copies without their gradient history; the training pass that follows must not reuse them,
     * or the step updates none of the student's matrices (session 22's own-path runs trained with a fifth of the
     * gradient norm).
     */
    @Test
    void aStepOnTheStudentsOwnPathUnderBfloat16StillUpdatesEveryMatrix(@TempDir Path dir) throws Exception {
        Path teacher = TestModels.write(dir.resolve("teacher"));
        TrainOptions own = TrainerTest.quick(TestModels.MICRO8).steps(4).learningRate(3e-3).warmupSteps(0).weightDecay(0).bf16(true)
                .checkpointEvery(4).distill(new Distillation(teacher.toString(), 4, 3, 4, 0, 1)).build();
        try (Trainer t = Trainer.open(dir.resolve("run"), own, teacher)) {
            List<String> matrices = List.of("video.in.weight", "video.out.weight", "blocks.1.shared.qkvg.weight", "modulation.weight");
            Map<String, Tensor> before = new LinkedHashMap<>();
            for (String name : matrices) before.put(name, t.model().namedParameters().get(name).detach().clone());
            t.evaluate(t.clipsOf(1_000_000), 1, new double[]{0.5, 0.9});  // a pass without gradients before the step, too
            t.trainStep();
            for (String name : matrices)
                assertThat(t.model().namedParameters().get(name).sub(before.get(name)).abs().max().item_double())
                        .as("the largest change of %s in one step at learning rate 3e-3", name).isGreaterThan(1e-4);
        }
    }

    @Test
    void aStudentLearnsWhereTheTeachersGuidedStepsLandAndThenSamplesInItsOwnStepsWithoutGuidance(@TempDir Path dir) throws Exception {
        Path teacher = TestModels.write(dir.resolve("teacher")), run = dir.resolve("run");
        try (Trainer t = Trainer.open(run, options(TestModels.MICRO8, teacher, 30), teacher)) {
            List<TrainingClip> fixed = t.clipsOf(1_000_000);
            double[] times = {0.6, 0.95};
            double before = t.evaluate(fixed, 1, times);
            assertThat(before).as("the teacher's own weights miss its guided two-step landing").isGreaterThan(1e-4);
            t.run(TrainingListener.NONE);
            double after = t.evaluate(fixed, 1, times);
            assertThat(after).as("distillation loss on a fixed batch: before %.5f, after 30 steps %.5f", before, after).isLessThan(0.7 * before);
        }
        try (Gallop student = Gallop.load(run)) {
            assertThat(student.samplingDefaults()).isEqualTo(new SamplingDefaults(2, 3, 1, true, 0));
            List<Integer> steps = new ArrayList<>();
            student.generate(new GenerationRequest("a red ball bounces", null, 3, TrainerTest.CLIP, true, null, null, null, null, List.of()),
                    (stage, done, total) -> steps.add(done), new Cancellation());
            assertThat(steps).as("the distilled steps by default").containsExactly(1, 2);
        }
        try (Gallop teacherModel = Gallop.load(teacher)) {
            assertThat(teacherModel.samplingDefaults()).isEqualTo(SamplingDefaults.STANDARD);
        }
        assertThatThrownBy(() -> Trainer.open(dir.resolve("other"), options(ModelConfig.micro(), teacher, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds model micro8 (width 64, patch 8), not the run's micro")
                .hasMessageContaining("allowed: a teacher of the student's configuration");
    }

    @Test
    void theCommandStartsTheStudentAsItsTeacherAndRefusesDistillSettingsWithoutOneInOneLine(@TempDir Path dir) throws Exception {
        Path teacher = TestModels.write(dir.resolve("teacher")), run = dir.resolve("run");
        StringWriter err = new StringWriter();
        assertThat(GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute("train", "--distill-from",
                teacher.toString(), "--out", run.toString(), "--size", "32x32", "--seconds", "1", "--steps", "1", "--batch", "1",
                "--checkpoint-every", "1", "--distill-steps", "4", "--distill-guidance-smoothing", "0.5", "--distill-own-share", "0.25")).as(err.toString()).isZero();
        TrainOptions stored = TrainerState.read(run.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options();
        assertThat(stored.model()).as("the student has its teacher's shape").isEqualTo(TestModels.MICRO8);
        assertThat(stored.distill()).isEqualTo(new Distillation(teacher.toAbsolutePath().normalize().toString(), 4, 3, 9, 0.5, 0.25));
        assertThat(stored.distill().rule().guidance().frameSmoothing()).as("the teacher's guidance smooths over frames").isEqualTo(0.5);
        // the student as the next teacher: half its steps, and no guidance on top of the one in its weights
        Path student = run.resolve("checkpoints").resolve("step-00000001"), next = dir.resolve("next");
        assertThat(GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute("train", "--distill-from",
                student.toString(), "--out", next.toString(), "--steps", "1", "--batch", "1", "--checkpoint-every", "1")).as(err.toString()).isZero();
        assertThat(TrainerState.read(next.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options().distill())
                .isEqualTo(new Distillation(student.toAbsolutePath().normalize().toString(), 2, 3, 1));
        // a teacher with log-mel sound guides it as it generates, unguided, unless told otherwise
        Path melTeacher = TestModels.write(dir.resolve("mel-teacher"), TestModels.MICRO8.withMelBands(16));
        for (String[] flags : List.of(new String[0], new String[]{"--distill-audio-guidance", "3"})) {
            Path melRun = dir.resolve("mel" + flags.length);
            List<String> args = new ArrayList<>(List.of("train", "--distill-from", melTeacher.toString(), "--out", melRun.toString(), "--size", "32x32",
                    "--seconds", "1", "--steps", "1", "--batch", "1", "--checkpoint-every", "1"));
            args.addAll(List.of(flags));
            assertThat(GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args.toArray(String[]::new)))
                    .as(err.toString()).isZero();
            Distillation mel = TrainerState.read(melRun.resolve("checkpoints").resolve("step-00000001").resolve(TrainerState.FILE)).options().distill();
            assertThat(mel.audioGuidance()).isEqualTo(flags.length == 0 ? 1.0 : 3.0);
            assertThat(mel.rule().guidance().audio()).isEqualTo(flags.length == 0 ? 1.0 : 3.0);
            assertThat(mel.rule().guidance().video()).as("the picture keeps the teacher's guidance").isEqualTo(9.0);
        }
        assertThat(stored.distill().rule().guidance().audio()).as("a waveform teacher guides its sound as its picture").isEqualTo(9.0);
        for (String[] flags : List.of(new String[]{"--distill-steps", "4"}, new String[]{"--distill-from", dir.resolve("none").toString()},
                new String[]{"--distill-audio-guidance", "2"}, new String[]{"--distill-from", teacher.toString(), "--distill-audio-guidance", "31"},
                new String[]{"--distill-from", teacher.toString(), "--distill-steps", "0"}, new String[]{"--distill-guidance-smoothing", "0.5"},
                new String[]{"--distill-from", teacher.toString(), "--distill-guidance-smoothing", "2"}, new String[]{"--distill-own-share", "0.5"},
                new String[]{"--distill-from", teacher.toString(), "--distill-own-share", "1.5"})) {
            StringWriter refused = new StringWriter();
            List<String> args = new ArrayList<>(List.of("train", "--preset", "micro", "--out", dir.resolve("bad").toString()));
            args.addAll(List.of(flags));
            assertThat(GallopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(refused, true)).execute(args.toArray(String[]::new)))
                    .as(refused.toString()).isEqualTo(GallopCli.EXIT_BAD_INPUT);
            assertThat(refused.toString().strip()).doesNotContain("\n").containsAnyOf("need a teacher", "is not a model folder", "distilled steps 0 is out of range",
                    "--distill-guidance-smoothing 2.0 is out of range; allowed: 0 (off) to 1", "--distill-own-share 1.5 is out of range; allowed: 0 (off) to 1",
                    "--distill-audio-guidance 31.0 is out of range; allowed: 0 to 30 (1 = no guidance)");
        }
    }
}
