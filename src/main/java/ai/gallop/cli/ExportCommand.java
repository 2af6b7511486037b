package ai.gallop.cli;

import ai.gallop.media.AtomicFiles;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.Checkpoints;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.Safetensors;
import ai.gallop.pipeline.SamplingDefaults;
import ai.gallop.train.TrainerState;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code gallop export}: turns a training checkpoint into a model folder people can generate with: config.json
 * and model.safetensors holding the EMA weights (the ones that sample best), in bfloat16 by default, which
 * halves the file (the tiny preset: 28 MB instead of 55 MB) while loading back to float32 for sampling.
 * trainer.json comes along as the training record (the clip format the model learned is its default); the
 * optimizer moments stay behind: a shipped model is for generating, a run folder for training on.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's EMA weights as a model folder (config.json + model.safetensors) for generate, serve and eval.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "PATH", description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model folder to write, e.g. models/gallop-tiny.")
    Path out;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "Weight type on disk: bf16 or f32 (default: ${DEFAULT-VALUE}).", defaultValue = "bf16")
    String dtype;

    @Option(names = "--raw", description = "Export the raw weights instead of the EMA weights.")
    boolean raw;

    @Option(names = "--guidance", paramLabel = "G", description = "The model's default guidance, 0 to 30, written to its "
            + SamplingDefaults.FILE + " (default: none written; 9, or 1 for a distilled model).")
    Double guidance;

    @Option(names = "--guidance-smoothing", paramLabel = "W", description = "The model's default guidance smoothing, 0 to 1, written to its "
            + SamplingDefaults.FILE + " with --guidance (default: 0).")
    Double guidanceSmoothing;

    @Override public Integer call() throws IOException {
        ScalarType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "bf16" -> ScalarType.BFloat16;
            case "f32" -> ScalarType.Float;
            default -> throw new BadInputException("--dtype '" + dtype + "' is unknown; allowed: bf16, f32");
        };
        GenerateCommand.checkGuidance("--guidance", guidance);
        GenerateCommand.checkSmoothing("--guidance-smoothing", guidanceSmoothing);
        if (guidanceSmoothing != null && guidance == null)
            throw new BadInputException("--guidance-smoothing needs --guidance; allowed: --guidance G [--guidance-smoothing W]");
        Path checkpoint = checkpoint();
        Path weightsFile = checkpoint.resolve(raw ? AudioVideoTransformer.WEIGHTS_FILE : Checkpoints.EMA_FILE);
        if (!Files.isRegularFile(weightsFile))
            throw new BadInputException(checkpoint + " has no " + weightsFile.getFileName() + "; allowed: a checkpoint with EMA weights, or --raw");
        ModelConfig config = ModelConfig.read(checkpoint.resolve(AudioVideoTransformer.CONFIG_FILE));
        Map<String, String> metadata = new TreeMap<>();
        metadata.put("format", "pt");
        metadata.put("gallop.model", config.name());
        metadata.put("gallop.weights", raw ? "raw" : "ema");
        Path stateFile = checkpoint.resolve(TrainerState.FILE);
        if (Files.isRegularFile(stateFile)) {
            TrainerState state = TrainerState.read(stateFile);
            metadata.put("gallop.step", Integer.toString(state.step()));
            metadata.put("gallop.clips_seen", Long.toString(state.clipsSeen()));
            metadata.put("gallop.training_seconds", String.format(Locale.ROOT, "%.0f", state.elapsedSeconds()));
            metadata.put("gallop.train_format", state.options().format().width() + "x" + state.options().format().height()
                    + "@" + state.options().format().fps() + "x" + state.options().format().frames());
        }
        WorldCommand.prepareFolder(out);
        try (PointerScope scope = new PointerScope(); AtomicFiles files = new AtomicFiles()) {
            Map<String, Tensor> converted = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : Safetensors.read(weightsFile).entrySet()) converted.put(e.getKey(), e.getValue().to(type));
            files.add(out.resolve(AudioVideoTransformer.CONFIG_FILE),
                    f -> Files.writeString(f, config.toJson(), StandardCharsets.UTF_8));
            files.add(out.resolve(AudioVideoTransformer.WEIGHTS_FILE), f -> Safetensors.write(f, converted, metadata));
            Path aeConfig = checkpoint.resolve(FrameAutoencoder.CONFIG_FILE), aeWeights = checkpoint.resolve(FrameAutoencoder.WEIGHTS_FILE);
            if (Files.isRegularFile(aeConfig)) {  // a latent model's frozen autoencoder travels with it
                Map<String, Tensor> ae = new LinkedHashMap<>();
                // its convolutions run in bfloat16 anyway (VideoTokeniser); the latent statistics stay float32
                for (Map.Entry<String, Tensor> e : Safetensors.read(aeWeights).entrySet())
                    ae.put(e.getKey(), e.getKey().startsWith("latent.") ? e.getValue() : e.getValue().to(type));
                files.add(out.resolve(FrameAutoencoder.CONFIG_FILE), f -> Files.copy(aeConfig, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                files.add(out.resolve(FrameAutoencoder.WEIGHTS_FILE), f -> Safetensors.write(f, ae, Map.of("format", "pt", "gallop.autoencoder", "frozen")));
            }
            if (Files.isRegularFile(stateFile))  // the training record: the clip format it learned, its options, its step
                files.add(out.resolve(TrainerState.FILE), f -> Files.copy(stateFile, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
            if (guidance != null)
                files.add(out.resolve(SamplingDefaults.FILE), f -> Files.writeString(f,
                        SamplingDefaults.fileJson(guidance, guidanceSmoothing != null ? guidanceSmoothing : 0), StandardCharsets.UTF_8));
            files.commit();
        }
        if (guidance == null) Files.deleteIfExists(out.resolve(SamplingDefaults.FILE));  // a model exported over another keeps no stale defaults
        try (AudioVideoTransformer check = AudioVideoTransformer.load(out)) {
            System.out.printf(Locale.ROOT, "exported %s (%,d parameters, %s %s weights%s) to %s (%.1f MB)%n", config.name(), check.parameterCount(),
                    raw ? "raw" : "EMA", dtype.toLowerCase(Locale.ROOT), metadata.containsKey("gallop.step") ? ", step " + metadata.get("gallop.step") : "",
                    out, Files.size(out.resolve(AudioVideoTransformer.WEIGHTS_FILE)) / 1e6);
        }
        return GallopCli.EXIT_OK;
    }

    private Path checkpoint() throws IOException {
        if (Files.isRegularFile(from.resolve(AudioVideoTransformer.CONFIG_FILE))) return from;
        Optional<Path> latest = Files.isDirectory(from) ? new Checkpoints(from.resolve(Checkpoints.FOLDER)).latest() : Optional.empty();
        return latest.orElseThrow(() -> new BadInputException("--from " + from
                + " is neither a checkpoint nor a run folder; allowed: a folder with config.json, or a run folder with checkpoints/step-N"));
    }
}
