package ai.gallop.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a server runs.
 *
 * @param port TCP port; 0 picks a free one
 * @param workers generation threads
 * @param dataFolder where the embedded database, the videos and the arena log live
 * @param jdbcUrl the task store; null means the embedded H2 file database under {@code dataFolder}
 * @param apiKeys Bearer keys accepted on the API; empty means the API is open
 * @param maxQueued tasks that may wait (not counting running ones) before submissions get 429
 * @param maxUploadBytes largest request body (and so largest input image) accepted
 * @param retention how long finished videos stay downloadable
 * @param stepDelay a pause at every progress step, so tests can watch (and kill) a task while it runs; zero in use
 * @param instance this server's name in the task store: at startup it requeues only the tasks it was running
 * @param s3 the bucket for task files; null keeps them in the data folder
 * @param model a trained model (checkpoint or run folder) to host as gallop-tiny-t2v / -i2v; null hosts none
 * @param editModel a trained model that edits clips (gallop train --edit-share) to host as gallop-tiny-edit; null hosts none
 */
public record ServeConfig(int port, int workers, Path dataFolder, String jdbcUrl, List<String> apiKeys, int maxQueued,
                          long maxUploadBytes, Duration retention, Duration stepDelay, String instance, S3Location s3,
                          Path model, Path editModel) {
    public static final int DEFAULT_PORT = 8080, DEFAULT_WORKERS = 2, DEFAULT_MAX_QUEUED = 64, MAX_WORKERS = 64;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L << 20;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    public ServeConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of range; allowed: 0 to 65535");
        if (workers < 1 || workers > MAX_WORKERS)
            throw new IllegalArgumentException("workers " + workers + " is out of range; allowed: 1 to " + MAX_WORKERS);
        if (dataFolder == null) throw new IllegalArgumentException("no data folder; allowed: any writable folder");
        dataFolder = dataFolder.toAbsolutePath().normalize();
        apiKeys = List.copyOf(apiKeys);
        for (String key : apiKeys)
            if (key.isBlank() || key.chars().anyMatch(c -> c <= ' ' || c > '~'))
                throw new IllegalArgumentException("an API key is blank or has spaces or non-ASCII characters; allowed: printable ASCII");
        if (maxQueued < 1 || maxQueued > 100_000)
            throw new IllegalArgumentException("max queued " + maxQueued + " is out of range; allowed: 1 to 100000");
        if (maxUploadBytes < 1024 || maxUploadBytes > (1L << 30))
            throw new IllegalArgumentException("max upload " + maxUploadBytes + " bytes is out of range; allowed: 1024 to " + (1L << 30));
        if (retention.isNegative() || retention.isZero())
            throw new IllegalArgumentException("retention " + retention + " must be positive");
        if (stepDelay.isNegative()) throw new IllegalArgumentException("step delay " + stepDelay + " must not be negative");
        if (instance == null || !instance.matches("[A-Za-z0-9._-]{1,64}") || instance.matches("\\.+"))
            throw new IllegalArgumentException("instance name '" + instance + "' is not allowed; allowed: 1 to 64 letters, digits, '.', '_' or '-', not only dots");
    }

    /** The defaults with the given data folder and port: what tests start from (no trained model, files in the folder). */
    public static ServeConfig defaults(Path dataFolder, int port) {
        return new ServeConfig(port, DEFAULT_WORKERS, dataFolder, null, List.of(), DEFAULT_MAX_QUEUED,
                DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_RETENTION, Duration.ZERO, "local", null, null, null);
    }

    public ServeConfig withWorkers(int n) {
        return new ServeConfig(port, n, dataFolder, jdbcUrl, apiKeys, maxQueued, maxUploadBytes, retention, stepDelay, instance, s3, model, editModel);
    }

    public ServeConfig withApiKeys(List<String> keys) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, keys, maxQueued, maxUploadBytes, retention, stepDelay, instance, s3, model, editModel);
    }

    public ServeConfig withMaxQueued(int n) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, n, maxUploadBytes, retention, stepDelay, instance, s3, model, editModel);
    }

    public ServeConfig withMaxUploadBytes(long n) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, maxQueued, n, retention, stepDelay, instance, s3, model, editModel);
    }

    public ServeConfig withStepDelay(Duration d) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, maxQueued, maxUploadBytes, retention, d, instance, s3, model, editModel);
    }

    public ServeConfig withJdbcUrl(String url) {
        return new ServeConfig(port, workers, dataFolder, url, apiKeys, maxQueued, maxUploadBytes, retention, stepDelay, instance, s3, model, editModel);
    }

    public ServeConfig withS3(S3Location location) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, maxQueued, maxUploadBytes, retention, stepDelay, instance, location, model, editModel);
    }

    public ServeConfig withModel(Path folder) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, maxQueued, maxUploadBytes, retention, stepDelay, instance, s3, folder, editModel);
    }

    public ServeConfig withEditModel(Path folder) {
        return new ServeConfig(port, workers, dataFolder, jdbcUrl, apiKeys, maxQueued, maxUploadBytes, retention, stepDelay, instance, s3, model, folder);
    }

    /** The JDBC URL actually used: the given one, or the embedded H2 file database in the data folder. */
    public String effectiveJdbcUrl() {
        // WRITE_DELAY=0: every commit reaches the file before the call returns, so an accepted task survives kill -9
        return jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + dataFolder.resolve("gallop") + ";WRITE_DELAY=0";
    }
}
