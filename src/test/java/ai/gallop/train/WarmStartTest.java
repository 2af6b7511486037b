package ai.gallop.train;

import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmStartTest {
    @Test
    void aNewRunStartsFromTheGivenModelAndKeepsLearningFromThere(@TempDir Path dir) throws Exception {
        TrainOptions o = TrainerTest.options(ModelConfig.micro(), 20, 3e-3, 1000);
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        double trainedLoss;
        try (Trainer first = Trainer.open(dir.resolve("first"), o)) {
            for (int i = 0; i < 20; i++) first.trainStep();
            first.model().save(shipped);
            trainedLoss = first.evaluate(first.clipsOf(1_000_000), 1, new double[]{0.5, 0.9});
        }
        try (Trainer warm = Trainer.open(dir.resolve("warm"), o, shipped);
             Trainer cold = Trainer.open(dir.resolve("cold"), o);
             AudioVideoTransformer reference = AudioVideoTransformer.load(shipped)) {
            assertThat(warm.step()).isZero();
            Map<String, Tensor> w = warm.model().namedParameters(), r = reference.namedParameters();
            for (String name : r.keySet()) assertThat(w.get(name).equal(r.get(name))).as(name).isTrue();
            List<TrainingClip> fixed = warm.clipsOf(1_000_000);
            double warmLoss = warm.evaluate(fixed, 1, new double[]{0.5, 0.9}), coldLoss = cold.evaluate(fixed, 1, new double[]{0.5, 0.9});
            assertThat(warmLoss).isEqualTo(trainedLoss).isLessThan(0.7 * coldLoss);
        }
    }

    @Test
    void aModelFromBeforeTheWordTableStartsARunThatHasOneWithTheTableAtZero(@TempDir Path dir) throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"));
        try (AudioVideoTransformer plain = new AudioVideoTransformer(ModelConfig.micro(), 1)) {
            plain.save(old);
        }
        TrainOptions o = TrainerTest.options(ModelConfig.micro().withTextWords(256, false), 2, 1e-3, 1000);
        try (Trainer warm = Trainer.open(dir.resolve("run"), o, old); AudioVideoTransformer reference = AudioVideoTransformer.load(old)) {
            assertThat(warm.model().config()).isEqualTo(o.model());
            Map<String, Tensor> w = warm.model().namedParameters();
            reference.namedParameters().forEach((name, r) -> assertThat(w.get(name).equal(r)).as(name).isTrue());
            assertThat(w.get("text.words").abs().max().item_float()).isZero();
            for (int i = 0; i < 3; i++) warm.trainStep();  // the first step only moves the zero-initialised heads
            assertThat(w.get("text.words").abs().max().item_float()).as("the table learns").isPositive();
        }
    }

    @Test
    void aModelOfAnotherShapeIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        try (AudioVideoTransformer other = new AudioVideoTransformer(ModelConfig.micro(), 1)) {
            other.save(shipped);
        }
        TrainOptions o = TrainerTest.options(ModelConfig.micro().withPatch(8), 2, 1e-3, 1000);
        assertThatThrownBy(() -> Trainer.open(dir.resolve("run"), o, shipped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds model micro (width 64, patch 4), not the run's micro").hasMessageNotContaining("\n");
    }
}
