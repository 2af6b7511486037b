package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.StepDistillation;
import ai.gallop.diffusion.TimeRange;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.pipeline.TestModels;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Subject;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --twin-pairs}: each world clip beside its recoloured twin, one time and noise per pair, and the pair's difference loss. */
class TwinPairsTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    @Test
    void everyOddClipIsTheOneBeforeItInOtherColours() {
        List<TrainingClip> plain = ClipSource.render(new DataOrder(3), CLIP, 4, 2, false, List.of());
        List<TrainingClip> paired = ClipSource.render(new DataOrder(3), CLIP, 4, 2, false, List.of(TwinChange.COLOUR));
        assertThat(paired.get(0).caption()).isEqualTo(plain.get(0).caption());
        assertThat(paired.get(2).caption()).isEqualTo(plain.get(2).caption());
        for (int first = 0; first < 4; first += 2) {
            TrainingClip a = paired.get(first), b = paired.get(first + 1);
            assertThat(b.seed()).isEqualTo(a.seed());
            assertThat(b.caption()).as("other colour words").isNotEqualTo(a.caption());
            // same places: the label maps agree, and pixels no subject covers are the same scene
            long differingBackground = 0, differingSubject = 0;
            for (int f = 0; f < CLIP.frames(); f++) {
                assertThat(b.labels().get(f)).isEqualTo(a.labels().get(f));
                byte[] labels = a.labels().get(f), pa = a.frames().get(f).rgb(), pb = b.frames().get(f).rgb();
                for (int p = 0; p < labels.length; p++) {
                    boolean differs = pa[3 * p] != pb[3 * p] || pa[3 * p + 1] != pb[3 * p + 1] || pa[3 * p + 2] != pb[3 * p + 2];
                    if (!differs) continue;
                    if (labels[p] == 0) differingBackground++;
                    else differingSubject++;
                }
            }
            assertThat(differingSubject).as("the subjects change colour").isPositive();
            assertThat(differingBackground).as("the scene stays").isLessThan(differingSubject / 10 + 1);
        }
    }

    @Test
    void pairsOfSeveralChangesDrawEachAndChangeOnlyItsWords() {
        Map<String, Integer> seen = new TreeMap<>();
        for (int step = 0; step < 8; step++) {
            List<TrainingClip> paired = ClipSource.render(new DataOrder(3), CLIP, 4, step, false, List.of(TwinChange.COLOUR, TwinChange.SCENE, TwinChange.KIND));
            for (int first = 0; first < 4; first += 2) {
                TrainingClip a = paired.get(first), b = paired.get(first + 1);
                assertThat(b.seed()).isEqualTo(a.seed());
                assertThat(b.caption()).isNotEqualTo(a.caption());
                String change = a.subjects().equals(b.subjects()) ? "scene"
                        : kinds(a).equals(kinds(b)) ? "colour" : "kind";
                if (change.equals("colour")) assertThat(b.labels()).usingRecursiveComparison().as("same places").isEqualTo(a.labels());
                if (change.equals("scene")) assertThat(b.frames().getFirst().rgb()).as("another scene").isNotEqualTo(a.frames().getFirst().rgb());
                seen.merge(change, 1, Integer::sum);
            }
        }
        assertThat(seen.keySet()).containsExactly("colour", "kind", "scene");
    }

    private static List<List<Subject>> kinds(TrainingClip clip) {
        return clip.subjects().stream().map(frame -> frame.stream().map(SubjectSpec::kind).toList()).toList();
    }

    @Test
    void aSingleColourChangeIsTheRunBeforeTheOption() {
        TrainOptions before = paired(4, 10, null), colour = before.toBuilder().twinChanges(List.of(TwinChange.COLOUR)).build();
        assertThat(colour).isEqualTo(before);
        assertThat(colour.pairChanges()).containsExactly(TwinChange.COLOUR);
        assertThat(before.toBuilder().twinChanges(List.of(TwinChange.SCENE, TwinChange.COLOUR, TwinChange.SCENE)).build().pairChanges())
                .containsExactly(TwinChange.COLOUR, TwinChange.SCENE);
        assertThatThrownBy(() -> paired(4, 0, null).toBuilder().twinChanges(List.of(TwinChange.SCENE)).build())
                .hasMessage("--twin-changes needs pairs; allowed: with --twin-pairs above 0");
        assertThatThrownBy(() -> TwinChange.parse("size")).hasMessage("twin change 'size' is unknown; allowed: colour, scene, kind");
    }

    @Test
    void aPairSharesItsTimeAndNoiseAndInItsTimesOneInputButNotItsCleanTokens() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 4, 0, false, List.of(TwinChange.COLOUR));
            ConditionDropout firstFrameGiven = new ConditionDropout(0, 0, 1, 0, 0, 0, 0);
            FlowBatch own = FlowBatch.of(recipe(firstFrameGiven, new TimeRange(0, 1e-9)), clips, 11, null);
            Tensor time = own.input().videoTime();                                                  // [B, Lv]
            long clean = 0;
            while (time.get(0).get(clean).item_double() == 0) clean++;
            assertThat(clean).as("the first frame is given").isPositive();
            double t0 = time.get(0).get(clean).item_double(), t2 = time.get(2).get(clean).item_double();
            assertThat(time.get(1).equal(time.get(0))).isTrue();
            assertThat(time.get(3).equal(time.get(2))).isTrue();
            assertThat(t2).as("pairs draw their own times").isNotEqualTo(t0);
            // outside the range, x_t = (1 - t) x0 + t e with one e per pair: x_t(a) - x_t(b) = (1 - t) (x0(a) - x0(b))
            long noisy = time.size(1) - clean;
            for (int first = 0; first < 4; first += 2) {
                double t = first == 0 ? t0 : t2;
                Tensor inputs = own.input().video().get(first).sub(own.input().video().get(first + 1)).narrow(0, clean, noisy);
                Tensor cleans = own.cleanVideo().get(first).sub(own.cleanVideo().get(first + 1)).mul(new Scalar(1 - t)).narrow(0, clean, noisy);
                assertThat(inputs.abs().max().item_double()).as("the colours show in the inputs").isGreaterThan(1e-3);
                assertThat(inputs.sub(cleans).abs().max().item_double()).isLessThan(1e-4);
            }
            // inside it, both clips of a pair see one input, picture and sound, while each keeps its own clean tokens
            FlowBatch shared = FlowBatch.of(recipe(firstFrameGiven, new TimeRange(0, 1)), clips, 11, null);
            assertThat(shared.input().videoTime().equal(time)).isTrue();
            for (int first = 0; first < 4; first += 2) {
                Tensor a = shared.input().video().get(first), b = shared.input().video().get(first + 1);
                assertThat(a.narrow(0, clean, noisy).sub(b.narrow(0, clean, noisy)).abs().max().item_double()).isLessThan(1e-6);
                assertThat(b.narrow(0, 0, clean).equal(shared.cleanVideo().get(first + 1).narrow(0, 0, clean))).as("own first frame").isTrue();
                assertThat(a.narrow(0, 0, clean).equal(b.narrow(0, 0, clean))).isFalse();
            }
            // a recolour keeps the sound, so the sound's sharing shows on pairs in other scenes, whose ambience differs
            List<TrainingClip> rescened = ClipSource.render(new DataOrder(3), CLIP, 4, 0, false, List.of(TwinChange.SCENE));
            Tensor ownSound = FlowBatch.of(recipe(firstFrameGiven, new TimeRange(0, 1e-9)), rescened, 11, null).input().audio();  // [B, La, pa]
            Tensor sharedSound = FlowBatch.of(recipe(firstFrameGiven, new TimeRange(0, 1)), rescened, 11, null).input().audio();
            for (int first = 0; first < 4; first += 2) {
                assertThat(ownSound.get(first).sub(ownSound.get(first + 1)).abs().max().item_double()).as("own sounds differ").isGreaterThan(1e-3);
                assertThat(sharedSound.get(first).sub(sharedSound.get(first + 1)).abs().max().item_double()).isLessThan(1e-6);
            }
            // without pairs, the noise of clips 0 and 1 differ
            FlowBatch unpaired = FlowBatch.of(recipe(firstFrameGiven, null), clips, 11, null);
            assertThat(unpaired.input().videoTime().get(1).equal(unpaired.input().videoTime().get(0))).isFalse();
        }
    }

    private static final ConditionDropout NO_DROPOUT = new ConditionDropout(0, 0, 0, 0, 0, 0, 0);

    private static FlowBatch.Recipe recipe(ConditionDropout conditions, TimeRange pairs) { return recipe(conditions, pairs, null); }

    private static FlowBatch.Recipe recipe(ConditionDropout conditions, TimeRange pairs, StepDistillation distillation) {
        ModelConfig micro = ModelConfig.micro();
        return new FlowBatch.Recipe(micro, micro.videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0), conditions, 0, distillation, false, false, false, pairs);
    }

    @Test
    void namingTheDefaultTimesIsTheSameRunAndTimesNeedPairs() {
        TrainOptions plain = paired(4, 10, null);
        assertThat(plain.pairTimes()).isEqualTo(new TimeRange(0.3, 0.9));
        assertThat(plain.toBuilder().twinTimes(new TimeRange(0.3, 0.9)).build()).isEqualTo(plain);
        assertThat(plain.toBuilder().twinTimes(new TimeRange(0.9, 1)).build().pairTimes()).isEqualTo(new TimeRange(0.9, 1));
        assertThat(paired(4, 0, null).pairTimes()).isNull();
        assertThatThrownBy(() -> paired(4, 0, null).toBuilder().twinTimes(new TimeRange(0.9, 1)).build())
                .hasMessage("--twin-times needs pairs; allowed: with --twin-pairs above 0");
    }

    static TrainOptions paired(int batch, double weight, String data) {
        return TrainerTest.quick(ModelConfig.micro()).data(data).batch(batch).anchorShare(0.5).twinPairs(weight).build();
    }

    @Test
    void aRunWithPairsTrainsAndKeepsThePairWeightInItsIdentity(@TempDir Path dir) throws Exception {
        try (Trainer t = Trainer.open(dir, paired(4, 10, null))) {
            assertThat(t.clipsOf(0).get(1).seed()).isEqualTo(t.clipsOf(0).get(0).seed());
            assertThat(t.dataDescription()).endsWith(", in pairs that differ in colour and share one input at times 0.3,0.9");
            assertThat(t.trainStep().loss()).isFinite().isPositive();
            t.checkpoint();
        }
        assertThatThrownBy(() -> Trainer.open(dir, paired(4, 0, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twinPairs 10.0 (asked: 0.0)");
    }

    @Test
    void whenDistillingAPairSharesItsStudentStepAndIsScoredAgainstTheTeachersDifference(@TempDir Path dir) throws Exception {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 4, 0, false, List.of(TwinChange.COLOUR));
            StepDistillation twoSteps = new Distillation("teacher", 2, 3, 4).rule();
            Set<Integer> seen = new TreeSet<>();
            for (long seed = 0; seed < 8; seed++) {
                FlowBatch batch = FlowBatch.of(recipe(NO_DROPOUT, new TimeRange(0.5, 1), twoSteps), clips, seed, null);
                for (int first = 0; first < 4; first += 2) {
                    assertThat(batch.distilledSteps()[first + 1]).isEqualTo(batch.distilledSteps()[first]);
                    seen.add(batch.distilledSteps()[first]);
                    // both student times (1 and 0.75 at shift 3) lie in 0.5,1, so a pair's two inputs are one
                    assertThat(batch.input().video().get(first).sub(batch.input().video().get(first + 1)).abs().max().item_double()).isLessThan(1e-6);
                }
            }
            assertThat(seen).as("both student steps drawn").containsExactly(0, 1);
        }
        // the logged loss is the plain fit, so the pair term shows in the second step only, through the first update
        Path teacher = TestModels.write(dir.resolve("teacher"));
        TrainOptions options = TrainerTest.quick(TestModels.MICRO8).batch(4).steps(2).learningRate(3e-3).twinPairs(10).twinTimes(new TimeRange(0.5, 1))
                .distill(new Distillation(teacher.toString(), 2, 3, 4)).build();
        double[] heavy = twoSteps(dir.resolve("heavy"), options, teacher), light = twoSteps(dir.resolve("light"), options.toBuilder().twinPairs(1e-6).build(), teacher);
        assertThat(heavy[0]).isFinite().isPositive().isEqualTo(light[0]);
        assertThat(heavy[1]).isNotEqualTo(light[1]);
    }

    private static double[] twoSteps(Path run, TrainOptions options, Path teacher) throws Exception {
        try (Trainer t = Trainer.open(run, options, teacher)) {
            return new double[]{t.trainStep().loss(), t.trainStep().loss()};
        }
    }

    @Test
    void pairsNeedWorldClipsAndAnEvenBatch() {
        assertThatThrownBy(() -> paired(3, 1, null)).hasMessage("--twin-pairs puts the clips in pairs and --batch 3 is odd; allowed: an even batch");
        assertThatThrownBy(() -> paired(2, 1, "footage")).hasMessage("--twin-pairs repaints world scenes; it does not apply to --data footage");
        assertThatThrownBy(() -> paired(2, -1, null)).hasMessage("--twin-pairs -1.0 is out of range; allowed: 0 (off) to 100");
    }
}
