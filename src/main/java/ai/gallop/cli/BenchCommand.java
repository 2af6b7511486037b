package ai.gallop.cli;

import ai.gallop.media.AtomicFiles;
import ai.gallop.pipeline.Benchmark;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * {@code gallop bench}: times each stage of generating the model's default clip (prompt encoding, every denoising
 * step, decoding, muxing), the real-time factor, the model's FLOPs per clip and the GFLOP/s achieved against a
 * float32 and bfloat16 matmul ceiling measured in the same run. Prints a table; {@code --out FILE.md} writes it as
 * markdown too.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time each stage of generating the model's default clip and compare the denoiser's GFLOP/s with a matmul ceiling.")
public final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_PROMPT = "a brown horse gallops to the right across a meadow";

    @Option(names = "--model", paramLabel = "FOLDER", description = "Model folder or training run (default: ${DEFAULT-VALUE}).",
            defaultValue = GenerateCommand.DEFAULT_MODEL)
    Path model;

    @Option(names = "--prompt", description = "Prompt to generate (default: ${DEFAULT-VALUE}).", defaultValue = DEFAULT_PROMPT)
    String prompt;

    @Option(names = "--steps", description = "Denoising steps (default: " + Gallop.DEFAULT_STEPS + "; a distilled model's own steps).")
    Integer steps;

    @Option(names = "--sampler", description = "euler, heun or ancestral (default: " + Gallop.DEFAULT_SAMPLER + ").")
    String sampler;

    @Option(names = "--guidance", paramLabel = "G", description = "Guidance, 0 to 30 (default: " + Gallop.DEFAULT_GUIDANCE + "; 1, one pass a step, for a distilled model).")
    Double guidance;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--threads", description = "libtorch threads (default: libtorch's own choice, one per core).")
    Integer threads;

    @Option(names = "--ceiling-size", paramLabel = "N", description = "Side of the square matmuls timed for the ceiling; 0 skips them (default: ${DEFAULT-VALUE}).",
            defaultValue = "2048")
    int ceilingSize;

    @Option(names = "--runs", paramLabel = "N", description = "Generate the clip N times and report the median run, listing every total (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int runs;

    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the report as markdown (e.g. docs/benchmarks.md).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        // System.out, as WorldCommand: picocli swaps a subcommand's writer when System.out is replaced (tests capture it)
        PrintStream stdout = System.out;
        if (threads != null && (threads < 1 || threads > 256)) throw new BadInputException("--threads " + threads + " is out of range; allowed: 1 to 256");
        if (runs < 1 || runs > 100) throw new BadInputException("--runs " + runs + " is out of range; allowed: 1 to 100");
        if (ceilingSize != 0 && (ceilingSize < 16 || ceilingSize > 8192))
            throw new BadInputException("--ceiling-size " + ceilingSize + " is out of range; allowed: 0 (skip) or 16 to 8192");
        if (out != null && (Files.isDirectory(out) || out.toAbsolutePath().getParent() == null || !Files.isDirectory(out.toAbsolutePath().getParent())))
            throw new BadInputException("--out " + out + " is not a file in an existing folder; allowed: e.g. docs/benchmarks.md");
        Path folder = GenerateCommand.modelFolder(model, spec.commandLine().getParseResult().hasMatchedOption("--model"));
        if (threads != null) set_num_threads(threads);
        long t0 = System.nanoTime();
        try (Gallop gallop = Gallop.load(folder)) {
            double load = (System.nanoTime() - t0) / 1e9;
            VideoFormat format = gallop.defaultFormat();
            GenerationRequest request = new GenerationRequest(prompt, null, seed, format, true, steps, guidance, sampler, null, List.of());
            gallop.check(request);
            Benchmark.Report report;
            int perRun = gallop.denoisingSteps(request);
            try (ProgressBar bar = new ProgressBar("bench", runs * perRun)) {
                int[] run = {0};
                report = Benchmark.run(gallop, request, load, ceilingSize, runs, (stage, done, total) -> {
                    if (!ai.gallop.diffusion.Sampler.STAGE.equals(stage)) return;
                    bar.stepTo(run[0] * perRun + done);
                    if (done == total) run[0]++;
                });
            }
            stdout.print(report.table());
            if (out != null) {
                AtomicFiles.write(out, ("# Benchmarks\n\n" + report.markdown()).getBytes(StandardCharsets.UTF_8));
                stdout.println("wrote " + out);
            }
            stdout.flush();
            return GallopCli.EXIT_OK;
        }
    }
}
