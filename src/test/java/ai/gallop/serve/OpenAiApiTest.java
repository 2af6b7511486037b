package ai.gallop.serve;

import ai.gallop.pipeline.GenerationRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-shaped API against a real server: the happy paths and every refusal. */
class OpenAiApiTest {
    static final String PROMPT = "a red horse gallops across a green meadow";
    @TempDir static Path tmp;
    static ServerFixture s;

    @BeforeAll static void start() throws Exception {
        s = new ServerFixture(ServeConfig.defaults(tmp.resolve("data"), 0));
    }

    @AfterAll static void stop() { s.close(); }

    static String create(String json) {
        ServerFixture.Response r = s.post("/v1/videos", json);
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.json().get("id").asText();
    }

    @Test void aVideoIsQueuedRunAndDownloadable() throws Exception {
        ServerFixture.Response created = s.post("/v1/videos", "{\"prompt\": \"" + PROMPT + "\", \"seconds\": \"2\", \"size\": \"112x64\", \"seed\": 7}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode v = created.json();
        assertThat(v.get("id").asText()).matches("video_[0-9a-f]{32}");
        assertThat(v.get("object").asText()).isEqualTo("video");
        assertThat(v.get("status").asText()).isIn("queued", "in_progress");
        assertThat(v.get("model").asText()).isEqualTo("gallop-tiny-t2v");
        assertThat(v.get("generator").asText()).isEqualTo("world-oracle");
        assertThat(v.get("size").asText()).isEqualTo("112x64");
        assertThat(v.get("fps").asInt()).isEqualTo(8);
        assertThat(v.get("num_frames").asInt()).isEqualTo(17);
        assertThat(v.get("seed").asLong()).isEqualTo(7);
        assertThat(v.get("expires_at").isNull()).isTrue();
        assertThat(v.get("guidance_smoothing").isNull()).as("not asked for: the generator's default").isTrue();

        JsonNode done = s.awaitVideo(v.get("id").asText(), "completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("inference_time_s").asDouble()).isPositive();
        assertThat(done.get("expires_at").asLong()).isEqualTo(done.get("completed_at").asLong() + 24 * 3600);
        assertThat(done.get("completed_at").asLong()).isGreaterThanOrEqualTo(done.get("created_at").asLong());

        String id = v.get("id").asText();
        ServerFixture.Response mp4 = s.get("/v1/videos/" + id + "/content");
        assertThat(mp4.status()).isEqualTo(200);
        assertThat(mp4.header("Content-Type")).startsWith("video/mp4");
        assertThat(new String(mp4.bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(Files.readAllBytes(s.data.resolve("videos").resolve(id).resolve("video.mp4"))).isEqualTo(mp4.bytes());
        for (String variant : List.of("thumbnail", "spritesheet")) {
            ServerFixture.Response png = s.get("/v1/videos/" + id + "/content?variant=" + variant);
            assertThat(png.status()).isEqualTo(200);
            assertThat(png.header("Content-Type")).startsWith("image/png");
            assertThat(Arrays.copyOf(png.bytes(), 4)).isEqualTo(new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        }
        ServerFixture.Response range = s.get("/v1/videos/" + id + "/content", "Range", "bytes=0-99");
        assertThat(range.status()).isEqualTo(206); // Javalin widens small ranges to whole chunks, as HTTP allows
        assertThat(range.header("Content-Range")).startsWith("bytes 0-").endsWith("/" + mp4.bytes().length);
        // no temporary files are left behind by the atomic writes
        try (var files = Files.list(s.data.resolve("videos").resolve(id))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("spritesheet.png", "thumbnail.png", "video.mp4");
        }
    }

    /** A task stored before any of the optional sampling fields existed. */
    private static final String OLD_TASK = "{\"prompt\":\"x\",\"seed\":0,\"width\":64,\"height\":64,\"fps\":8,\"frames\":17,\"sound\":true,\"firstFrame\":false}";

    /**
     * An optional create field: echoed as the request normalised it, read back from the store, null when not asked for
     * (the generator's default), null in a task stored before it existed, and passed on to the generator's request.
     */
    private void storedWithTheTask(String field, String sent, JsonNode echoed, Function<TaskInput, Object> stored, TaskInput task,
                                   Function<GenerationRequest, Object> requested, Object expected) throws Exception {
        JsonNode v = s.post("/v1/videos", "{\"prompt\": \"" + PROMPT + "\", \"" + field + "\": " + sent + "}").json();
        assertThat(v.get(field)).as(field).isEqualTo(echoed);
        assertThat(s.get("/v1/videos/" + v.get("id").asText()).json().get(field)).as("read back from the store").isEqualTo(echoed);
        assertThat(s.post("/v1/videos", "{\"prompt\": \"" + PROMPT + "\"}").json().get(field).isNull()).as("not asked for: the generator's default").isTrue();
        assertThat(stored.apply(ai.gallop.Json.MAPPER.readValue(OLD_TASK, TaskInput.class))).as("a task stored before the field").isNull();
        assertThat(requested.apply(task.request(null, List.of(), null))).isEqualTo(expected);
    }

    @Test void guidanceSmoothingIsStoredWithTheTaskAndReachesTheGeneratorRequest() throws Exception {
        storedWithTheTask("guidance_smoothing", "0.5", DoubleNode.valueOf(0.5), TaskInput::guidanceSmoothing,
                new TaskInput("x", null, 0, 64, 64, 8, 17, true, null, 9.0, 0.5, null, false, 0, false, null, null), GenerationRequest::guidanceSmoothing, 0.5);
    }

    @Test void theSamplerIsStoredWithTheTaskAndReachesTheGeneratorRequest() throws Exception {
        storedWithTheTask("sampler", "\" Ancestral \"", TextNode.valueOf("ancestral"), TaskInput::sampler,
                new TaskInput("x", null, 0, 64, 64, 8, 17, true, null, 9.0, null, "heun", false, 0, false, null, null), GenerationRequest::sampler, "heun");
    }

    @Test void theCameraControlIsStoredWithTheTaskAndReachesTheGeneratorRequest() throws Exception {
        storedWithTheTask("camera_control", "\" Model \"", TextNode.valueOf("model"), TaskInput::cameraControl,
                new TaskInput("x", null, 0, 64, 64, 8, 17, true, null, 9.0, null, null, false, 0, false, null, "reframe"), GenerationRequest::cameraControl, "reframe");
    }

    @Test void theSameRequestGivesTheSameBytes() throws Exception {
        String body = "{\"prompt\": \"a small yellow bird flies over a blue lake\", \"seed\": 3}";
        String a = create(body), b = create(body);
        s.awaitVideo(a, "completed");
        s.awaitVideo(b, "completed");
        assertThat(s.get("/v1/videos/" + a + "/content").bytes()).isEqualTo(s.get("/v1/videos/" + b + "/content").bytes());
    }

    @Test void anIdempotencyKeyReturnsTheSameTaskAndRefusesADifferentRequest() {
        String body = "{\"prompt\": \"" + PROMPT + "\", \"seed\": 11}";
        ServerFixture.Response first = s.post("/v1/videos", body, "Idempotency-Key", "key-42");
        ServerFixture.Response again = s.post("/v1/videos", body, "Idempotency-Key", "key-42");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        ServerFixture.Response other = s.post("/v1/videos", "{\"prompt\": \"" + PROMPT + "\", \"seed\": 12}", "Idempotency-Key", "key-42");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.error("code")).isEqualTo("idempotency_key_reused");
        ServerFixture.Response tooLong = s.post("/v1/videos", body, "Idempotency-Key", "k".repeat(256));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error("param")).isEqualTo("Idempotency-Key");
    }

    @Test void theListIsPaginatedNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(create("{\"prompt\": \"" + PROMPT + "\", \"seed\": " + (100 + i) + "}"));
        JsonNode page = s.get("/v1/videos?limit=2").json();
        assertThat(page.get("object").asText()).isEqualTo("list");
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("data").get(0).get("id").asText()).isEqualTo(ids.get(2));
        assertThat(page.get("data").get(1).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(page.get("last_id").asText()).isEqualTo(ids.get(1));
        JsonNode next = s.get("/v1/videos?limit=1&after=" + page.get("last_id").asText()).json();
        assertThat(next.get("data").get(0).get("id").asText()).isEqualTo(ids.get(0));
        for (String id : ids) s.awaitVideo(id, "completed");
    }

    @Test void theEventStreamReportsRisingProgressAndEndsWithCompleted() throws Exception {
        String id = create("{\"prompt\": \"a blue fish swims in the sea\", \"seed\": 5}");
        ServerFixture.Response r = s.get("/v1/videos/" + id + "/events");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        for (String block : new String(r.bytes(), StandardCharsets.UTF_8).split("\n\n")) {
            String event = null, data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) event = line.substring(7);
                if (line.startsWith("data: ")) data = line.substring(6);
            }
            if (event == null) continue;
            events.add(event);
            progress.add(ai.gallop.Json.MAPPER.readTree(data).get("progress").asInt());
        }
        assertThat(events.getLast()).isEqualTo("completed");
        assertThat(events.subList(0, events.size() - 1)).allMatch("progress"::equals);
        assertThat(progress).isSorted();
        assertThat(progress.getLast()).isEqualTo(100);
    }

