package ai.gallop.serve;

import ai.gallop.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** A server on a random port with its own data folder, and a small HTTP client for it. */
final class ServerFixture implements AutoCloseable {
    final GallopServer server;
    final Path data;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode json, byte[] bytes, HttpResponse<byte[]> raw) {
        String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        /** The error object's field, e.g. "code", "param", "message". */
        String error(String field) { return json.path("error").path(field).asText(null); }
    }

    ServerFixture(ServeConfig config) throws Exception {
        this.data = config.dataFolder();
        this.server = GallopServer.start(config);
        this.base = "http://localhost:" + server.port();
    }

    ServerFixture(ServeConfig config, java.time.Clock clock) throws Exception {
        this.data = config.dataFolder();
        this.server = GallopServer.start(config, Generators.standard(), clock);
        this.base = "http://localhost:" + server.port();
    }

    Response get(String path, String... headers) { return send(request(path, headers).GET()); }

    Response delete(String path, String... headers) { return send(request(path, headers).DELETE()); }

    Response post(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b;
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) json = Json.MAPPER.readTree(r.body());
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls GET path until the JSON matches, or fails after the timeout with the last answer. */
    JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Response r = get(path);
            last = r.json();
            if (r.status() == 200 && done.test(last)) return last;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting on " + path + "; last answer: " + last);
    }

    JsonNode awaitVideo(String id, String status) throws InterruptedException {
        return await("/v1/videos/" + id, v -> v.path("status").asText().equals(status), Duration.ofSeconds(60));
    }

    @Override public void close() { server.close(); }
}
