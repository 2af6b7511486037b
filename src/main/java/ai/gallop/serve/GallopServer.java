package ai.gallop.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Gallop service: the task store, the workers, the two video APIs, the arena and the studio page on one port.
 * {@link #start(ServeConfig)} returns once the port is open and tasks left running by a crash are queued again.
 */
public final class GallopServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GallopServer.class);
    /** The studio's files, served from the classpath by name; nothing else under /studio/ exists. */
    private static final Map<String, String> STUDIO = Map.of("index.html", "text/html; charset=utf-8",
            "studio.js", "text/javascript; charset=utf-8", "studio.css", "text/css; charset=utf-8");

    private final ServeConfig config;
    private final Database db;
    private final Workers workers;
    private final Javalin app;
    private final int requeued;
    private final Storage storage;
    private final Generators generators;
    private final boolean ownsGenerators;

    private GallopServer(ServeConfig config, Database db, Workers workers, Javalin app, int requeued, Storage storage,
                         Generators generators, boolean ownsGenerators) {
        this.config = config;
        this.db = db;
        this.workers = workers;
        this.app = app;
        this.requeued = requeued;
        this.storage = storage;
        this.generators = generators;
        this.ownsGenerators = ownsGenerators;
    }

    /** Starts with the standard generators (and the configured trained model), which the server closes when it stops. */
    public static GallopServer start(ServeConfig config) throws IOException, SQLException {
        Generators generators = Generators.standard(config.model(), config.editModel());
        try {
            return start(config, generators, Clock.systemUTC(), true);
        } catch (IOException | SQLException | RuntimeException e) {
            generators.close();
            throw e;
        }
    }

    /** Starts with the caller's generators (the caller closes them). */
    public static GallopServer start(ServeConfig config, Generators generators, Clock clock) throws IOException, SQLException {
        return start(config, generators, clock, false);
    }

    private static GallopServer start(ServeConfig config, Generators generators, Clock clock, boolean ownsGenerators)
            throws IOException, SQLException {
        DataFolder data = new DataFolder(config.dataFolder());
        // task files: the bucket (checked now, so a wrong endpoint or key fails here in one line) or the data folder
        Storage storage = config.s3() != null ? new S3Storage(config.s3()) : new LocalStorage(data);
        Database db = new Database(config.effectiveJdbcUrl(), config.workers() + 8);
        try {
            TaskStore store = new TaskStore(db);
            int requeued = store.requeueRunning(config.instance(), clock.instant().getEpochSecond());
            if (requeued > 0) LOG.info("requeued {} task(s) that were running when the server stopped", requeued);
            data.clearStaging(config.instance()); // half-written files of those tasks: they run again from the start
            Workers workers = new Workers(store, data, storage, generators, config.workers(), config.instance(), config.stepDelay(), clock);
            TaskQueue queue = new TaskQueue(store, data, storage, config.instance(), workers, config.maxQueued(), clock);
            Arena arena = new Arena(db, queue, generators, data, storage, config, clock);
            Javalin app = Javalin.create(c -> {
                c.showJavalinBanner = false;
                c.useVirtualThreads = true;
                c.http.prefer405over404 = true;
                c.http.maxRequestSize = config.maxUploadBytes() / 3 * 4 + 65_536;
                c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
                c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + 65_536, io.javalin.config.SizeUnit.BYTES);
                c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, config.maxUploadBytes()), io.javalin.config.SizeUnit.BYTES);
            });
            routes(app, config, queue, generators, storage, arena, clock, store, workers);
            app.start(config.port());
            workers.start();
            return new GallopServer(config, db, workers, app, requeued, storage, generators, ownsGenerators);
        } catch (RuntimeException | SQLException | IOException e) {
            db.close();
            storage.close();
            throw e;
        }
    }

    private static void routes(Javalin app, ServeConfig config, TaskQueue queue, Generators generators, Storage storage,
                               Arena arena, Clock clock, TaskStore store, Workers workers) {
        List<byte[]> keys = config.apiKeys().stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toList();
        app.before(ctx -> {
            String path = ctx.path();
            if (keys.isEmpty() || !(path.startsWith("/v1/") || path.startsWith("/api/"))) return;
            String auth = ctx.header("Authorization");
            byte[] given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip().getBytes(StandardCharsets.US_ASCII) : null;
            boolean ok = false;
            for (byte[] key : keys) ok |= given != null && MessageDigest.isEqual(key, given); // constant time
            if (!ok) throw new ApiError(401, "invalid_api_key", "Authorization", given == null
                    ? "no API key; allowed: header Authorization: Bearer <key>" : "the API key is not valid; allowed: a key the server was started with");
        });
        app.exception(ApiError.class, (e, ctx) -> Http.error(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> Http.error(ctx, switch (e.getStatus()) {
            case 404 -> new ApiError(404, "not_found", null, "no route " + ctx.method() + " " + ctx.path());
            case 413 -> new ApiError(413, "request_too_large", null, "the request body is too large; allowed: at most "
                    + config.maxUploadBytes() + " bytes of image");
            default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), null, e.getMessage());
        }));
        app.exception(IllegalStateException.class, (e, ctx) -> {
            // Jetty's multipart parser reports a part over the size limit this way
            if (String.valueOf(e.getMessage()).contains("exceeds")) Http.error(ctx, new ApiError(413, "request_too_large", "input_reference",
                    "the upload is too large; allowed: at most " + config.maxUploadBytes() + " bytes"));
            else internal(ctx, e);
        });
        app.exception(Exception.class, (e, ctx) -> internal(ctx, e));
        app.error(404, ctx -> {
            if (ctx.result() == null) Http.error(ctx, new ApiError(404, "not_found", null, "no route " + ctx.method() + " " + ctx.path()));
        });
        app.error(405, ctx -> Http.error(ctx, new ApiError(405, "method_not_allowed", null, "method " + ctx.method() + " is not allowed on " + ctx.path())));

        new OpenAiApi(queue, generators, storage, config, clock).routes(app);
        new DashScopeApi(queue, generators, config).routes(app);
        arena.routes(app);
        app.get("/", ctx -> studio(ctx, "index.html"));
        app.get("/studio/{file}", ctx -> studio(ctx, ctx.pathParam("file")));
        app.get("/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"));
        app.get("/health", ctx -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", "ok");
            out.put("workers", workers.count());
            out.put("busy", workers.busy());
            out.put("queued", store.countQueued());
            Http.json(ctx, 200, out);
        });
    }

    private static void internal(Context ctx, Exception e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        Http.error(ctx, new ApiError(500, "server_error", null, "the server failed: " + m));
    }

    private static void studio(Context ctx, String file) throws IOException {
        String type = STUDIO.get(file);
        if (type == null) throw new ApiError(404, "not_found", null, "no studio file '" + Ids.printable(file) + "'");
        resource(ctx, "studio/" + file, type);
    }

    private static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = GallopServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the build");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    public int port() { return app.port(); }

    /** "METHOD /path" for every HTTP route, so that a test can hold /openapi.json to what is served. */
    List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(route -> route.getEndpoint().getMethod().isHttpMethod())  // not the before/after filters
                .map(route -> route.getEndpoint().getMethod().name() + " " + route.getEndpoint().getPath()).toList();
    }

    public ServeConfig config() { return config; }

    /** Tasks found running at startup and queued again. */
    public int requeued() { return requeued; }

    /** Where task files go: the videos folder or the bucket. */
    public String storage() { return storage.describe(); }

    /** The trained models this server hosts (generator ids), e.g. gallop-tiny. */
    public java.util.Set<String> trainedModels() { return generators.trained(); }

    @Override public void close() {
        app.stop();
        workers.close();
        db.close();
        storage.close();
        // a worker still inside a step after close()'s wait keeps its model: freeing native weights under it would crash
        if (ownsGenerators && workers.allStopped()) generators.close();
    }
}
