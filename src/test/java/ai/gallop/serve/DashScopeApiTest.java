package ai.gallop.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The DashScope-shaped task API against a real server. */
class DashScopeApiTest {
    static final String SUBMIT = DashScopeApi.SUBMIT_PATH;
    static final String[] ASYNC = {"X-DashScope-Async", "enable"};
    @TempDir static Path tmp;
    static ServerFixture s;

    @BeforeAll static void start() throws Exception {
        // a short pause per step so a task can be caught running and cancelled
        s = new ServerFixture(ServeConfig.defaults(tmp.resolve("data"), 0).withStepDelay(Duration.ofMillis(150)));
    }

    @AfterAll static void stop() { s.close(); }

    static JsonNode task(String id) { return s.get("/api/v1/tasks/" + id).json(); }

    static JsonNode awaitStatus(String id, String status) throws InterruptedException {
        return s.await("/api/v1/tasks/" + id, t -> t.path("output").path("task_status").asText().equals(status), Duration.ofSeconds(60));
    }

    @Test void aTaskGoesFromPendingToSucceededWithAVideoUrl() throws Exception {
        ServerFixture.Response r = s.post(SUBMIT, """
                {"model": "gallop-tiny-t2v", "input": {"prompt": "a blue fish swims in the sea", "negative_prompt": "blur"},
                 "parameters": {"resolution": "64P", "ratio": "16:9", "duration": 2, "seed": 9, "watermark": false, "prompt_extend": true}}""", ASYNC);
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.json().get("request_id").asText()).isNotBlank();
        String id = r.json().at("/output/task_id").asText();
        assertThat(r.json().at("/output/task_status").asText()).isEqualTo("PENDING");
        assertThat(r.json().at("/output/generator").asText()).isEqualTo("world-oracle");