    @Test void anUploadedFirstFrameDrivesTheStillBaseline() throws Exception {
        byte[] png = redPng(40, 30);
        String boundary = "gallopboundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][]{{"prompt", "a red square"}, {"model", "still-baseline"}, {"size", "64x64"}, {"generate_sound", "false"}})
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"input_reference\"; filename=\"red.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        ServerFixture.Response r = s.send("POST", "/v1/videos", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.json().get("input_reference").asBoolean()).isTrue();
        assertThat(r.json().get("generator").asText()).isEqualTo("still-baseline");
        JsonNode done = s.awaitVideo(r.json().get("id").asText(), "completed");
        assertThat(done.get("generate_sound").asBoolean()).isFalse();
        byte[] thumbnail = s.get("/v1/videos/" + done.get("id").asText() + "/content?variant=thumbnail").bytes();
        int rgb = ai.gallop.media.Png.decode(thumbnail).get(10, 10);
        assertThat(rgb >> 16 & 255).isGreaterThan(200);
        assertThat(rgb & 0xFFFF).isLessThan(0x2020);

        // the same image as a data URL in JSON
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        ServerFixture.Response json = s.post("/v1/videos", "{\"prompt\": \"a red square\", \"model\": \"still-baseline\", \"input_reference\": \"" + dataUrl + "\"}");
        assertThat(json.status()).isEqualTo(200);
        s.awaitVideo(json.json().get("id").asText(), "completed");
    }

