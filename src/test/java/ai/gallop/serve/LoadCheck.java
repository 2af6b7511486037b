package ai.gallop.serve;

import ai.gallop.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load check, not a CI test: N concurrent submissions to an in-process server; every one must be accepted (200) or
 * refused (429), every accepted one must complete, and the heap must stay bounded.
 * Run: java -Xmx512m -cp target/test-classes:target/classes:$(deps) ai.gallop.serve.LoadCheck [N] [maxQueued] [workers]
 */
public final class LoadCheck {
    private LoadCheck() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int maxQueued = args.length > 1 ? Integer.parseInt(args[1]) : ServeConfig.DEFAULT_MAX_QUEUED;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : ServeConfig.DEFAULT_WORKERS;
        Path data = Files.createTempDirectory("gallop-load");
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (GallopServer server = GallopServer.start(ServeConfig.defaults(data, 0).withWorkers(workers).withMaxQueued(maxQueued))) {
            String base = "http://localhost:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<String> accepted = Collections.synchronizedList(new ArrayList<>());
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong refused = new AtomicLong(), other = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1), done = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int seed = i;
                Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/videos"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": " + seed + "}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - t0);
                        if (r.statusCode() == 200) accepted.add(Json.MAPPER.readTree(r.body()).get("id").asText());
                        else if (r.statusCode() == 429 && r.headers().firstValue("Retry-After").isPresent()) refused.incrementAndGet();
                        else other.incrementAndGet();
                    } catch (Exception e) {
                        other.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            go.countDown();
            done.await();
            long submitted = System.nanoTime();
            int completed = 0, failed = 0;
            for (String id : accepted) {
                while (true) {
                    String status = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/videos/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).get("status").asText();
                    if (status.equals("completed")) { completed++; break; }
                    if (status.equals("failed")) { failed++; break; }
                    Thread.sleep(100);
                }
            }
            long end = System.nanoTime();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "submissions %d: accepted %d, refused 429 %d, other %d%n", n, accepted.size(), refused.get(), other.get());
            System.out.printf(Locale.ROOT, "accepted completed %d, failed %d; workers %d, max queued %d%n", completed, failed, workers, maxQueued);
            System.out.printf(Locale.ROOT, "submit latency p50 %.0f ms, p95 %.0f ms, max %.0f ms; all submitted in %.2f s%n",
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.95)) / 1e6, sorted.getLast() / 1e6, (submitted - start) / 1e9);
            System.out.printf(Locale.ROOT, "drained in %.1f s (%.2f videos/s); peak heap used %d MiB of max %d MiB%n",
                    (end - start) / 1e9, completed / ((end - start) / 1e9), peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            sampler.interrupt();
        }
    }
}
