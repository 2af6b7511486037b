package ai.gallop.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code --db jdbc:postgresql://...} and {@code --storage s3://...} are for: two servers, each with its own data
 * folder and instance name, share one PostgreSQL queue and one bucket. Tasks submitted to either run on either, every
 * video can be fetched from both, the arena's tables work on PostgreSQL, and a delete through one server removes the
 * files the other wrote.
 */
class PostgresServerTest {
    @TempDir Path tmp;

    @Test void twoServersShareOneQueueAndOneBucket() throws Exception {
        String db = TestPostgres.get().newDatabase();
        try (S3Fixture s3 = new S3Fixture("shared-bucket")) {
            ServeConfig base = ServeConfig.defaults(tmp.resolve("a"), 0).withJdbcUrl(db).withS3(s3.location("gallop")).withWorkers(1);
            ServeConfig other = new ServeConfig(0, 1, tmp.resolve("b"), db, List.of(), ServeConfig.DEFAULT_MAX_QUEUED,
                    ServeConfig.DEFAULT_MAX_UPLOAD_BYTES, ServeConfig.DEFAULT_RETENTION, Duration.ZERO, "b", base.s3(), null, null);
            try (ServerFixture a = new ServerFixture(base); ServerFixture b = new ServerFixture(other)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    ServerFixture to = i % 2 == 0 ? a : b;
                    ServerFixture.Response r = to.post("/v1/videos", "{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": " + i + "}");
                    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
                    ids.add(r.json().get("id").asText());
                }
                ServerFixture.Response dash = b.post(DashScopeApi.SUBMIT_PATH, "{\"model\": \"gallop-tiny-t2v\", \"input\": {\"prompt\": \"a blue fish swims\"}}",
                        "X-DashScope-Async", "enable");
                assertThat(dash.status()).isEqualTo(200);
                ids.add(dash.json().get("output").get("task_id").asText());
                for (String id : ids) {
                    a.awaitVideo(id, "completed");
                    byte[] fromA = a.get("/v1/videos/" + id + "/content").bytes(), fromB = b.get("/v1/videos/" + id + "/content").bytes();
                    assertThat(fromA).hasSizeGreaterThan(1000).isEqualTo(fromB).isEqualTo(s3.object("gallop/videos/" + id + "/video.mp4"));
                }
                assertThat(a.get("/v1/videos?limit=100").json().get("data")).hasSize(5);
                JsonNode task = b.get("/api/v1/tasks/" + ids.getLast()).json();
                assertThat(task.get("output").get("task_status").asText()).isEqualTo("SUCCEEDED");

                JsonNode battle = a.post("/api/arena/battles", "{\"prompt\": \"a green ball bounces\", \"seed\": 4}").json();
                String battleId = battle.get("id").asText();
                b.await("/api/arena/battles/" + battleId, x -> x.get("status").asText().equals("completed"), Duration.ofSeconds(60));
                ServerFixture.Response vote = b.post("/api/arena/battles/" + battleId + "/vote", "{\"outcome\": \"a\"}");
                assertThat(vote.status()).isEqualTo(200);
                assertThat(vote.json().get("revealed").get("a").asText()).isNotEmpty();
                assertThat(a.post("/api/arena/battles/" + battleId + "/vote", "{\"outcome\": \"b\"}").status()).as("one vote per battle, across servers").isEqualTo(409);

                String gone = ids.getFirst();
                assertThat(b.delete("/v1/videos/" + gone).status()).isEqualTo(200);
                assertThat(s3.keys("gallop/videos/" + gone)).isEmpty();
                assertThat(a.get("/v1/videos/" + gone).status()).isEqualTo(404);
            }
        }
    }
}
