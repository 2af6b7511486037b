package ai.gallop.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's guarantees: bound with 429, API keys, expiry, upload limits (the store's own in {@link TaskStoreContract}). */
class QueueTest {
    @TempDir Path tmp;

    @Test void aFullQueueRefusesWith429AndRetryAfter() throws Exception {
        ServeConfig config = ServeConfig.defaults(tmp, 0).withWorkers(1).withMaxQueued(1).withStepDelay(Duration.ofMillis(200));
        try (ServerFixture s = new ServerFixture(config)) {
            String running = s.post("/v1/videos", "{\"prompt\": \"a red horse\", \"seed\": 1}").json().get("id").asText();
            s.awaitVideo(running, "in_progress");
            ServerFixture.Response queued = s.post("/v1/videos", "{\"prompt\": \"a red horse\", \"seed\": 2}");
            assertThat(queued.status()).isEqualTo(200);
            ServerFixture.Response refused = s.post("/v1/videos", "{\"prompt\": \"a red horse\", \"seed\": 3}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.error("code")).isEqualTo("queue_full");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 600);
            ServerFixture.Response dash = s.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"x\"}}",
                    "X-DashScope-Async", "enable");
            assertThat(dash.status()).isEqualTo(429);
            assertThat(dash.json().get("code").asText()).isEqualTo("Throttling");
            // nothing accepted is dropped: both accepted tasks finish
            s.awaitVideo(running, "completed");
            s.awaitVideo(queued.json().get("id").asText(), "completed");
        }
    }

    @Test void apiKeysGuardTheApiButNotTheStudio() throws Exception {
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0).withApiKeys(List.of("k1", "k2")))) {
            ServerFixture.Response none = s.get("/v1/videos");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error("code")).isEqualTo("invalid_api_key");
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(s.get("/v1/videos", "Authorization", "Bearer wrong").status()).isEqualTo(401);
            assertThat(s.get("/api/v1/tasks/x", "Authorization", "Basic k1").status()).isEqualTo(401);
            assertThat(s.get("/api/arena/leaderboard").status()).isEqualTo(401);
            assertThat(s.get("/v1/videos", "Authorization", "Bearer k1").status()).isEqualTo(200);
            assertThat(s.get("/v1/videos", "Authorization", "Bearer k2").status()).isEqualTo(200);
            assertThat(s.get("/").status()).isEqualTo(200);
            assertThat(s.get("/openapi.json").status()).isEqualTo(200);
            assertThat(s.get("/health").status()).isEqualTo(200);
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test void videosExpireAfterTheRetentionTime() throws Exception {
        MovableClock clock = new MovableClock();
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0), clock)) {
            String id = s.post("/v1/videos", "{\"prompt\": \"a red horse\"}").json().get("id").asText();
            JsonNode done = s.awaitVideo(id, "completed");
            assertThat(done.get("created_at").asLong()).isEqualTo(clock.now.getEpochSecond());
            assertThat(done.get("expires_at").asLong()).isEqualTo(clock.now.getEpochSecond() + 24 * 3600);
            assertThat(s.get("/v1/videos/" + id + "/content").status()).isEqualTo(200);
            clock.now = clock.now.plus(Duration.ofHours(25));
            ServerFixture.Response gone = s.get("/v1/videos/" + id + "/content");
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.error("code")).isEqualTo("video_expired");
        }
    }

    @Test void anUploadOverTheLimitIsRefusedWith413() throws Exception {
        try (ServerFixture s = new ServerFixture(ServeConfig.defaults(tmp, 0).withMaxUploadBytes(4096))) {
            byte[] big = new byte[8192];
            new java.util.Random(1).nextBytes(big);
            String boundary = "b";
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(("--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; "
                    + "name=\"input_reference\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes());
            body.write(big);
            body.write("\r\n--b--\r\n".getBytes());
            ServerFixture.Response r = s.send("POST", "/v1/videos", "multipart/form-data; boundary=" + boundary, body.toByteArray());
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.error("code")).isEqualTo("request_too_large");
            String url = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(big);
            ServerFixture.Response json = s.post("/v1/videos", "{\"prompt\": \"x\", \"model\": \"still-baseline\", \"input_reference\": \"" + url + "\"}");
            assertThat(json.status()).isEqualTo(413);
            assertThat(s.get("/v1/videos").json().get("data")).isEmpty();
        }
    }
}