        JsonNode done = awaitStatus(id, "SUCCEEDED");
        JsonNode out = done.get("output");
        assertThat(out.get("orig_prompt").asText()).isEqualTo("a blue fish swims in the sea");
        for (String time : new String[]{"submit_time", "scheduled_time", "end_time"})
            assertThat(out.get(time).asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(done.at("/usage/video_ratio").asText()).isEqualTo("114*64");
        assertThat(done.at("/usage/video_duration").asDouble()).isEqualTo(2.0);
        assertThat(done.at("/usage/video_count").asInt()).isEqualTo(1);
        String url = out.get("video_url").asText();
        assertThat(url).isEqualTo(s.base + "/v1/videos/" + id + "/content");
        ServerFixture.Response mp4 = s.get(URI.create(url).getPath());
        assertThat(mp4.status()).isEqualTo(200);
        assertThat(new String(mp4.bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        // the OpenAI shape shows the same task with its negative prompt
        JsonNode video = s.get("/v1/videos/" + id).json();
        assertThat(video.get("negative_prompt").asText()).isEqualTo("blur");
        assertThat(video.get("seed").asLong()).isEqualTo(9);
        assertThat(video.get("size").asText()).isEqualTo("114x64");
    }

    @Test void aFirstFrameMakesImageToVideoWithTheStillBaseline() throws Exception {
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(OpenAiApiTest.redPng(16, 16));
        ServerFixture.Response r = s.post(SUBMIT, "{\"model\": \"still-baseline\", \"input\": {\"prompt\": \"a red square\", "
                + "\"media\": [{\"type\": \"first_frame\", \"url\": \"" + url + "\"}]}, \"parameters\": {\"ratio\": \"1:1\", \"duration\": 1}}", ASYNC);
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        awaitStatus(r.json().at("/output/task_id").asText(), "SUCCEEDED");
    }

    @Test void aRunningTaskIsCancelledWithinAStep() throws Exception {
        ServerFixture.Response r = s.post(SUBMIT, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"a red horse\"}, \"parameters\": {\"seed\": 77}}", ASYNC);
        String id = r.json().at("/output/task_id").asText();
        awaitStatus(id, "RUNNING");
        long start = System.nanoTime();
        ServerFixture.Response cancel = s.post("/api/v1/tasks/" + id + "/cancel", "{}");
        assertThat(cancel.status()).isEqualTo(200);
        JsonNode after = awaitStatus(id, "CANCELED");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("one step is 150 ms").isLessThan(2.0);
        assertThat(after.at("/output/code").asText()).isEqualTo("cancelled");
        assertThat(after.at("/output/video_url").isMissingNode()).isTrue();
        assertThat(s.data.resolve("videos").resolve(id).resolve("video.mp4")).doesNotExist();
        JsonNode video = s.get("/v1/videos/" + id).json();
        assertThat(video.get("status").asText()).isEqualTo("failed");
        assertThat(video.at("/error/code").asText()).isEqualTo("cancelled");
        ServerFixture.Response again = s.post("/api/v1/tasks/" + id + "/cancel", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("Conflict");
    }

    @Test void badSubmissionsAreRefusedInBothErrorShapes() {
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(OpenAiApiTest.redPng(8, 8));
        Object[][] cases = {
                {"{\"input\": {\"prompt\": \"x\"}}", "missing_field", "model"},
                {"{\"model\": \"gallop-tiny-t2v\"}", "missing_field", "input.prompt"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {}}", "missing_field", "input.prompt"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": \"x\"}", "invalid_value", "input"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\", \"text\": 1}}", "invalid_value", "input.text"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"extra\": 1}", "invalid_value", "extra"},
                {"{\"model\": \"happyhorse-1.0-t2v\", \"input\": {\"prompt\": \"x\"}}", "invalid_value", "model"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"resolution\": \"720P\"}}", "invalid_value", "parameters.resolution"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"resolution\": \"big\"}}", "invalid_value", "parameters.resolution"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"ratio\": \"2:1\"}}", "invalid_value", "parameters.ratio"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"duration\": 16}}", "invalid_value", "parameters.duration"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"duration\": 0}}", "invalid_value", "parameters.duration"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"seed\": \"abc\"}}", "invalid_value", "parameters.seed"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}, \"parameters\": {\"size\": \"1280*720\"}}", "invalid_value", "parameters.size"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"audio\", \"url\": \"x\"}]}}", "invalid_value", "input.media[0].type"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\", \"media\": {}}}", "invalid_value", "input.media"},
                {"{\"model\": \"still-baseline\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"first_frame\", \"url\": \"https://oss.example/a.png\"}]}}", "invalid_value", "input.media[0].url"},
                {"{\"model\": \"gallop-tiny-i2v\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"first_frame\", \"url\": \"" + png + "\"}]}}", "unsupported_mode", "model"},
                {"{\"model\": \"gallop-tiny-r2v\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"reference_image\", \"url\": \"" + png + "\"}]}}", "unsupported_mode", "model"},
                {"{\"model\": \"gallop-tiny-r2v\", \"input\": {\"prompt\": \"x\"}}", "invalid_value", "model"},
                {"{\"model\": \"gallop-tiny-edit\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"video\", \"url\": \"data:video/mp4;base64,AAAA\"}]}}", "unsupported_mode", "model"},
                {"{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\", \"media\": [{\"type\": \"first_frame\", \"url\": \"" + png + "\"}]}}", "invalid_value", "model"},
        };
        for (Object[] c : cases) {
            ServerFixture.Response r = s.post(SUBMIT, (String) c[0], ASYNC);
            String body = new String(r.bytes(), StandardCharsets.UTF_8);
            assertThat(r.status()).as(c[0] + " -> " + body).isEqualTo(400);
            assertThat(r.error("code")).as(body).isEqualTo(c[1]);
            assertThat(r.error("param")).as(body).isEqualTo(c[2]);
            assertThat(r.json().get("code").asText()).isEqualTo("InvalidParameter");
            assertThat(r.json().get("message").asText()).isEqualTo(r.error("message")).contains("allowed");
            assertThat(r.json().get("request_id").asText()).isNotBlank();
        }
        ServerFixture.Response sync = s.post(SUBMIT, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}}");
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.error("param")).isEqualTo("X-DashScope-Async");
        ServerFixture.Response disabled = s.post(SUBMIT, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}}", "X-DashScope-Async", "disable");
        assertThat(disabled.status()).isEqualTo(400);
        ServerFixture.Response form = s.send("POST", SUBMIT, "multipart/form-data; boundary=x", "--x--".getBytes(StandardCharsets.UTF_8), ASYNC);
        assertThat(form.status()).isEqualTo(415);
        ServerFixture.Response missing = s.get("/api/v1/tasks/video_0123456789abcdef0123456789abcdef");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("NotFound");
        assertThat(s.get("/api/v1/tasks/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(404);
        assertThat(s.post("/api/v1/tasks/nope/cancel", "{}").status()).isEqualTo(404);
        ServerFixture.Response wrongMethod = s.delete("/api/v1/tasks/video_0123456789abcdef0123456789abcdef");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("code").asText()).isEqualTo("MethodNotAllowed");
        assertThat(s.get(SUBMIT).status()).isEqualTo(405);
    }
}