    static byte[] redPng(int w, int h) {
        ai.gallop.media.RgbFrame f = ai.gallop.media.RgbFrame.blank(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) f.set(x, y, 0xFF0000);
        return ai.gallop.media.Png.encode(f);
    }

    /** Every refusal: status, error code and the field it names. */
    @Test void badRequestsAreRefusedWithAReasonNamingTheField() {
        String redUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(redPng(8, 8));
        Object[][] cases = {
                {"{}", 400, "missing_field", "prompt"},
                {"{\"prompt\": \"  \"}", 400, "missing_field", "prompt"},
                {"{\"prompt\": \"x\", \"colour\": 1}", 400, "invalid_value", "colour"},
                {"{\"prompt\": 5}", 400, "invalid_value", "prompt"},
                {"{\"prompt\": \"" + "x".repeat(5001) + "\"}", 400, "invalid_value", "prompt"},
                {"{\"prompt\": \"x\", \"size\": \"big\"}", 400, "invalid_value", "size"},
                {"{\"prompt\": \"x\", \"size\": \"63x64\"}", 400, "invalid_value", "size"},
                {"{\"prompt\": \"x\", \"size\": \"512x512\"}", 400, "invalid_value", "size"},
                {"{\"prompt\": \"x\", \"size\": \"64x200\"}", 400, "invalid_value", "size"},
                {"{\"prompt\": \"x\", \"seconds\": \"20\"}", 400, "invalid_value", "seconds"},
                {"{\"prompt\": \"x\", \"seconds\": \"soon\"}", 400, "invalid_value", "seconds"},
                {"{\"prompt\": \"x\", \"fps\": 30}", 400, "invalid_value", "fps"},
                {"{\"prompt\": \"x\", \"fps\": 8, \"num_frames\": 4}", 400, "invalid_value", "num_frames"},
                {"{\"prompt\": \"x\", \"seed\": -1}", 400, "invalid_value", "seed"},
                {"{\"prompt\": \"x\", \"seed\": 1.5}", 400, "invalid_value", "seed"},
                {"{\"prompt\": \"x\", \"generate_sound\": \"maybe\"}", 400, "invalid_value", "generate_sound"},
                {"{\"prompt\": \"x\", \"guidance_scale\": 99}", 400, "invalid_value", "guidance_scale"},
                {"{\"prompt\": \"x\", \"guidance_smoothing\": 2}", 400, "invalid_value", "guidance_smoothing"},
                {"{\"prompt\": \"x\", \"sampler\": \"ddim\"}", 400, "invalid_value", "sampler"},
                {"{\"prompt\": \"x\", \"camera_control\": \"dolly\"}", 400, "invalid_value", "camera_control"},
                {"{\"prompt\": \"x\", \"num_inference_steps\": 0}", 400, "invalid_value", "num_inference_steps"},
                {"{\"prompt\": \"x\", \"model\": \"sora-2\"}", 400, "invalid_value", "model"},
                {"{\"prompt\": \"x\", \"model\": \"gallop-tiny-i2v\"}", 400, "invalid_value", "input_reference"},
                {"{\"prompt\": \"x\", \"model\": \"gallop-tiny-i2v\", \"input_reference\": \"" + redUrl + "\"}", 400, "unsupported_mode", "model"},
                {"{\"prompt\": \"x\", \"model\": \"world-oracle\", \"input_reference\": \"" + redUrl + "\"}", 400, "unsupported_mode", "model"},
                {"{\"prompt\": \"x\", \"model\": \"gallop-tiny-t2v\", \"input_reference\": \"" + redUrl + "\"}", 400, "invalid_value", "model"},
                {"{\"prompt\": \"x\", \"model\": \"gallop-tiny-r2v\"}", 400, "invalid_value", "model"},
                {"{\"prompt\": \"x\", \"model\": \"gallop-tiny-edit\"}", 400, "invalid_value", "model"},
                {"{\"prompt\": \"x\", \"model\": \"still-baseline\", \"input_reference\": \"https://example.com/a.png\"}", 400, "invalid_value", "input_reference"},
                {"{\"prompt\": \"x\", \"model\": \"still-baseline\", \"input_reference\": \"data:image/png;base64,@@@\"}", 400, "invalid_value", "input_reference"},
                {"{\"prompt\": \"x\", \"model\": \"still-baseline\", \"input_reference\": \"data:image/png;base64,aGVsbG8=\"}", 400, "invalid_value", "input_reference"},
                {"{\"prompt\": ", 400, "invalid_json", null},
                {"[1, 2]", 400, "invalid_json", null},
        };
        for (Object[] c : cases) {
            ServerFixture.Response r = s.post("/v1/videos", (String) c[0]);
            String body = new String(r.bytes(), StandardCharsets.UTF_8);
            assertThat(r.status()).as(c[0] + " -> " + body).isEqualTo(c[1]);
            assertThat(r.error("code")).as(body).isEqualTo(c[2]);
            assertThat(r.error("param")).as(body).isEqualTo(c[3]);
            assertThat(r.error("message")).as(body).contains("allowed").doesNotContain("\n");
        }
        assertThat(s.post("/v1/videos", "{\"prompt\": \"x\", \"model\": \"sora-2\"}").error("message"))
                .contains("allowed:").contains("gallop-tiny-t2v").contains("still-baseline");
    }

