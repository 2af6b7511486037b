package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.LogMelCodec;
import ai.gallop.model.Checkpoints;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.Safetensors;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.SamplingDefaults;
import ai.gallop.pipeline.VideoGenerator.Capabilities;
import ai.gallop.train.TrainerState;
import ai.gallop.world.VideoFormat;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gallop info [MODEL]}: what a model folder or training run holds, before anyone generates with it: the
 * network and its size, the weights' fingerprint, the clips it makes, the inputs it was trained to read, how it samples
 * when a request names nothing, and the training that made it (from trainer.json). The same facts as lines, or as one
 * JSON object with {@code --json} for scripts.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model: its network, weights, default clip, what it can be asked, its sampling defaults and its training.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Model folder or training run (default: "
            + GenerateCommand.DEFAULT_MODEL + ", found from any working folder).")
    Path model;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Override public Integer call() throws IOException {
        Path folder = GenerateCommand.modelFolder(model == null ? Path.of(GenerateCommand.DEFAULT_MODEL) : model, model != null);
        try (Gallop gallop = Gallop.load(folder)) {
            Map<String, Object> facts = facts(gallop);
            if (json) System.out.println(Json.write(facts));
            else facts.forEach((key, value) -> System.out.println(key + ": " + (value instanceof Long n ? String.format(Locale.ROOT, "%,d", n) : value)));
            return GallopCli.EXIT_OK;
        }
    }

    /** The model's facts in the order a reader wants them, each a short phrase (lines) or value (JSON). */
    private Map<String, Object> facts(Gallop gallop) throws IOException {
        ModelConfig c = gallop.config();
        Path weights = gallop.folder().resolve(AudioVideoTransformer.WEIGHTS_FILE);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", gallop.id());
        f.put("folder", gallop.folder().toString());
        f.put("parameters", c.parameterCount());
        f.put("network", String.format(Locale.ROOT, "width %d, %d heads, %d + %d + %d layers (modality-specific, shared, modality-specific), "
                + "MLP x%d; text: %d-layer encoder over %d UTF-8 bytes%s", c.width(), c.heads(), c.specificLayers(), c.sharedLayers(),
                c.specificLayers(), c.mlpRatio(), c.textLayers(), c.maxTextTokens(),
                c.textWordBuckets() > 0 ? String.format(Locale.ROOT, " and a %,d-row word table", c.textWordBuckets()) : ""));
        f.put("video tokens", String.format(Locale.ROOT, "%dx%d pixels x %d frames each, %s%s%s", c.pixelsPerPatch(), c.pixelsPerPatch(),
                c.patchFrames(), c.latent() ? "cut from a frozen frame autoencoder's latents" : "pixels",
                c.frameNoiseShare() > 0 ? String.format(Locale.ROOT, "; %.0f%% of each value's noise shared by the clip's frames", 100 * c.frameNoiseShare()) : "",
                c.cameraPositions() ? "; rows and columns placed in the world through the camera" : ""));
        f.put("sound", String.format(Locale.ROOT, "%,d Hz, %d samples a token%s", c.sampleRate(), c.samplesPerAudioToken(), c.melBands() == 0
                ? " as raw waveform" : String.format(Locale.ROOT, " as %d frames of %d log-mel bands", LogMelCodec.FRAMES_PER_TOKEN, c.melBands())));
        String kind = which(gallop, weights);
        f.put("weights", String.format(Locale.ROOT, "%s" + AudioVideoTransformer.WEIGHTS_FILE + " %.1f MB, sha256 %s%s", kind == null ? "" : kind + "; ", Files.size(weights) / 1e6,
                gallop.modelSha256(), gallop.autoencoderSha256().map(sha -> "; autoencoder sha256 " + sha).orElse("")));
        VideoFormat d = gallop.defaultFormat();
        f.put("default clip", String.format(Locale.ROOT, "%dx%d, %d fps, %s s, %,d tokens%s", d.width(), d.height(), d.fps(),
                trim(d.seconds()), gallop.tokens(d), gallop.trainedFormat().isPresent() ? " (as trained)" : " (no training record)"));
        f.put("clips", gallop.supported());
        f.put("inputs", inputs(gallop.capabilities()));
        SamplingDefaults s = gallop.samplingDefaults();
        Double sound = Gallop.defaultAudioGuidance(c);
        boolean guidedOnTop = s.distilled() && s.guidance() != 1;
        f.put("sampling", String.format(Locale.ROOT, "%s, %d steps, shift %s, guidance %s%s%s%s", Gallop.DEFAULT_SAMPLER, s.steps(), trim(s.shift()),
                trim(s.guidance()), s.guidanceSmoothing() != 0 ? ", guidance smoothing " + trim(s.guidanceSmoothing()) : "",
                sound != null && (!s.distilled() || guidedOnTop) ? ", the sound's " + trim(sound) : "",
                guidedOnTop ? " (distilled, with this guidance on top from its " + SamplingDefaults.FILE + ", two passes a step)"
                        : s.distilled() ? " (distilled: its guidance is in its weights, one pass a step)" : ""));
        f.put("camera moves", gallop.defaultCameraControl().equals(GenerationRequest.REFRAME)
                ? "reframed: the drawn shot filmed again through the asked camera (--camera-control model leaves them to the model)"
                : "drawn by the model (--camera-control reframe films the drawn shot again through the asked camera)");
        Path stateFile = gallop.folder().resolve(TrainerState.FILE);
        if (Files.isRegularFile(stateFile)) {
            try {
                f.put("training", training(Json.MAPPER.readTree(stateFile.toFile())));
            } catch (IOException e) {  // generation still takes the folder; only the record is lost
                f.put("training", TrainerState.FILE + " is unreadable (" + GallopCli.describe(e).lines().findFirst().orElse("") + ")");
            }
        }
        return f;
    }

    /** Which weights generate: a checkpoint's EMA copy beside its raw ones, or what gallop export wrote into the model file (null: not said). */
    private static String which(Gallop gallop, Path weights) throws IOException {
        if (gallop.usesEma()) return "EMA weights (" + Checkpoints.EMA_FILE + " beside the raw ones)";
        return switch (Safetensors.metadata(weights).getOrDefault("gallop.weights", "")) {
            case "ema" -> "EMA weights";
            case "raw" -> "raw weights";
            default -> null;
        };
    }

    private static String inputs(Capabilities can) {
        List<String> inputs = new ArrayList<>(List.of("text", "a first frame (--image)", "a clip to extend (--extend)"));
        if (can.references()) inputs.add("a reference image (--ref)");
        if (can.edit()) inputs.add("a clip to edit (--video --edit)");
        return String.join(", ", inputs) + (can.sound() ? "; makes sound with the picture" : "");
    }

    /** What the training record says, read field by field: generation also takes a folder whose record is partial. */
    private static String training(JsonNode state) {
        StringBuilder t = new StringBuilder();
        if (state.has("step")) t.append(String.format(Locale.ROOT, "step %,d of its last run", state.get("step").asLong()));
        if (state.has("clipsSeen")) t.append(String.format(Locale.ROOT, ", %,d clips", state.get("clipsSeen").asLong()));
        JsonNode threads = state.path("options").path("threads");
        if (state.has("elapsedSeconds")) t.append(String.format(Locale.ROOT, ", %.2f hours%s", state.get("elapsedSeconds").asDouble() / 3600,
                threads.isInt() ? " on " + threads.asInt() + " libtorch thread" + (threads.asInt() == 1 ? "" : "s") : ""));
        String teacher = state.path("options").path("distill").path("teacher").asText(""), init = state.path("init").asText("");
        if (!teacher.isEmpty()) t.append("; distilled from ").append(teacher);
        else if (!init.isEmpty()) t.append("; started from ").append(init);
        return t.isEmpty() ? "not recorded" : t.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
