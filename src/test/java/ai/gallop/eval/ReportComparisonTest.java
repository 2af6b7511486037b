package ai.gallop.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ReportComparisonTest {
    /** 60 clips whose colour score is the prompt's own difficulty plus {@code gain}, clamped to [0, 1]. */
    public static SuiteReport report(String suite, double gain) {
        SplittableRandom random = new SplittableRandom(3);  // the same prompts, so the same difficulties, in every report
        List<SuiteReport.Clip> clips = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double difficulty = random.nextDouble() * 0.8;
            List<ClipReport.Dimension> dims = List.of(
                    new ClipReport.Dimension(SemanticDimensions.COLOUR, DimensionGroup.SEMANTIC, Math.clamp(difficulty + gain, 0, 1)),
                    new ClipReport.Dimension(SemanticDimensions.SCENE, DimensionGroup.SEMANTIC, difficulty));
            ClipReport report = new ClipReport("prompt " + i, "en", false, 17, 8, 64, 64, true, dims, List.of(), null, List.of(i * 0.1, 1.0));
            clips.add(new SuiteReport.Clip(String.format("dev-%04d", i), "t2v", "en", report));
        }
        return SuiteReport.of(suite, "model", clips, List.of(new double[]{0, 1}, new double[]{1, 0}, new double[]{2, 2}), 0);
    }

    @Test
    void aSmallGainOnTheSamePromptsIsClearWhenPairedThoughTheSeparateIntervalsOverlap() {
        SuiteReport base = report("dev", 0), better = report("dev", 0.05);
        ReportComparison c = ReportComparison.of(List.of("base", "better"), List.of(base, better));
        ReportComparison.Row colour = c.rows().stream().filter(r -> r.name().equals(SemanticDimensions.COLOUR)).findFirst().orElseThrow();
        ReportComparison.Difference d = colour.differences().getFirst();
        assertThat(d.mean()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.n()).isEqualTo(60);
        assertThat(d.clear()).isTrue();
        SuiteReport.Summary a = base.dimensions().getFirst(), b = better.dimensions().getFirst();
        assertThat(b.lower()).as("the unpaired intervals overlap").isLessThan(a.upper());
        ReportComparison.Row scene = c.rows().stream().filter(r -> r.name().equals(SemanticDimensions.SCENE)).findFirst().orElseThrow();
        assertThat(scene.differences().getFirst().clear()).as("no change is not flagged").isFalse();
        assertThat(c.markdown()).contains("| colour | " + String.format(java.util.Locale.ROOT, "%.3f | %.3f | **+0.050", a.mean(), b.mean()))
                .contains("| scene |").contains("| FGD (lower is closer) |");
        var chart = c.chart();
        assertThat(chart.width()).isEqualTo(ReportComparison.WIDTH);
        assertThat(chart.rgb()).isEqualTo(ReportComparison.of(List.of("base", "better"), List.of(base, better)).chart().rgb());
    }

    @Test
    void theChartsAxisIsTheSmallestThatHoldsEveryInterval() {
        SuiteReport base = report("dev", 0);
        assertThat(ReportComparison.of(List.of("a", "b"), List.of(base, report("dev", 0.02))).span()).isEqualTo(0.05);
        assertThat(ReportComparison.of(List.of("a", "b"), List.of(base, report("dev", -0.08))).span()).isEqualTo(0.1);
        assertThat(ReportComparison.of(List.of("a", "b", "c"), List.of(base, report("dev", 0.02), report("dev", 0.3))).span()).isEqualTo(0.5);
    }

    @Test
    void aNameTooLongForTheChartIsCutToItsWidth() {
        String longName = "runs/distill-8/checkpoints/step-00002400-evaluated-at-eight-steps-and-guidance-one";
        String fitted = ReportComparison.fit(longName);
        assertThat(fitted).endsWith("..").startsWith("runs/distill-8/");
        assertThat(ai.gallop.media.BitmapFont.width(fitted, ReportComparison.TEXT_SCALE))
                .isLessThanOrEqualTo(ReportComparison.WIDTH - 2 * ReportComparison.MARGIN - 8);
        assertThat(ReportComparison.fit("d8-600")).isEqualTo("d8-600");
    }

    @Test
    void reportsOfDifferentSuitesOrTooFewAreRefusedInOneLine() {
        assertThatThrownBy(() -> ReportComparison.of(List.of("a", "b"), List.of(report("dev", 0), report("compositional", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("b scores suite compositional, a suite dev; allowed: reports of one suite");
        assertThatThrownBy(() -> ReportComparison.of(List.of("a"), List.of(report("dev", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: two or more reports, one name each");
    }
}
