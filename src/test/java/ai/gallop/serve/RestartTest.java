package ai.gallop.serve;

import ai.gallop.GallopProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server runs in its own JVM and is killed with SIGKILL while a task runs and another waits: after a restart on
 * the same data folder (and the same task store: H2 in the folder, or PostgreSQL) both complete, so nothing accepted
 * is lost.
 */
class RestartTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");
    @TempDir Path tmp;

    /** A `gallop serve` process and the port it listens on. */
    record Server(GallopProcess process, int port) {}

    private Server launch(long stepDelayMs, String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--workers", "1", "--data", tmp.resolve("data").toString(),
                "--step-delay-ms", Long.toString(stepDelayMs),
                "--model", "none")); // the world oracle, even when a trained model ships in models/gallop-tiny
        args.addAll(List.of(more));
        GallopProcess p = GallopProcess.start(tmp, args.toArray(String[]::new));
        try {
            return new Server(p, Integer.parseInt(p.await(LISTENING, Duration.ofSeconds(90)).group(1)));
        } catch (AssertionError e) {
            p.kill();
            throw e;
        }
    }

    @Test void aKilledServerRunsItsAcceptedTasksAfterARestart() throws Exception {
        killMidTaskAndRestart();
    }

    @Test void aKilledServerOnPostgresRunsItsAcceptedTasksAfterARestart() throws Exception {
        killMidTaskAndRestart("--db", TestPostgres.get().newDatabase());
    }

    @Test void aStoppedServerPutsItsRunningTaskBackInTheQueueItself() throws Exception {
        Server first = launch(1500);
        Client c = new Client(first.port());
        String running = c.create("{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": 1}");
        c.await(running, v -> v.get("status").asText().equals("in_progress") && v.get("progress").asInt() > 0);
        first.process().terminate();  // SIGTERM, as a service manager stops it: the shutdown hook runs
        assertThat(first.process().waitFor(Duration.ofSeconds(30))).isTrue();
        // H2's own exit hook used to close the store first, so the server could not requeue and said so
        assertThat(first.process().lines()).noneMatch(l -> l.contains("cannot requeue"));

        Server second = launch(0);
        try {
            assertThat(second.process().lines()).as("nothing left running for the next start to requeue").noneMatch(l -> l.contains("requeued"));
            JsonNode done = new Client(second.port()).await(running, v -> v.get("status").asText().equals("completed"));
            assertThat(done.get("progress").asInt()).isEqualTo(100);
        } finally {
            second.process().terminate();
            second.process().waitFor(Duration.ofSeconds(30));
        }
    }

    private void killMidTaskAndRestart(String... store) throws Exception {
        Server first = launch(1500, store);
        Client c = new Client(first.port());
        String running = c.create("{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": 1}");
        c.await(running, v -> v.get("status").asText().equals("in_progress") && v.get("progress").asInt() > 0);
        String waiting = c.create("{\"prompt\": \"a blue fish swims in the sea\", \"seed\": 2}");
        // killed right after the second task was accepted, while the first is mid-generation
        first.process().kill();
        assertThat(first.process().waitFor(Duration.ofSeconds(30))).isTrue();

        Server second = launch(0, store);
        try {
            assertThat(second.process().lines()).anyMatch(l -> l.contains("requeued 1 running task(s)"));
            Client again = new Client(second.port());
            JsonNode a = again.await(running, v -> v.get("status").asText().equals("completed"));
            JsonNode b = again.await(waiting, v -> v.get("status").asText().equals("completed"));
            assertThat(a.get("progress").asInt()).isEqualTo(100);
            assertThat(b.get("progress").asInt()).isEqualTo(100);
            assertThat(again.get("/v1/videos").get("data")).hasSize(2);
            assertThat(tmp.resolve("data/videos/" + running + "/video.mp4")).isRegularFile();
            assertThat(tmp.resolve("data/videos/" + waiting + "/video.mp4")).isRegularFile();
            Path staging = tmp.resolve("data/staging/local"); // what the killed server was writing is gone
            if (java.nio.file.Files.exists(staging)) assertThat(staging).isEmptyDirectory();
        } finally {
            second.process().terminate();
            second.process().waitFor(Duration.ofSeconds(30));
        }
    }

    /** A plain HTTP client for a server in another process. */
    private static final class Client {
        final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        final String base;

        Client(int port) { this.base = "http://localhost:" + port; }

        String create(String json) throws IOException, InterruptedException {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/videos"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return ai.gallop.Json.MAPPER.readTree(r.body()).get("id").asText();
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return ai.gallop.Json.MAPPER.readTree(r.body());
        }

        JsonNode await(String id, java.util.function.Predicate<JsonNode> done) throws IOException, InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            JsonNode last = null;
            while (System.nanoTime() < end) {
                last = get("/v1/videos/" + id);
                if (done.test(last)) return last;
                Thread.sleep(100);
            }
            throw new AssertionError("timed out on " + id + ": " + last);
        }
    }
}
