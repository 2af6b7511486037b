package ai.gallop.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A suite's scores: per dimension the mean over the clips that scored it with its 95% bootstrap
 * interval ({@link Bootstrap}), the same per language and per task (t2v, i2v), and the Fréchet
 * ground-truth-feature distance ({@link FeatureFrechet#NAME}, not FVD) between the evaluated clips
 * and real renders of the same prompts. Serialised with {@link ai.gallop.Json} as report.json.
 *
 * @param mode what was scored: "videos DIR", "real", "baseline still" or "baseline random"
 */
public record SuiteReport(String suite, String mode, int clips, List<Summary> dimensions, List<Breakdown> byLanguage,
                          List<Breakdown> byTask, Frechet frechet, List<Clip> results) {
    /** Every dimension the judge has, in report order: by group, then as each group's class lists them. */
    public static final List<ClipReport.Dimension> ORDER = order();

    public SuiteReport {
        dimensions = List.copyOf(dimensions);
        byLanguage = List.copyOf(byLanguage);
        byTask = List.copyOf(byTask);
        results = List.copyOf(results);
    }

    /** A dimension's mean over n clips with its 95% bootstrap interval. */
    public record Summary(String name, DimensionGroup group, double mean, double lower, double upper, int n) {}

    public record Breakdown(String key, int clips, List<Summary> dimensions) {
        public Breakdown { dimensions = List.copyOf(dimensions); }
    }

    /** @param name always {@link FeatureFrechet#NAME}; {@code value} is null when either set has fewer than 2 clips */
    public record Frechet(String name, Double value, int evaluated, int reference) {}

    /** One scored clip with the suite's labels. */
    public record Clip(String id, String task, String language, ClipReport report) {}

    /**
     * @param reference feature vectors of real renders of the suite's prompts ({@link ClipFeatures}), raw, before any codec
     * @param seed      bootstrap seed: the same clips and seed give the same intervals
     */
    public static SuiteReport of(String suite, String mode, List<Clip> results, List<double[]> reference, long seed) {
        List<double[]> evaluated = results.stream()
                .map(c -> c.report().features().stream().mapToDouble(Double::doubleValue).toArray()).toList();
        Double fgd = evaluated.size() >= 2 && reference.size() >= 2 ? round(FeatureFrechet.distance(evaluated, reference)) : null;
        return new SuiteReport(suite, mode, results.size(), summaries(results, seed),
                breakdowns(results, Clip::language, seed), breakdowns(results, Clip::task, seed),
                new Frechet(FeatureFrechet.NAME, fgd, evaluated.size(), reference.size()), results);
    }

    /**
     * This report over only the clips whose ids {@code leftOut} does not hold, its means and intervals drawn again
     * (bootstrap seed {@code seed}). Its FGD value is null: the real renders that distance needs are not kept in a
     * report. For judging a choice on prompts it was not made on.
     */
    public SuiteReport without(Set<String> leftOut, long seed) {
        return of(suite, mode, results.stream().filter(c -> !leftOut.contains(c.id())).toList(), List.of(), seed);
    }

    private static List<Breakdown> breakdowns(List<Clip> results, Function<Clip, String> key, long seed) {
        Map<String, List<Clip>> groups = new TreeMap<>();
        for (Clip c : results) groups.computeIfAbsent(String.valueOf(key.apply(c)), k -> new ArrayList<>()).add(c);
        List<Breakdown> out = new ArrayList<>();
        groups.forEach((k, clips) -> out.add(new Breakdown(k, clips.size(), summaries(clips, seed))));
        return out;
    }

    static List<Summary> summaries(List<Clip> results, long seed) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (ClipReport.Dimension d : ORDER) values.put(d.name(), new ArrayList<>());
        for (Clip c : results)
            for (ClipReport.Dimension d : c.report().dimensions()) values.get(d.name()).add(d.score());
        List<Summary> out = new ArrayList<>();
        for (ClipReport.Dimension d : ORDER) {
            List<Double> v = values.get(d.name());
            if (v.isEmpty()) continue;
            Bootstrap.Interval i = Bootstrap.meanInterval(v.stream().mapToDouble(Double::doubleValue).toArray(), Bootstrap.DEFAULT_ROUNDS, seed);
            out.add(new Summary(d.name(), d.group(), round(i.mean()), round(i.lower()), round(i.upper()), i.count()));
        }
        return out;
    }

    private static List<ClipReport.Dimension> order() {
        List<ClipReport.Dimension> out = new ArrayList<>();
        for (String n : SemanticDimensions.NAMES) out.add(new ClipReport.Dimension(n, DimensionGroup.SEMANTIC, 0));
        for (String n : QualityDimensions.NAMES) out.add(new ClipReport.Dimension(n, DimensionGroup.QUALITY, 0));
        for (String n : ImageToVideoDimensions.NAMES) out.add(new ClipReport.Dimension(n, DimensionGroup.I2V, 0));
        for (String n : SoundDimensions.NAMES) out.add(new ClipReport.Dimension(n, DimensionGroup.SOUND, 0));
        return List.copyOf(out);
    }

    private static double round(double v) { return Math.round(v * 1e4) / 1e4; }
}
