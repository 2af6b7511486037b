package ai.gallop.cli;

import ai.gallop.serve.GallopServer;
import ai.gallop.serve.S3Location;
import ai.gallop.serve.ServeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code gallop serve}: the generation API, the task queue and the studio page until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the OpenAI-style /v1/videos API, the DashScope-style task API, the studio and the arena.")
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--workers", paramLabel = "N", description = "Generation threads, 1 to 64 (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int workers;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: task store, videos, arena votes (default: ${DEFAULT-VALUE}).", defaultValue = "gallop-data")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Task store; default: an H2 file database in the data folder. "
            + "jdbc:postgresql://host/db?user=...&password=... shares one queue.")
    String db;

    @Option(names = "--storage", paramLabel = "s3://BUCKET[/PREFIX]", description = "Keep videos and uploads in an S3-compatible "
            + "bucket instead of the data folder; endpoint and keys from GALLOP_S3_ENDPOINT (or AWS_ENDPOINT_URL), AWS_ACCESS_KEY_ID, "
            + "AWS_SECRET_ACCESS_KEY, AWS_REGION.")
    String storage;

    @Option(names = "--model", paramLabel = "PATH", description = "Trained model to host as gallop-tiny-t2v / -i2v: a checkpoint "
            + "folder (config.json + model.safetensors) or a training run folder; none for no model (default: models/gallop-tiny "
            + "when it exists; without a model the world oracle serves those names).")
    Path model;

    @Option(names = "--edit-model", paramLabel = "PATH", description = "Trained model that edits clips (gallop train --edit-share) to host "
            + "as gallop-tiny-edit; none for no edit model (default: models/gallop-tiny-edit when it exists; without one, edits are "
            + "refused with 400 unsupported_mode).")
    Path editModel;

    static final String SHIPPED_MODEL = "models/gallop-tiny", SHIPPED_EDIT_MODEL = "models/gallop-tiny-edit", NO_MODEL = "none";

    @Option(names = "--api-key", paramLabel = "KEY", description = "Require Authorization: Bearer KEY on the API (repeat for several keys).")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--max-queued", paramLabel = "N", description = "Waiting tasks before submissions get 429 (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int maxQueued;

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest request body or input image (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int maxUploadMb;

    @Option(names = "--retention-hours", paramLabel = "H", description = "How long finished videos stay downloadable (default: ${DEFAULT-VALUE}).", defaultValue = "24")
    int retentionHours;

    @Option(names = "--instance", paramLabel = "NAME", description = "This server's name in a shared task store (default: ${DEFAULT-VALUE}).", defaultValue = "local")
    String instance;

    @Option(names = "--step-delay-ms", hidden = true, defaultValue = "0",
            description = "Test hook: pause this long at every progress step so a task can be watched or killed while it runs.")
    long stepDelayMs;

    @Override public Integer call() throws Exception {
        if (maxUploadMb < 1 || maxUploadMb > 1024) throw new IllegalArgumentException("--max-upload-mb " + maxUploadMb + " is out of range; allowed: 1 to 1024");
        if (retentionHours < 1) throw new IllegalArgumentException("--retention-hours " + retentionHours + " is out of range; allowed: 1 or more");
        S3Location s3 = storage == null ? null : S3Location.parse(storage, System.getenv());
        ServeConfig config = new ServeConfig(port, workers, data, db, apiKeys, maxQueued, (long) maxUploadMb << 20,
                Duration.ofHours(retentionHours), Duration.ofMillis(stepDelayMs), instance, s3, hosted(model, SHIPPED_MODEL), hosted(editModel, SHIPPED_EDIT_MODEL));
        GallopServer server = GallopServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        PrintWriter out = spec.commandLine().getOut();
        // tests and scripts wait for this exact line to learn the port
        out.println("gallop serve: listening on http://localhost:" + server.port() + "/ (data " + config.dataFolder()
                + (config.s3() != null ? ", files " + server.storage() : "") + ", " + config.workers() + " workers"
                + (server.trainedModels().isEmpty() ? ", no trained model" : ", model " + String.join(", ", server.trainedModels())
                + " from " + config.model() + (config.editModel() != null ? " and " + config.editModel() : ""))
                + (server.requeued() > 0 ? ", requeued " + server.requeued() + " running task(s)" : "") + ")");
        out.flush();
        stopped.await();
        return GallopCli.EXIT_OK;
    }

    /** A trained model to host: as given (none for no model), else the shipped one when it is there. */
    private static Path hosted(Path given, String shipped) {
        if (given == null) return shipped(shipped);
        return given.toString().equals(NO_MODEL) ? null : given;
    }

    /** A shipped model folder in the Gallop folder (bin/gallop passes it as gallop.home), else in the working folder, if it is there. */
    static Path shipped(String folderName) {
        Path folder = Path.of(System.getProperty("gallop.home", ".")).resolve(folderName);
        return Files.isDirectory(folder) ? folder : null;
    }
}
