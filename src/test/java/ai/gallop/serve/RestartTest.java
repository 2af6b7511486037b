package ai.gallop.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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

    /** A `gallop serve` process, the lines it printed and the thread that reads them (it ends after the process). */
    record Server(Process process, int port, List<String> lines, Thread reader) {}

    private Server launch(long stepDelayMs, String... more) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "ai.gallop.cli.GallopCli", "serve", "--port", "0",
                "--workers", "1", "--data", tmp.resolve("data").toString(), "--step-delay-ms", Long.toString(stepDelayMs),
                "--model", "none")); // the world oracle, even when a trained model ships in models/gallop-tiny
        command.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                // the process was killed
            }
            port.complete(-1);
        });
        int at;
        try {
            at = port.get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("the server did not start: " + lines, e);
        }
        assertThat(at).as("server output: %s", lines).isPositive();
        return new Server(p, at, lines, reader);
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
        first.process().destroy();  // SIGTERM, as a service manager stops it: the shutdown hook runs
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        first.reader().join(10_000);
        // H2's own exit hook used to close the store first, so the server could not requeue and said so
        assertThat(first.lines()).noneMatch(l -> l.contains("cannot requeue"));

        Server second = launch(0);
        try {
            assertThat(second.lines()).as("nothing left running for the next start to requeue").noneMatch(l -> l.contains("requeued"));
            JsonNode done = new Client(second.port()).await(running, v -> v.get("status").asText().equals("completed"));
            assertThat(done.get("progress").asInt()).isEqualTo(100);
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void killMidTaskAndRestart(String... store) throws Exception {
        Server first = launch(1500, store);
        Client c = new Client(first.port());
        String running = c.create("{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": 1}");
        c.await(running, v -> v.get("status").asText().equals("in_progress") && v.get("progress").asInt() > 0);
        String waiting = c.create("{\"prompt\": \"a blue fish swims in the sea\", \"seed\": 2}");
        // killed right after the second task was accepted, while the first is mid-generation
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        Server second = launch(0, store);
        try {
            assertThat(second.lines()).anyMatch(l -> l.contains("requeued 1 running task(s)"));
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
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
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
