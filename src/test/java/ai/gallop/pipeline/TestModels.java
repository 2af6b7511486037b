package ai.gallop.pipeline;

import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * A model folder for tests, made in milliseconds: the micro width with 8-pixel patches, its zero-initialised
 * output heads and adaLN projections filled with small random weights (a fresh model predicts 0 everywhere, which
 * would make every clip the same grey), saved with config.json, model.safetensors and a trainer.json that says it
 * was trained on 32x32 clips of 1 s at 8 fps, so the CLI's defaults make the smallest clip there is.
 */
public final class TestModels {
    public static final ModelConfig MICRO8 = new ModelConfig("micro8", 64, 2, 1, 1, 2, 48, 8, 2, 16000, 640, 10000, 25);
    public static final String TRAINER_JSON = """
            {"step": 2, "options": {"format": {"width": 32, "height": 32, "fps": 8, "frames": 9}}}
            """;
    private static final List<String> RANDOMISED = List.of("video.out.weight", "audio.out.weight", "final.modulation.weight", "modulation.weight");

    private TestModels() {}

    /** What a trainer.json says of a run with --reference-share: the model takes a reference image. */
    public static final String TRAINER_JSON_WITH_REFERENCES = """
            {"step": 2, "options": {"format": {"width": 32, "height": 32, "fps": 8, "frames": 9},
             "conditions": {"textDrop": 0.1, "imageDrop": 0.1, "imageRate": 0.25, "extendRate": 0.1, "referenceRate": 0.5}}}
            """;

    public static final String TRAINER_JSON_WITH_EDITS = """
            {"step": 2, "options": {"format": {"width": 32, "height": 32, "fps": 8, "frames": 9},
             "conditions": {"textDrop": 0.1, "imageDrop": 0.1, "imageRate": 0.25, "extendRate": 0.1, "editRate": 0.75}}}
            """;

    /** Writes the model into {@code folder} (created) and returns it. */
    public static Path write(Path folder) throws IOException {
        return write(folder, MICRO8);
    }

    /** Writes a model of {@code config} (MICRO8 with other settings) into {@code folder}; an edit's source skip is randomised too. */
    public static Path write(Path folder, ModelConfig config) throws IOException {
        Files.createDirectories(folder);
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(config, 7);
             NoGradGuard g = new NoGradGuard()) {
            GeneratorOptional rng = new GeneratorOptional(createCPUGenerator(11));
            for (String name : RANDOMISED) {
                Tensor w = model.namedParameters().get(name);
                w.copy_(randn(w.shape(), rng).mul(new Scalar(0.05)));
            }
            for (String name : List.of("source.video.weight", "source.audio.weight")) {
                Tensor w = model.namedParameters().get(name);
                if (w != null) w.copy_(randn(w.shape(), rng).mul(new Scalar(0.05)));
            }
            model.save(folder);
        }
        Files.writeString(folder.resolve(Gallop.TRAINER_FILE), TRAINER_JSON);
        return folder;
    }
}
