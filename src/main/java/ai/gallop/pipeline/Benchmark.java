package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.diffusion.Sampler;
import ai.gallop.media.Mp4Writer;
import ai.gallop.model.MatmulCeiling;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.VideoFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.get_num_threads;

/**
 * Times one generation stage by stage (prompt encoding, each denoising step, decoding, muxing), counts the model's
 * FLOPs for the clip and sets the achieved rate against a matmul ceiling measured in the same run, in float32 and
 * bfloat16. {@code gallop bench} prints the report and writes it as markdown. The same clip can be generated several
 * times: the machine's speed drifts by a fifth within minutes (docs/benchmarks.md), so one run says little about the
 * next; the report then shows the run with the median total and lists every run's total.
 */
public final class Benchmark {
    private Benchmark() {}

    /** A stage and its wall time. */
    public record Stage(String name, double seconds) {}

    /**
     * @param tokensPerPass  tokens of one sequence (text, video, audio)
     * @param passes         forward passes per model evaluation (2 with guidance: conditional and unconditional)
     * @param atOnce         whether those passes ran at once, each on its own core
     * @param evaluations    model evaluations of the whole clip (all shots)
     * @param flopsPerClip   forward FLOPs of every evaluation of the clip
     * @param attentionShare the part of those FLOPs spent in attention scores and sums
     * @param stepSeconds    wall time of each denoising step
     * @param runTotals      the total of every run, in the order they ran (this report's stages are the median run's)
     */
    public record Report(String model, String sha256, long parameters, VideoFormat format, boolean sound, String sampler, int steps,
                         double guidance, int tokensPerPass, int passes, boolean atOnce, int evaluations, double flopsPerClip, double attentionShare,
                         double loadSeconds, List<Stage> stages, List<Double> stepSeconds, List<MatmulCeiling> ceilings, int threads, List<Double> runTotals) {
        public Report {
            runTotals = List.copyOf(runTotals);
            stages = List.copyOf(stages);
            stepSeconds = List.copyOf(stepSeconds);
            ceilings = List.copyOf(ceilings);
        }

        public double totalSeconds() { return stages.stream().mapToDouble(Stage::seconds).sum(); }

        public double denoiseSeconds() { return stepSeconds.stream().mapToDouble(Double::doubleValue).sum(); }

        /** Generation time over the clip's duration: below 1 is faster than real time. */
        public double realTimeFactor() { return totalSeconds() / format.seconds(); }

        /** FLOPs of the denoiser over the time spent denoising. */
        public double achievedGflops() { return flopsPerClip / denoiseSeconds() / 1e9; }

        /** The plain-text table the command prints. */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s (%,d parameters), %dx%d, %d frames at %d fps (%s s)%s, %s, %d steps, guidance %s, %s, %d tokens per pass, %d threads%n",
                    model, parameters, format.width(), format.height(), format.frames(), format.fps(), plain(format.seconds()),
                    sound ? " with sound" : "", sampler, steps, plain(guidance), passDescription(), tokensPerPass, threads));
            s.append(String.format(Locale.ROOT, "%-28s %10s %7s%n", "stage", "seconds", "share"));
            for (Stage stage : stages)
                s.append(String.format(Locale.ROOT, "%-28s %10.4f %6.1f%%%n", stage.name(), stage.seconds(), 100 * stage.seconds() / totalSeconds()));
            s.append(String.format(Locale.ROOT, "%-28s %10.4f %6.1f%%%n", "total", totalSeconds(), 100.0));
            s.append(String.format(Locale.ROOT, "%-28s %s%n", "per step (mean/min/max)", stepSummary()));
            s.append(String.format(Locale.ROOT, "%-28s %.4f s (not in the total)%n", "model load", loadSeconds));
            if (runTotals.size() > 1) s.append(String.format(Locale.ROOT, "%-28s %s%n", "total of each run", runSummary()));
            for (String[] row : measures()) s.append(String.format(Locale.ROOT, "%-28s %s%n", row[0], row[1]));
            return s.toString();
        }

        /** The same as a markdown section. */
        public String markdown() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "## %s: %dx%d, %d frames at %d fps (%s s)%s, %s, %d steps%n%n", model, format.width(), format.height(),
                    format.frames(), format.fps(), plain(format.seconds()), sound ? " with sound" : "", sampler, steps));
            s.append(String.format(Locale.ROOT, "Model `%s` (%,d parameters, model.safetensors sha256 `%s`), guidance %s (%s), "
                            + "%d tokens per pass, %d model evaluations, libtorch %d threads, %s. Measured by `gallop bench`.%n%n",
                    model, parameters, sha256.substring(0, Math.min(16, sha256.length())), plain(guidance), passDescription(), tokensPerPass, evaluations,
                    threads, "Java " + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors() + " cores"));
            s.append("| stage | seconds | share |\n|---|---:|---:|\n");
            for (Stage stage : stages)
                s.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f%% |%n", stage.name(), stage.seconds(), 100 * stage.seconds() / totalSeconds()));
            s.append(String.format(Locale.ROOT, "| **total** | **%.4f** | 100%% |%n", totalSeconds()));
            s.append(String.format(Locale.ROOT, "| per denoising step (mean / min / max) | %s | |%n", stepSummary()));
            s.append(String.format(Locale.ROOT, "| model load (not in the total) | %.4f | |%n", loadSeconds));
            if (runTotals.size() > 1) s.append(String.format(Locale.ROOT, "| total of each of %d runs | %s | |%n", runTotals.size(), runSummary()));
            s.append('\n');
            s.append("| measure | value |\n|---|---|\n");
            for (String[] row : measures()) s.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
            s.append("\nEach denoising step (s): ");
            s.append(String.join(" ", stepSeconds.stream().map(t -> String.format(Locale.ROOT, "%.3f", t)).toList())).append("\n");
            return s.toString();
        }

        private String passDescription() {
            if (passes == 1) return "1 pass per evaluation";
            return passes + " passes per evaluation, " + (atOnce ? "at once on " + passes + " threads" : "one after the other");
        }

        /** Every run's total in the order they ran, then the median (the lower middle one for an even count, as {@link #run}), min and max. */
        private String runSummary() {
            List<Double> sorted = runTotals.stream().sorted().toList();
            return String.join(" ", runTotals.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList())
                    + String.format(Locale.ROOT, " (median %.2f, min %.2f, max %.2f)", sorted.get((sorted.size() - 1) / 2), sorted.getFirst(), sorted.getLast());
        }

        private String stepSummary() {
            double min = stepSeconds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = stepSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format(Locale.ROOT, "%.4f / %.4f / %.4f", denoiseSeconds() / Math.max(1, stepSeconds.size()), min, max);
        }

        private List<String[]> measures() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"clip duration", plain(format.seconds()) + " s"});
            rows.add(new String[]{"real-time factor", String.format(Locale.ROOT, "%.2f (generation time / clip duration)", realTimeFactor())});
            rows.add(new String[]{"model FLOPs per clip", String.format(Locale.ROOT, "%.1f GFLOP (%d evaluations x %d passes x %.2f GFLOP; %.0f%% in attention)",
                    flopsPerClip / 1e9, evaluations, passes, flopsPerClip / evaluations / passes / 1e9, 100 * attentionShare)});
            rows.add(new String[]{"denoiser achieved", String.format(Locale.ROOT, "%.1f GFLOP/s", achievedGflops())});
            int cores = atOnce ? passes : 1;
            for (MatmulCeiling c : ceilings)
                rows.add(new String[]{"matmul ceiling " + c.type(), String.format(Locale.ROOT, "%.1f GFLOP/s (%d^3 in %.4f s, %s); denoiser at %.0f%% of %s",
                        c.gflops(), c.size(), c.seconds(), threads == 1 ? "one libtorch thread" : threads + " libtorch threads", 100 * achievedGflops() / (cores * c.gflops()), cores == 1 ? "it" : cores + " times it (" + cores + " cores busy)")});
            return rows;
        }
    }

    /**
     * Generates the request {@code runs} times (after a one-step warm-up), muxing each into a temporary MP4 that is
     * deleted again, and measures the matmul ceiling in float32 and bfloat16 ({@code ceilingSize} 0 skips it). The
     * report is the run with the median total (the lower middle one for an even count).
     */
    public static Report run(Gallop gallop, GenerationRequest request, double loadSeconds, int ceilingSize, int runs, ProgressListener listener)
            throws IOException {
        if (runs < 1) throw new IllegalArgumentException(runs + " runs; allowed: at least 1");
        gallop.check(request);
        GenerationRequest warmUp = new GenerationRequest(request.prompt(), request.negativePrompt(), request.seed(), request.format(),
                request.sound(), 1, request.guidance(), request.sampler(), request.firstFrame(), request.references(), request.shift(),
                request.audioGuidance(), null, request.guidanceSmoothing());
        Path folder = Files.createTempDirectory("gallop-bench");
        Path mp4 = folder.resolve("bench.mp4");
        try {
            // warm-up: first-call allocations in libtorch, FFmpeg's initialisation
            Generated first = gallop.generate(warmUp, ProgressListener.NONE, new Cancellation());
            Mp4Writer.write(mp4, first.video(), first.provenance());
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < runs; i++) reports.add(measure(gallop, request, loadSeconds, listener, mp4));
            List<Report> byTotal = reports.stream().sorted(java.util.Comparator.comparingDouble(Report::totalSeconds)).toList();
            Report median = byTotal.get((runs - 1) / 2);
            List<MatmulCeiling> ceilings = ceilingSize == 0 ? List.of()
                    : List.of(MatmulCeiling.measure(ScalarType.Float, ceilingSize, 3), MatmulCeiling.measure(ScalarType.BFloat16, ceilingSize, 3));
            return new Report(median.model(), median.sha256(), median.parameters(), median.format(), median.sound(), median.sampler(),
                    median.steps(), median.guidance(), median.tokensPerPass(), median.passes(), median.atOnce(), median.evaluations(),
                    median.flopsPerClip(), median.attentionShare(), loadSeconds, median.stages(), median.stepSeconds(), ceilings,
                    median.threads(), reports.stream().map(Report::totalSeconds).toList());
        } finally {
            Files.deleteIfExists(mp4);
            Files.deleteIfExists(folder);
        }
    }

    /** One timed generation and its mux; no ceilings. */
    private static Report measure(Gallop gallop, GenerationRequest request, double loadSeconds, ProgressListener listener, Path mp4)
            throws IOException {

        List<Double> steps = new ArrayList<>();
        long[] last = {System.nanoTime()};
        Generated g = gallop.generate(request, (stage, done, total) -> {
            long now = System.nanoTime();
            if (Sampler.STAGE.equals(stage)) steps.add((now - last[0]) / 1e9);
            last[0] = now;
            listener.progress(stage, done, total);
        }, new Cancellation());
        Map<String, Double> t = g.timings();
        // the first step's stamp started before reading the prompt: take the stages before it off
        double before = t.getOrDefault("read prompt", 0.0) + t.getOrDefault("encode prompt", 0.0) + t.getOrDefault("prepare noise", 0.0);
        if (!steps.isEmpty()) steps.set(0, Math.max(0, steps.getFirst() - before));

        long t0 = System.nanoTime();
        Mp4Writer.write(mp4, g.video(), g.provenance());
        double mux = (System.nanoTime() - t0) / 1e9;
        List<Stage> stages = List.of(
                new Stage("prompt encoding", t.getOrDefault("read prompt", 0.0) + t.getOrDefault("encode prompt", 0.0)),
                new Stage("noise and conditions", t.getOrDefault("prepare noise", 0.0)),
                new Stage("denoising, " + steps.size() + " steps", t.getOrDefault("denoise", 0.0)),
                new Stage("decoding", t.getOrDefault("decode", 0.0)),
                new Stage("muxing (H.264 + AAC)", mux));

        ModelConfig config = gallop.config();
        Sampler sampler = Sampler.of(g.provenance().get("sampler"), Integer.parseInt(g.provenance().get("steps")),
                Double.parseDouble(g.provenance().get("shift")),
                new ai.gallop.diffusion.Guidance(Double.parseDouble(g.provenance().get("guidance")), Double.parseDouble(g.provenance().get("audio_guidance")),
                        Double.parseDouble(g.provenance().getOrDefault("guidance_smoothing", "0"))));
        int passes = sampler.guidance().needsUnconditional() ? 2 : 1;
        int parts = g.captions().size();
        int text = g.captions().stream().mapToInt(c -> Math.max(config.textTokeniser().encode(c).length,
                config.textTokeniser().encode(request.negativePrompt() == null ? "" : request.negativePrompt()).length)).max().orElse(0);
        int tokens = (int) (config.textSequenceTokens(text) + gallop.tokens(request.format()) / parts);
        double perToken = config.forwardFlopsPerToken(tokens);
        double attention = 4.0 * config.layers() * tokens * config.width() / perToken;
        int evaluations = sampler.evaluations() * parts;
        double flops = perToken * tokens * passes * evaluations;
        return new Report(gallop.id(), gallop.modelSha256(), config.parameterCount(), request.format(), request.sound(), sampler.name(),
                sampler.steps(), sampler.guidance().video(), tokens, passes, passes == 2 && Sampler.passesAtOnce(), evaluations, flops, attention, loadSeconds, stages, steps, List.of(),
                get_num_threads(), List.of());
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