    @Test void transportErrorsHaveJsonBodiesToo() {
        ServerFixture.Response plain = s.send("POST", "/v1/videos", "text/plain", "prompt".getBytes(StandardCharsets.UTF_8));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.error("code")).isEqualTo("unsupported_media_type");
        ServerFixture.Response huge = s.send("POST", "/v1/videos", "application/json", new byte[(int) (ServeConfig.DEFAULT_MAX_UPLOAD_BYTES / 3 * 4 + 70_000)]);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.error("code")).isEqualTo("request_too_large");
        for (String path : List.of("/v1/videos/video_00000000000000000000000000000000", "/v1/videos/nope",
                "/v1/videos/..%2F..%2Fgallop.mv.db", "/v1/videos/video_00000000000000000000000000000000/content",
                "/v1/videos/video_00000000000000000000000000000000/events", "/v1/nothing", "/studio/..%2Fopenapi.json", "/studio/missing.js")) {
            ServerFixture.Response r = s.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.error("code")).as(path).isEqualTo("not_found");
        }
        assertThat(s.delete("/v1/videos/video_00000000000000000000000000000000").status()).isEqualTo(404);
        ServerFixture.Response put = s.send("PUT", "/v1/videos", "application/json", new byte[0]);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.error("code")).isEqualTo("method_not_allowed");
        assertThat(s.send("PATCH", "/v1/videos/video_00000000000000000000000000000000", "application/json", new byte[0]).status()).isEqualTo(405);
        for (String query : List.of("limit=0", "limit=101", "limit=x", "after=nope", "after=video_00000000000000000000000000000000")) {
            ServerFixture.Response r = s.get("/v1/videos?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.error("param")).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test void contentIsRefusedUntilTheVideoIsDoneAndForUnknownVariants() throws Exception {
        String id = create("{\"prompt\": \"" + PROMPT + "\", \"seed\": 21}");
        ServerFixture.Response early = s.get("/v1/videos/" + id + "/content");
        if (early.status() != 200) { // the oracle is fast; it may already be done
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.error("code")).isEqualTo("video_not_ready");
        }
        s.awaitVideo(id, "completed");
        ServerFixture.Response bad = s.get("/v1/videos/" + id + "/content?variant=gif");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error("param")).isEqualTo("variant");
        assertThat(bad.error("message")).contains("video, thumbnail, spritesheet");
    }

    @Test void deleteRemovesTheVideoAndItsFiles() throws Exception {
        String id = create("{\"prompt\": \"" + PROMPT + "\", \"seed\": 31}");
        s.awaitVideo(id, "completed");
        ServerFixture.Response d = s.delete("/v1/videos/" + id);
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.json().get("object").asText()).isEqualTo("video.deleted");
        assertThat(d.json().get("deleted").asBoolean()).isTrue();
        assertThat(s.get("/v1/videos/" + id).status()).isEqualTo(404);
        assertThat(s.get("/v1/videos/" + id + "/content").status()).isEqualTo(404);
        assertThat(s.delete("/v1/videos/" + id).status()).isEqualTo(404);
        assertThat(s.data.resolve("videos").resolve(id)).doesNotExist();
    }

    @Test void modelsNameTheGeneratorBehindThem() {
        JsonNode models = s.get("/v1/models").json();
        assertThat(models.get("data").findValuesAsText("id")).contains("gallop-tiny-t2v", "gallop-tiny-i2v", "world-oracle", "still-baseline");
        for (JsonNode m : models.get("data"))
            if (m.get("id").asText().startsWith("gallop-tiny")) assertThat(m.get("generator").asText()).isEqualTo("world-oracle");
    }

    @Test void theStudioAndTheOpenApiDocumentAreServed() throws Exception {
        ServerFixture.Response page = s.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("Gallop Studio").contains("/studio/studio.js").doesNotContain("https://");
        assertThat(s.get("/studio/studio.js").status()).isEqualTo(200);
        assertThat(s.get("/studio/studio.css").status()).isEqualTo(200);
        JsonNode doc = s.get("/openapi.json").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/v1/videos/{id}/content")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/tasks/{task_id}")).isTrue();
        assertThat(s.get("/health").json().get("status").asText()).isEqualTo("ok");
    }

    @Test void theOpenApiDocumentDescribesEveryRouteAndEveryAcceptedField() {
        JsonNode doc = s.get("/openapi.json").json();
        List<String> documented = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        List<String> api = s.server.routes().stream().filter(route -> !route.equals("GET /") && !route.startsWith("GET /studio/")).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api);

        JsonNode schemas = doc.at("/components/schemas");
        assertThat(names(schemas.at("/CreateVideo/properties"))).containsExactlyInAnyOrderElementsOf(OpenAiApi.CREATE_FIELDS);
        assertThat(names(schemas.at("/RemixVideo/properties"))).containsExactlyInAnyOrderElementsOf(OpenAiApi.REMIX_FIELDS);
        assertThat(names(schemas.at("/DashScopeSubmit/properties"))).containsExactlyInAnyOrderElementsOf(DashScopeApi.BODY);
        assertThat(names(schemas.at("/DashScopeSubmit/properties/input/properties"))).containsExactlyInAnyOrderElementsOf(DashScopeApi.INPUT);
        assertThat(names(schemas.at("/DashScopeSubmit/properties/input/properties/media/items/properties")))
                .containsExactlyInAnyOrderElementsOf(DashScopeApi.MEDIA);
        assertThat(names(schemas.at("/DashScopeSubmit/properties/parameters/properties"))).containsExactlyInAnyOrderElementsOf(DashScopeApi.PARAMETERS);
        JsonNode battles = doc.at("/paths/~1api~1arena~1battles/post/requestBody/content/application~1json/schema/properties");
        assertThat(names(battles)).containsExactlyInAnyOrderElementsOf(Arena.CREATE_FIELDS);
        JsonNode vote = doc.at("/paths/~1api~1arena~1battles~1{id}~1vote/post/requestBody/content/application~1json/schema/properties");
        assertThat(names(vote)).containsExactlyInAnyOrderElementsOf(Arena.VOTE_FIELDS);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Duration seconds(int n) { return Duration.ofSeconds(n); }
}
