package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.model.Safetensors;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.SamplingDefaults;
import ai.gallop.pipeline.TestModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static ai.gallop.cli.WorldCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {
    @TempDir Path tmp;

    @Test void describesAModelAsLinesOrOneJsonObjectAndRefusesAFolderWithoutOne() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"));
        WorldCommandTest.Run r = run("info", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("model", "folder", "parameters", "network",
                "video tokens", "sound", "weights", "default clip", "clips", "inputs", "sampling", "camera moves", "training");
        long parameters = TestModels.MICRO8.parameterCount();
        assertThat(lines).contains("model: gallop-micro8", "parameters: " + String.format(Locale.ROOT, "%,d", parameters),
                "inputs: text, a first frame (--image), a clip to extend (--extend); makes sound with the picture",
                "sound: 16,000 Hz, 640 samples a token as raw waveform",
                "sampling: euler, " + Gallop.DEFAULT_STEPS + " steps, shift 3, guidance " + (int) Gallop.DEFAULT_GUIDANCE,
                "camera moves: reframed: the drawn shot filmed again through the asked camera (--camera-control model leaves them to the model)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("default clip: 32x32, 8 fps, 1 s, ").endsWith(" tokens (as trained)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("weights: model.safetensors ")
                .contains("sha256 " + Gallop.sha256(model.resolve("model.safetensors"))));
        assertThat(lines).as("a partial training record says what it has").contains("training: step 2 of its last run");

        try (PointerScope scope = new PointerScope()) {  // as gallop export marks the EMA weights it writes
            Path weights = model.resolve("model.safetensors");
            Safetensors.write(weights, Safetensors.read(weights), Map.of("gallop.weights", "ema"));
        }
        assertThat(run("info", model.toString()).out()).contains("weights: EMA weights; model.safetensors ");
        Files.writeString(model.resolve("trainer.json"), TestModels.TRAINER_JSON_WITH_EDITS);
        JsonNode json = Json.MAPPER.readTree(run("info", model.toString(), "--json").out());
        assertThat(json.path("parameters").asLong()).isEqualTo(parameters);
        assertThat(json.path("inputs").asText()).contains("a clip to edit (--video --edit)").doesNotContain("--ref");

        Files.writeString(model.resolve("trainer.json"), "{\"step\": ");
        WorldCommandTest.Run torn = run("info", model.toString());
        assertThat(torn.code()).as("a torn training record loses only the training line").isZero();
        assertThat(torn.out().lines().filter(l -> l.startsWith("training: "))).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("training: trainer.json is unreadable (");

        Path mel = TestModels.write(tmp.resolve("mel"), TestModels.MICRO8.withMelBands(16));
        assertThat(run("info", mel.toString()).out().lines()).as("a log-mel model says its sound is unguided").contains(
                "sound: 16,000 Hz, 640 samples a token as 8 frames of 16 log-mel bands",
                "sampling: euler, " + Gallop.DEFAULT_STEPS + " steps, shift 3, guidance " + (int) Gallop.DEFAULT_GUIDANCE + ", the sound's 1");

        Files.writeString(mel.resolve(SamplingDefaults.FILE), SamplingDefaults.fileJson(2, 1));
        assertThat(run("info", mel.toString()).out().lines()).as("a sampling file's defaults").contains(
                "sampling: euler, " + Gallop.DEFAULT_STEPS + " steps, shift 3, guidance 2, guidance smoothing 1, the sound's 1");

        Path placed = TestModels.write(tmp.resolve("placed"), TestModels.MICRO8.withCameraPositions(true));
        assertThat(run("info", placed.toString()).out().lines()).as("a model that places its video in the world draws the moves").contains(
                "camera moves: drawn by the model (--camera-control reframe films the drawn shot again through the asked camera)");

        WorldCommandTest.Run missing = run("info", tmp.resolve("nothing").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("gallop info: no model at " + tmp.resolve("nothing")).doesNotContain("\n");
    }
}
