package ai.gallop.serve;

import ai.gallop.media.ContactSheet;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.model.AudioVideoTransformer;
import ai.gallop.model.ModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trained model hosted by the server (as models/gallop-tiny would be): a micro model checkpoint written here (the
 * same config.json + model.safetensors a training run writes; its weights are seeded, not trained, which is all a
 * hosting test needs) serves gallop-tiny-t2v and -i2v, is an arena contender, and refuses up front what it cannot make.
 */
class ModelHostingTest {
    @TempDir static Path shared;
    static Path model;
    @TempDir Path tmp;

    @BeforeAll static void writeCheckpoint() throws Exception {
        model = java.nio.file.Files.createDirectories(shared.resolve("gallop-micro"));
        try (AudioVideoTransformer t = new AudioVideoTransformer(ModelConfig.micro(), 7)) {
            t.save(model);
        }
    }

    @Test void theModelServesTheGallopTinyNamesAndTheArena() throws Exception {
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0).withModel(model))) {
            assertThat(s.server.trainedModels()).containsExactly("gallop-micro");
            List<String> served = new ArrayList<>();
            for (JsonNode m : s.get("/v1/models").json().get("data")) served.add(m.get("id").asText() + "=" + m.get("generator").asText());
            assertThat(served).contains("gallop-micro=gallop-micro", "gallop-tiny-t2v=gallop-micro", "gallop-tiny-i2v=gallop-micro",
                    "world-oracle=world-oracle", "still-baseline=still-baseline");

            // two identical requests on two workers: the model takes them one at a time, and gives the same bytes
            String body = "{\"prompt\": \"a red ball bounces on green grass\", \"seed\": 5, \"num_inference_steps\": 2, \"size\": \"32x32\", \"seconds\": 1}";
            String one = s.post("/v1/videos", body).json().get("id").asText(), two = s.post("/v1/videos", body).json().get("id").asText();
            JsonNode done = s.awaitVideo(one, "completed");
            s.awaitVideo(two, "completed");
            assertThat(done.get("generator").asText()).isEqualTo("gallop-micro");
            assertThat(done.get("model").asText()).isEqualTo("gallop-tiny-t2v");
            byte[] video = s.get("/v1/videos/" + one + "/content").bytes();
            assertThat(new String(video, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(s.get("/v1/videos/" + two + "/content").bytes()).as("same request, same bytes").isEqualTo(video);

            RgbFrame first = RgbFrame.blank(32, 32);
            for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) first.set(x, y, y < 16 ? 0x3050A0 : 0x40A040);
            String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(first));
            JsonNode i2v = s.post("/v1/videos", "{\"prompt\": \"a red ball bounces\", \"model\": \"gallop-tiny-i2v\", \"num_inference_steps\": 2, \"size\": \"32x32\", \"seconds\": 1, "
                    + "\"input_reference\": \"" + url + "\"}").json();
            assertThat(s.awaitVideo(i2v.get("id").asText(), "completed").get("generator").asText()).isEqualTo("gallop-micro");

            // DashScope's 64P at 16:9 is 114x64 for the built-in generators; the model's 4-pixel patches make it 112x64
            ServerFixture.Response dash = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"a blue fish\"}}",
                    "X-DashScope-Async", "enable");
            assertThat(dash.status()).as(String.valueOf(dash.json())).isEqualTo(200);
            String dashId = dash.json().get("output").get("task_id").asText();
            assertThat(s.get("/v1/videos/" + dashId).json().get("size").asText()).isEqualTo("112x64");
            s.delete("/v1/videos/" + dashId); // its 32 default steps are not what this test is about
        }
        try (Generators hosted = Generators.standard(model, null)) {
            assertThat(hosted.contenders()).as("the arena draws from every hosted generator")
                    .containsExactlyInAnyOrder("world-oracle", "still-baseline", "gallop-micro");
            TaskInput long1 = new TaskInput("a red ball bounces on green grass zorblax", null, 1, 32, 32, 8, 9, true, 2, null, null, null, false, 0, false, null, null);
            TaskInput long2 = new TaskInput("a red ball bounces on green grass zorblax", null, 2, 32, 32, 8, 9, true, 2, null, null, null, false, 0, false, null, null);
            assertThat(hosted.unread("gallop-micro", long1)).as("a task's text is read once, however often it is shown")
                    .isSameAs(hosted.unread("gallop-micro", long1))
                    .containsEntry("unread_text", java.util.Map.of("prompt", "ass zorblax"));
            assertThat(hosted.unread("gallop-micro", long2)).isNotSameAs(hosted.unread("gallop-micro", long1));
            assertThat(hosted.unread("world-oracle", long1).get("unread_text")).isEqualTo(java.util.Map.of());
        }
    }

    @Test void theTextAGeneratorWillNotReadIsShownBesideItsTask() throws Exception {
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0).withModel(model))) {
            // the micro model reads 30 caption bytes: "a red ball bounces on green gr"
            String prompt = "a red ball bounces on green grass zorblax";
            JsonNode video = s.post("/v1/videos", "{\"prompt\": \"" + prompt + "\", \"num_inference_steps\": 2, \"size\": \"32x32\", "
                    + "\"seconds\": 1}").json();
            assertThat(video.get("unread_text").get("prompt").asText()).isEqualTo("ass zorblax");
            assertThat(video.get("ignored_words")).extracting(JsonNode::asText).containsExactly("zorblax");
            JsonNode done = s.awaitVideo(video.get("id").asText(), "completed");
            assertThat(done.get("unread_text").get("prompt").asText()).as("kept with the task").isEqualTo("ass zorblax");

            JsonNode oracle = s.post("/v1/videos", "{\"prompt\": \"" + prompt + "\", \"model\": \"world-oracle\", \"size\": \"32x32\", "
                    + "\"seconds\": 1}").json();
            assertThat(oracle.get("unread_text").size()).as("the oracle reads every byte").isZero();
            assertThat(oracle.get("ignored_words")).extracting(JsonNode::asText).containsExactly("zorblax");
            JsonNode fits = s.post("/v1/videos", "{\"prompt\": \"a red ball\", \"num_inference_steps\": 2, \"size\": \"32x32\", "
                    + "\"seconds\": 1}").json();
            assertThat(fits.get("unread_text").size()).isZero();
            assertThat(fits.get("ignored_words").size()).isZero();

            JsonNode dash = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"" + prompt + "\", "
                    + "\"negative_prompt\": \"blurry, dark, grainy, noisy, washed out\"}}", "X-DashScope-Async", "enable").json().get("output");
            assertThat(dash.get("unread_text").get("prompt").asText()).isEqualTo("ass zorblax");
            assertThat(dash.get("unread_text").get("negative prompt").asText()).isEqualTo("ashed out");
            String dashId = dash.get("task_id").asText();
            assertThat(s.get("/api/v1/tasks/" + dashId).json().get("output").get("ignored_words"))
                    .extracting(JsonNode::asText).containsExactly("zorblax");
            for (JsonNode t : List.of(oracle, fits)) s.awaitVideo(t.get("id").asText(), "completed");
            s.delete("/v1/videos/" + dashId);
        }
    }

    @Test void whatTheModelCannotMakeIsRefusedBeforeItIsQueued() throws Exception {
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0).withModel(model))) {
            ServerFixture.Response size = s.post("/v1/videos", "{\"prompt\": \"a red ball\", \"size\": \"66x66\"}");
            assertThat(size.status()).isEqualTo(400);
            assertThat(size.error("param")).isEqualTo("size");
            assertThat(size.error("message")).startsWith("size 66x66 does not fit gallop-micro's 4-pixel patches; allowed: ").doesNotContain("\n");
            assertThat(s.post("/v1/videos", "{\"prompt\": \"a red ball\", \"size\": \"66x66\", \"model\": \"world-oracle\"}").status())
                    .as("the built-in generators take any even size").isEqualTo(200);

            ServerFixture.Response r2v = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-r2v\", \"input\": {\"prompt\": \"x\", "
                    + "\"media\": [{\"type\": \"reference_image\", \"url\": \"data:image/png;base64,AA==\"}]}}", "X-DashScope-Async", "enable");
            assertThat(r2v.status()).isEqualTo(400);
            assertThat(r2v.json().get("error").get("code").asText()).isEqualTo("unsupported_mode");
            assertThat(r2v.json().get("message").asText()).contains("served by gallop-micro").doesNotContain("until a trained model exists");
            ServerFixture.Response images = s.post("/v1/videos", "{\"prompt\": \"x\", \"model\": \"gallop-tiny-t2v\", \"input_reference\": "
                    + "\"data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(RgbFrame.blank(64, 64))) + "\"}");
            assertThat(images.error("message")).contains("allowed for images: ").contains("gallop-tiny-i2v").contains("still-baseline");
            String made = s.post("/v1/videos", "{\"prompt\": \"a red ball\", \"num_inference_steps\": 2, \"size\": \"32x32\", \"seconds\": 1}")
                    .json().get("id").asText();
            s.awaitVideo(made, "completed");
            ServerFixture.Response remix = s.post("/v1/videos/" + made + "/remix", "{\"prompt\": \"make the ball blue\"}");
            assertThat(remix.status()).isEqualTo(400);
            assertThat(remix.error("code")).as("no edit model hosted").isEqualTo("unsupported_mode");
        }
    }

    /**
     * DashScope's reference_image media reach a model trained with reference steps through the queue: stored with the
     * task, read back by the worker, and the clip depends on them.
     */
    @Test void aModelTrainedWithReferencesServesReferenceToVideo() throws Exception {
        Path withReferences = ai.gallop.pipeline.TestModels.write(tmp.resolve("micro8-ref"));
        java.nio.file.Files.writeString(withReferences.resolve("trainer.json"), ai.gallop.pipeline.TestModels.TRAINER_JSON_WITH_REFERENCES);
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp.resolve("ref-data"), 0).withModel(withReferences))) {
            List<byte[]> videos = new ArrayList<>();
            for (int colour : new int[]{0xDC1E1E, 0x1E50E1}) {
                RgbFrame reference = RgbFrame.blank(32, 32);
                for (int y = 8; y < 24; y++) for (int x = 8; x < 24; x++) reference.set(x, y, colour);
                String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(reference));
                ServerFixture.Response r = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-r2v\", \"input\": {\"prompt\": \"a ball bounces\", "
                        + "\"media\": [{\"type\": \"reference_image\", \"url\": \"" + url + "\"}]}, "
                        + "\"parameters\": {\"resolution\": \"32P\", \"duration\": 1, \"seed\": 3}}", "X-DashScope-Async", "enable");
                assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
                String id = r.json().get("output").get("task_id").asText();
                assertThat(s.awaitVideo(id, "completed").get("generator").asText()).isEqualTo("gallop-micro8");
                videos.add(s.get("/v1/videos/" + id + "/content").bytes());
                // the task's contact sheet shows the reference it was given above the frames
                RgbFrame sheet = Png.decode(s.get("/v1/videos/" + id + "/content?variant=spritesheet").bytes());
                ContactSheet.Layout layout = ContactSheet.layout(
                        Mp4Reader.read(s.data.resolve("videos").resolve(id).resolve("video.mp4")).video(), "a ball bounces", 1);
                assertThat(sheet.height()).isEqualTo(layout.height());
                assertThat(sheet.get(layout.cellX(0) + layout.cellWidth() / 2, layout.givenCellY(0) + layout.cellHeight() / 2)).isEqualTo(colour);
            }
            assertThat(videos.get(1)).as("another reference, another clip").isNotEqualTo(videos.get(0));
            ServerFixture.Response two = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-r2v\", \"input\": {\"prompt\": \"x\", \"media\": ["
                    + "{\"type\": \"reference_image\", \"url\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(RgbFrame.blank(32, 32))) + "\"},"
                    + "{\"type\": \"reference_image\", \"url\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(RgbFrame.blank(32, 32))) + "\"}]}, "
                    + "\"parameters\": {\"resolution\": \"32P\", \"duration\": 1}}", "X-DashScope-Async", "enable");
            assertThat(two.status()).isEqualTo(400);
            assertThat(two.json().get("message").asText()).isEqualTo("reference images: 2 given; allowed: at most 1 (gallop-micro8 was trained with one, of the clip's first subject)");
        }
    }

    /**
     * With an edit model hosted, DashScope's video media reach it through the queue as gallop-tiny-edit: the uploaded
     * MP4 is stored with the task as it came, read back by the worker, and the clip depends on it and on the instruction;
     * the task's contact sheet shows the uploaded clip's frames above the result's.
     */
    @Test void anEditModelServesEditsOfUploadedClips() throws Exception {
        Path editor = ai.gallop.pipeline.TestModels.write(tmp.resolve("micro8-edit"));
        java.nio.file.Files.writeString(editor.resolve("trainer.json"), ai.gallop.pipeline.TestModels.TRAINER_JSON_WITH_EDITS);
        ai.gallop.world.World world = new ai.gallop.world.World();
        ai.gallop.media.Video clip = world.render(world.parse("a red ball bounces on a beach").toSpec(3, new ai.gallop.world.VideoFormat(32, 32, 8, 9))).video();
        Path upload = tmp.resolve("clip.mp4");
        ai.gallop.media.Mp4Writer.write(upload, clip, java.util.Map.of());
        String url = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(upload));
        List<RgbFrame> uploaded = Mp4Reader.read(upload).video().frames();
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp.resolve("edit-data"), 0).withModel(model).withEditModel(editor))) {
            assertThat(s.server.trainedModels()).containsExactlyInAnyOrder("gallop-micro", Generators.EDIT_MODEL);
            List<byte[]> videos = new ArrayList<>();
            for (String instruction : List.of("make the ball blue", "make the ball green")) {
                ServerFixture.Response r = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-edit\", \"input\": {\"prompt\": \"" + instruction + "\", "
                        + "\"media\": [{\"type\": \"video\", \"url\": \"" + url + "\"}]}, \"parameters\": {\"seed\": 3}}", "X-DashScope-Async", "enable");
                assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
                String id = r.json().get("output").get("task_id").asText();
                JsonNode done = s.awaitVideo(id, "completed");
                assertThat(done.get("generator").asText()).isEqualTo(Generators.EDIT_MODEL);
                assertThat(done.get("size").asText()).as("the clip's own size").isEqualTo("32x32");
                byte[] video = s.get("/v1/videos/" + id + "/content").bytes();
                videos.add(video);
                ai.gallop.media.Video edited = Mp4Reader.read(s.data.resolve("videos").resolve(id).resolve("video.mp4")).video();
                assertThat(edited.frames()).as("the clip's own length").hasSize(9);
                RgbFrame sheet = Png.decode(s.get("/v1/videos/" + id + "/content?variant=spritesheet").bytes());
                ContactSheet.Layout layout = ContactSheet.layout(edited, instruction, 9);
                assertThat(sheet.height()).isEqualTo(layout.height());
                int cell = 4;
                assertThat(sheet.get(layout.cellX(cell) + layout.cellWidth() / 2, layout.givenCellY(cell) + layout.cellHeight() / 2))
                        .isEqualTo(uploaded.get(cell).get(16, 16));
            }
            assertThat(videos.get(1)).as("another instruction, another clip").isNotEqualTo(videos.get(0));
            ServerFixture.Response broken = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-edit\", \"input\": {\"prompt\": \"x\", "
                    + "\"media\": [{\"type\": \"video\", \"url\": \"data:video/mp4;base64,AAAA\"}]}}", "X-DashScope-Async", "enable");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.json().get("message").asText()).isEqualTo("input.media is not a readable MP4; allowed: an MP4 (H.264) such as gallop generate writes");
            ServerFixture.Response noVideo = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-edit\", \"input\": {\"prompt\": \"x\"}}",
                    "X-DashScope-Async", "enable");
            assertThat(noVideo.status()).isEqualTo(400);
            for (String shape : List.of("\"resolution\": \"64P\"", "\"ratio\": \"1:1\"", "\"fps\": 8", "\"duration\": 2", "\"camera_control\": \"reframe\"")) {
                ServerFixture.Response reshaped = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-edit\", \"input\": {\"prompt\": \"make the ball blue\", "
                        + "\"media\": [{\"type\": \"video\", \"url\": \"" + url + "\"}]}, \"parameters\": {" + shape + "}}", "X-DashScope-Async", "enable");
                String name = shape.substring(1, shape.indexOf('"', 1));
                assertThat(reshaped.status()).as(shape).isEqualTo(400);
                assertThat(reshaped.error("param")).isEqualTo("parameters." + name);
                assertThat(reshaped.json().get("message").asText())
                        .isEqualTo("parameters." + name + " does not apply to a video edit, which keeps its clip's size, rate, length and camera; allowed: leaving it out");
            }

            // OpenAI's remix edits a finished video with the edit model, at its own size and length
            String made = s.post("/v1/videos", "{\"prompt\": \"a red ball bounces\", \"seed\": 5, \"num_inference_steps\": 2, \"size\": \"32x32\", "
                    + "\"seconds\": 1}").json().get("id").asText();
            s.awaitVideo(made, "completed");
            JsonNode remix = s.post("/v1/videos/" + made + "/remix", "{\"prompt\": \"make the ball blue\", \"num_inference_steps\": 2}").json();
            assertThat(remix.get("remixed_from_video_id").asText()).isEqualTo(made);
            assertThat(remix.get("model").asText()).isEqualTo("gallop-tiny-edit");
            JsonNode remixed = s.awaitVideo(remix.get("id").asText(), "completed");
            assertThat(remixed.get("generator").asText()).isEqualTo(Generators.EDIT_MODEL);
            assertThat(remixed.get("size").asText()).isEqualTo("32x32");
            assertThat(remixed.get("num_frames").asInt()).isEqualTo(9);
            assertThat(s.post("/v1/videos/video_missing/remix", "{\"prompt\": \"make the ball blue\"}").status()).isEqualTo(404);
            assertThat(s.post("/v1/videos/" + made + "/remix", "{\"prompt\": \"make the ball blue\", \"model\": \"gallop-tiny-t2v\"}").status())
                    .as("a text-to-video model does not remix").isEqualTo(400);
        }
    }

    @Test void aMissingOrBrokenModelStopsTheStartInOneLine() {
        assertThatThrownBy(() -> GallopServer.start(ServeConfig.defaults(tmp, 0).withModel(tmp.resolve("no-model"))))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("\n")
                .hasMessageStartingWith("model folder ").hasMessageContaining("does not exist; allowed: a checkpoint folder");
        assertThatThrownBy(() -> GallopServer.start(ServeConfig.defaults(tmp, 0).withModel(tmp)))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("\n").hasMessageContaining("allowed:");
    }
}
