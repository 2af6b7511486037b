package ai.gallop.train;

import ai.gallop.model.Checkpoints;
import ai.gallop.Json;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.Safetensors;
import ai.gallop.world.VideoFormat;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    /** 32x32, 9 frames at 8 fps: 320 video tokens and 29 audio tokens per clip for the micro model. */
    static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    static TrainOptions options(ModelConfig model, int steps, double lr, int checkpointEvery) {
        return options(model, steps, lr, checkpointEvery, 2);
    }

    static TrainOptions options(ModelConfig model, int steps, double lr, int checkpointEvery, int batch) {
        return options(model, steps, lr, checkpointEvery, batch, 0);
    }

    static TrainOptions options(ModelConfig model, int steps, double lr, int checkpointEvery, int batch, double temporalWeight) {
        return quick(model).batch(batch).steps(steps).learningRate(lr).checkpointEvery(checkpointEvery).temporalWeight(temporalWeight).build();
    }

    /** The tests' run: one step of two clips on {@link #CLIP}, seed 5, one thread, EMA 0.9; each test sets what it is about. */
    static TrainOptions.Builder quick(ModelConfig model) {
        return TrainOptions.defaults(model, CLIP).toBuilder().batch(2).steps(1).learningRate(1e-3).warmupSteps(2).emaDecay(0.9).seed(5)
                .checkpointEvery(1).keep(2).threads(1);
    }

    @Test
    void aBuilderChangesOnlyWhatItIsToldAndChecksAsTheRecordDoes() {
        TrainOptions base = quick(ModelConfig.micro()).batch(4).anchorShare(0.5).simpleShare(0.25).twinPairs(10)
                .twinChanges(List.of(TwinChange.SCENE)).languages(List.of("en")).build();
        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThat(Trainer.difference(base, base.toBuilder().simpleShare(0.5).build())).isEqualTo("simpleShare 0.25 (asked: 0.5)");
        assertThat(Trainer.difference(base, base.withRunLength(7, 3, 4, 2))).startsWith("steps 1 (asked: 7)");
        assertThat(base.withRunLength(7, 3, 4, 2).identity()).isEqualTo(base.identity());
        assertThatThrownBy(() -> base.toBuilder().batch(3).build())
                .hasMessage("--twin-pairs puts the clips in pairs and --batch 3 is odd; allowed: an even batch");
    }

    @Test
    void aFewStepsLowerTheLossOnAFixedBatch(@TempDir Path dir) throws Exception {
        try (Trainer trainer = Trainer.open(dir, options(ModelConfig.micro(), 20, 3e-3, 1000))) {
            List<TrainingClip> fixed = trainer.clipsOf(1_000_000);  // a step the run never reaches
            double[] times = {0.5, 0.9};
            double before = trainer.evaluate(fixed, 1, times);
            for (int i = 0; i < 20; i++) trainer.trainStep();
            double after = trainer.evaluate(fixed, 1, times);
            assertThat(after).as("loss on a fixed batch: before %.4f, after 20 steps %.4f", before, after).isLessThan(0.7 * before);
        }
    }

    @Test
    void aResumedRunComputesBitIdenticalWeights(@TempDir Path dir) throws Exception {
        TrainOptions o = options(ModelConfig.micro(), 6, 2e-3, 3, 1);
        Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
        Path a = assertKilledRunResumesToTheSameBytes(straight, resumed, o, null, 3);
        assertCompleteRun(straight);
        List<StepMetrics> m1 = MetricsLog.read(straight.resolve(MetricsLog.FILE)), m2 = MetricsLog.read(resumed.resolve(MetricsLog.FILE));
        assertThat(m2).extracting(StepMetrics::step).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m2).extracting(StepMetrics::loss).isEqualTo(m1.stream().map(StepMetrics::loss).toList());
        // weights actually moved, so the equality above means something
        try (PointerScope s = new PointerScope()) {
            Map<String, Tensor> first = Safetensors.read(straight.resolve("checkpoints/step-00000003/model.safetensors"));
            Map<String, Tensor> last = Safetensors.read(a.resolve("model.safetensors"));
            assertThat(first.get("video.out.weight").equal(last.get("video.out.weight"))).isFalse();
        }
    }

    @Test
    void aStoppedRunSavesTheStepItReachedAndResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        TrainOptions o = options(ModelConfig.micro(), 5, 2e-3, 100, 1);  // no regular checkpoint before the end
        Path straight = dir.resolve("straight"), stopped = dir.resolve("stopped");
        try (Trainer t = Trainer.open(straight, o)) {
            assertThat(t.run(TrainingListener.NONE, () -> false)).isFalse();
        }
        List<Integer> saved = new java.util.ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override public void checkpointSaved(Path folder, int step) { saved.add(step); }
        };
        try (Trainer t = Trainer.open(stopped, o)) {
            assertThat(t.run(record, () -> t.step() == 3)).as("stopped early").isTrue();
            assertThat(t.step()).isEqualTo(3);
        }
        assertThat(saved).containsExactly(3);
        try (Trainer t = Trainer.open(stopped, o)) {
            assertThat(t.step()).isEqualTo(3);
            assertThat(t.run(record, () -> t.step() == 3)).as("a stop at the step just saved saves nothing more").isTrue();
            t.run(TrainingListener.NONE);  // to the end
        }
        assertThat(saved).containsExactly(3);
        for (String file : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors"))
            assertThat(Files.readAllBytes(stopped.resolve("checkpoints/step-00000005").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(straight.resolve("checkpoints/step-00000005").resolve(file)));
    }

    /**
     * Runs {@code o} straight through in {@code straight}; in {@code resumed} runs it to the checkpoint at step
     * {@code killAfter}, one step more that is never saved (the kill), then resumes it to the end; asserts the last
     * checkpoints hold the same weight, EMA and optimizer bytes. Returns the straight run's last checkpoint.
     */
    static Path assertKilledRunResumesToTheSameBytes(Path straight, Path resumed, TrainOptions o, Path init, int killAfter) throws Exception {
        try (Trainer t = Trainer.open(straight, o, init)) {
            t.run(TrainingListener.NONE);
        }
        try (Trainer t = Trainer.open(resumed, o, init)) {
            for (int i = 0; i < killAfter; i++) t.trainStep();
            t.checkpoint();
            t.trainStep();  // a step after the checkpoint that the "killed" run logs but never saves
        }
        try (Trainer t = Trainer.open(resumed, o)) {
            assertThat(t.step()).isEqualTo(killAfter);
            t.run(TrainingListener.NONE);
        }
        String last = String.format(Locale.ROOT, "checkpoints/step-%08d", o.steps());
        Path a = straight.resolve(last), b = resumed.resolve(last);
        for (String file : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors"))
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        return a;
    }

    /** A finished 6-step run checkpointing every 3 steps: complete checkpoint folders, state, parseable metrics, the curve. */
    private static void assertCompleteRun(Path dir) throws IOException {
        Checkpoints store = new Checkpoints(dir.resolve(Checkpoints.FOLDER));
        assertThat(store.list()).extracting(p -> p.getFileName().toString()).containsExactly("step-00000003", "step-00000006");
        Path last = store.latest().orElseThrow();
        try (var files = Files.list(last)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("config.json", "ema.safetensors", "model.safetensors", "optimizer.safetensors", "trainer.json");
        }
        TrainerState state = TrainerState.read(last.resolve(TrainerState.FILE));
        assertThat(state.step()).isEqualTo(6);
        assertThat(state.nextDataStep()).isEqualTo(6);
        assertThat(state.clipsSeen()).isEqualTo(6);
        List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.FILE));
        assertThat(lines).hasSize(6);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode row = Json.MAPPER.readTree(lines.get(i));
            assertThat(row.get("step").asInt()).isEqualTo(i + 1);
            for (String key : List.of("loss", "videoLoss", "audioLoss", "learningRate", "gradNorm", "clipsPerSecond", "seconds"))
                assertThat(Double.isFinite(row.get(key).asDouble())).as(key).isTrue();
        }
        assertThat(ai.gallop.media.Png.read(dir.resolve(LossCurve.FILE)).width()).isEqualTo(720);
    }

    @Test
    void aCrashWhileWritingACheckpointNeverLeavesAHalfCheckpoint(@TempDir Path dir) throws IOException {
        Checkpoints store = new Checkpoints(dir);
        store.save(1, List.of(new Checkpoints.Part("a.bin", f -> Files.writeString(f, "one")), new Checkpoints.Part("b.bin", f -> Files.writeString(f, "two"))));
        assertThatThrownBy(() -> store.save(2, List.of(new Checkpoints.Part("a.bin", f -> Files.writeString(f, "new")),
                new Checkpoints.Part("b.bin", f -> { throw new IOException("disk full"); }))))
                .isInstanceOf(IOException.class).hasMessageContaining("disk full");
        assertThat(store.latest().orElseThrow().getFileName().toString()).isEqualTo("step-00000001");
        // a process killed mid-write leaves only a hidden partial folder: never taken as a checkpoint, removed on the next start
        Path partial = Files.createDirectory(dir.resolve(".step-00000003.1234.partial"));
        Files.writeString(partial.resolve("a.bin"), "half");
        assertThat(store.latest().orElseThrow().getFileName().toString()).isEqualTo("step-00000001");
        store.prune(5);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("step-00000001");
        }
        assertThat(Files.readString(dir.resolve("step-00000001/b.bin"))).isEqualTo("two");
    }

    @Test
    void aStepWhoseLossOverflowsStopsTheRunInOneLineWithoutTouchingTheWeights(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, options(ModelConfig.micro(), 20, 1e-3, 1000)); PointerScope scope = new PointerScope()) {
            t.trainStep();
            // a weight so large that its activations overflow float32 in the forward pass: what a diverging run produces
            Map<String, Tensor> before = poison(t, "text.encoder.0.qkv.weight");
            assertThatThrownBy(t::trainStep)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("loss became NaN at step 2; the weights were not updated; lower --lr");
            assertUnchanged(t, before);
        }
    }

    @Test
    void stepsWhoseGradientOverflowsAreSkippedAndFiveInARowStopTheRun(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, options(ModelConfig.micro(), 20, 1e-3, 1000)); PointerScope scope = new PointerScope()) {
            t.trainStep();
            // here the forward pass stays finite (the loss is) and only the backward pass overflows
            Map<String, Tensor> before = poison(t, "text.embed");
            for (int i = 2; i <= 5; i++) {
                StepMetrics m = t.trainStep();
                assertThat(m.loss()).isFinite();
                assertThat(m.gradNorm()).isNaN();
                assertUnchanged(t, before);
            }
            assertThatThrownBy(t::trainStep)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("gradient norm was NaN for 5 steps in a row up to step 6; the weights were not updated; lower --lr");
            assertUnchanged(t, before);
            assertThat(MetricsLog.read(dir.resolve(MetricsLog.FILE))).extracting(StepMetrics::gradNorm)
                    .hasSize(5).element(4).isEqualTo(Double.NaN);  // the log keeps the skipped steps, readable
        }
    }

    @Test
    void theCountOfSkippedStepsSurvivesAResume(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, options(ModelConfig.micro(), 20, 1e-3, 1000)); PointerScope scope = new PointerScope()) {
            t.trainStep();
            poison(t, "text.embed");  // checkpointed with the weights: a resumed run overflows again
            for (int i = 2; i <= 4; i++) assertThat(t.trainStep().gradNorm()).isNaN();
            t.checkpoint();
        }
        try (Trainer t = Trainer.open(dir, options(ModelConfig.micro(), 20, 1e-3, 1000)); PointerScope scope = new PointerScope()) {
            assertThat(t.trainStep().gradNorm()).isNaN();
            assertThatThrownBy(t::trainStep).isInstanceOf(IllegalStateException.class)
                    .hasMessage("gradient norm was NaN for 5 steps in a row up to step 6; the weights were not updated; lower --lr");
        }
    }

    /** Sets one parameter to 3e38 everywhere; returns a copy of every parameter after that. */
    private static Map<String, Tensor> poison(Trainer t, String name) {
        Map<String, Tensor> params = t.model().namedParameters();
        params.get(name).detach().fill_(new org.bytedeco.pytorch.Scalar(3e38f));
        return snapshot(t);
    }

    /** A copy of every parameter. */
    private static Map<String, Tensor> snapshot(Trainer t) {
        Map<String, Tensor> copy = new java.util.LinkedHashMap<>();
        t.model().namedParameters().forEach((k, v) -> copy.put(k, v.detach().clone()));
        return copy;
    }

    private static void assertUnchanged(Trainer t, Map<String, Tensor> before) {
        for (Map.Entry<String, Tensor> p : t.model().namedParameters().entrySet())
            assertThat(p.getValue().equal(before.get(p.getKey()))).as("%s unchanged", p.getKey()).isTrue();
    }

    @Test
    void theTemporalWeightChangesWhatAStepLearnsAndIsPartOfTheRunsIdentity(@TempDir Path dir) throws Exception {
        TrainOptions plain = options(ModelConfig.micro(), 1, 1e-3, 1);
        TrainOptions temporal = options(ModelConfig.micro(), 1, 1e-3, 1, 2, 1);
        double plainLoss, temporalLoss;
        try (Trainer t = Trainer.open(dir.resolve("plain"), plain)) { plainLoss = t.trainStep().loss(); }
        try (Trainer t = Trainer.open(dir.resolve("temporal"), temporal)) {
            temporalLoss = t.trainStep().loss();
            t.checkpoint();
        }
        assertThat(temporalLoss).as("same clips and noise, plus the loss on the change between frames").isGreaterThan(plainLoss);
        assertThatThrownBy(() -> Trainer.open(dir.resolve("temporal"), plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporalWeight 1.0 (asked: 0.0)");
    }

    /** A one-step micro run with the given negative terms (the contrastive one, the recoloured twin, the clip played backwards). */
    static TrainOptions negatives(int batch, double contrastiveWeight, boolean byTime, double recolourWeight, double reverseWeight) {
        return quick(ModelConfig.micro()).batch(batch).contrastiveWeight(contrastiveWeight).contrastiveByTime(byTime).recolourWeight(recolourWeight)
                .reverseWeight(reverseWeight).build();
    }

    /**
     * One step from the same start without and with negative terms: the logged loss is the plain fit, yet the
     * weights end elsewhere. The run with them is checkpointed in {@code withDir}; {@code check} looks at its
     * trainer before the step.
     */
    private static void assertTheNegativesMoveTheWeightsNotTheLoggedLoss(Path plainDir, TrainOptions plain, Path withDir, TrainOptions with,
                                                                         java.util.function.Consumer<Trainer> check) throws Exception {
        double plainLoss, withLoss;
        Map<String, Tensor> plainWeights;
        try (Trainer t = Trainer.open(plainDir, plain)) {
            plainLoss = t.trainStep().loss();
            plainWeights = snapshot(t);
        }
        try (Trainer t = Trainer.open(withDir, with)) {
            check.accept(t);
            withLoss = t.trainStep().loss();
            t.checkpoint();
            long moved = t.model().namedParameters().entrySet().stream()
                    .filter(p -> !p.getValue().equal(plainWeights.get(p.getKey()))).count();
            // AdamW's first step moves each value by the sign of its gradient, so only tensors where the negatives
            // flip a sign end up elsewhere
            assertThat(moved).as("parameter tensors that the negatives' gradient moved elsewhere").isPositive();
        }
        assertThat(withLoss).as("same clips, noise and weights before the step: the logged loss is the plain fit").isEqualTo(plainLoss);
    }

    @Test
    void theContrastiveWeightChangesTheGradientNotTheLoggedLossAndIsPartOfTheRunsIdentity(@TempDir Path dir) throws Exception {
        assertTheNegativesMoveTheWeightsNotTheLoggedLoss(dir.resolve("plain"), negatives(2, 0, false, 0, 0), dir.resolve("contrast"),
                negatives(2, 0.2, false, 0, 0), t -> { });
        assertThatThrownBy(() -> Trainer.open(dir.resolve("contrast"), negatives(2, 0, false, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contrastiveWeight 0.2 (asked: 0.0)");
        assertThatThrownBy(() -> negatives(2, 1, false, 0, 0)).hasMessage("--contrastive-weight 1.0 is out of range; allowed: 0 (off) to below 1");
        assertThatThrownBy(() -> negatives(1, 0.1, false, 0, 0)).hasMessage("--contrastive-weight needs other clips in the batch; allowed: --batch 2 or more");
        assertThatThrownBy(() -> negatives(2, 0, true, 0, 0)).hasMessage("--contrastive-by-time needs a contrastive term; allowed: with --contrastive-weight above 0");
    }

    @Test
    void theRecolourWeightRendersTwinsChangesTheGradientNotTheLoggedLossAndIsPartOfTheRunsIdentity(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir.resolve("no-twins"), negatives(2, 0, false, 0, 0))) {
            assertThat(t.clipsOf(0)).allSatisfy(clip -> assertThat(clip.twin()).isEmpty());
        }
        assertTheNegativesMoveTheWeightsNotTheLoggedLoss(dir.resolve("plain"), negatives(2, 0, false, 0, 0), dir.resolve("recolour"),
                negatives(2, 0, false, 0.5, 0), t -> {
                    assertThat(t.dataDescription()).endsWith(", each with a recoloured twin");
                    List<TrainingClip> clips = t.clipsOf(0);
                    assertThat(clips).extracting(TrainingClip::seed)
                            .isEqualTo(ClipSource.render(new DataOrder(5), CLIP, 2, 0, false, List.of()).stream().map(TrainingClip::seed).toList());
                    assertThat(clips).allSatisfy(clip -> assertThat(clip.twin()).hasSameSizeAs(clip.frames()));
                });
        assertThatThrownBy(() -> Trainer.open(dir.resolve("recolour"), negatives(2, 0, false, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recolourWeight 0.5 (asked: 0.0)");
        assertThatThrownBy(() -> negatives(2, 0, false, 1, 0)).hasMessage("--recolour-weight 1.0 is out of range; allowed: 0 (off) to below 1");
        assertThatThrownBy(() -> negatives(2, 0.5, false, 0.5, 0)).hasMessage("--contrastive-weight 0.5, --recolour-weight 0.5 and --reverse-weight 0.0 "
                + "add up to 1 or more, where the best prediction runs off to infinity; allowed: a sum below 1");
    }

    @Test
    void theReverseWeightChangesTheGradientNotTheLoggedLossAndIsPartOfTheRunsIdentity(@TempDir Path dir) throws Exception {
        assertTheNegativesMoveTheWeightsNotTheLoggedLoss(dir.resolve("plain"), negatives(2, 0, false, 0, 0), dir.resolve("reverse"),
                negatives(2, 0, false, 0, 0.5), t -> assertThat(t.dataDescription()).endsWith(", each also played backwards"));
        assertThatThrownBy(() -> Trainer.open(dir.resolve("reverse"), negatives(2, 0, false, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reverseWeight 0.5 (asked: 0.0)");
        assertThatThrownBy(() -> negatives(2, 0, false, 0, 1)).hasMessage("--reverse-weight 1.0 is out of range; allowed: 0 (off) to below 1");
        assertThatThrownBy(() -> negatives(2, 0, false, 0.5, 0.5)).hasMessage("--contrastive-weight 0.0, --recolour-weight 0.5 and --reverse-weight 0.5 "
                + "add up to 1 or more, where the best prediction runs off to infinity; allowed: a sum below 1");
    }

    @Test
    void resumingWithADifferentModelIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, options(ModelConfig.micro(), 1, 1e-3, 1))) {
            t.run(TrainingListener.NONE);
        }
        ModelConfig wider = new ModelConfig("micro", 128, 2, 1, 1, 2, 32, 4, 2, 16000, 640, 10000, 25);
        assertThatThrownBy(() -> Trainer.open(dir, options(wider, 1, 1e-3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was trained with model 'micro' (width 64, patch 4) (asked: 'micro' (width 128, patch 4))")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSimpleShareSwapsThatShareOfClipsForOneLargeSubjectAndLeavesTheOthersAsTheyWere() {
        DataOrder none = new DataOrder(5), half = new DataOrder(5, List.of(ai.gallop.world.Vocabulary.Language.values()), 0.5),
                all = new DataOrder(5, List.of(ai.gallop.world.Vocabulary.Language.values()), 1);
        int simple = 0;
        for (int step = 0; step < 200; step++)
            for (int slot = 0; slot < 2; slot++) {
                assertThat(none.simple(step, slot)).isFalse();
                assertThat(all.simple(step, slot)).isTrue();
                if (half.simple(step, slot)) simple++;
            }
        assertThat(simple).isBetween(160, 240);

        List<TrainingClip> plain = ClipSource.render(none, CLIP, 2, 3, false, List.of()), mixed = ClipSource.render(half, CLIP, 2, 3, false, List.of());
        for (int slot = 0; slot < 2; slot++) {
            if (half.simple(3, slot)) continue;
            assertThat(mixed.get(slot).caption()).isEqualTo(plain.get(slot).caption());
            assertThat(mixed.get(slot).frames()).isEqualTo(plain.get(slot).frames());
        }
        for (TrainingClip clip : ClipSource.render(all, CLIP, 2, 3, false, List.of())) {
            int largest = 0;
            for (byte[] label : clip.labels())
                for (byte b : label) largest = Math.max(largest, b & 0xFF);
            assertThat(largest).as("one subject label in '" + clip.caption() + "'").isEqualTo(1);
        }
        assertThatThrownBy(() -> new DataOrder(5, List.of(ai.gallop.world.Vocabulary.Language.EN), 1.5))
                .hasMessage("--simple-share 1.5 is out of range; allowed: 0 to 1");
    }

    @Test
    void theDataOrderIsAPureFunctionOfSeedAndStep() {
        DataOrder order = new DataOrder(5);
        List<TrainingClip> a = ClipSource.render(order, CLIP, 2, 17, false, List.of()), b = ClipSource.render(new DataOrder(5), CLIP, 2, 17, false, List.of());
        assertThat(a).extracting(TrainingClip::caption).isEqualTo(b.stream().map(TrainingClip::caption).toList());
        assertThat(a.getFirst().frames()).isEqualTo(b.getFirst().frames());
        assertThat(ClipSource.render(order, CLIP, 2, 18, false, List.of())).extracting(TrainingClip::seed).doesNotContainAnyElementsOf(
                a.stream().map(TrainingClip::seed).toList());
        assertThat(a.getFirst().sound().samples()).hasSize((int) Math.round(CLIP.playSeconds() * 16000));
    }

    @Test
    void learningRateWarmsUpThenDecaysByCosine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertThat(s.at(0)).isCloseTo(1e-3 / 11, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(60)).isCloseTo(0.55e-3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.at(110)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
        for (int i = 11; i < 110; i++) assertThat(s.at(i)).isLessThanOrEqualTo(s.at(i - 1));
    }
}
