package ai.gallop.serve;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The OpenAI-compatible video API: POST/GET/DELETE /v1/videos, content download, a server-sent-events progress
 * stream per video, and GET /v1/models. Objects carry OpenAI's fields plus the extension fields open-source servers
 * add, and {@code generator}: the hosted generator that actually served the model name.
 */
final class OpenAiApi {
    static final Set<String> CREATE_FIELDS = Set.of("prompt", "model", "seconds", "size", "input_reference", "seed",
            "negative_prompt", "num_inference_steps", "guidance_scale", "guidance_smoothing", "sampler", "camera_control", "generate_sound", "fps", "num_frames");
    static final Set<String> REMIX_FIELDS = Set.of("prompt", "model", "seed", "negative_prompt", "num_inference_steps", "guidance_scale",
            "guidance_smoothing", "sampler", "generate_sound");
    static final String DEFAULT_MODEL = "gallop-tiny-t2v", DEFAULT_REMIX_MODEL = "gallop-tiny-edit", DEFAULT_SIZE = "64x64";
    static final int DEFAULT_PAGE = 20, MAX_PAGE = 100;
    private static final Duration EVENT_POLL = Duration.ofMillis(200), EVENT_HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration EVENT_STREAM_LIMIT = Duration.ofHours(1);

    private final TaskQueue queue;
    private final Generators generators;
    private final Storage storage;
    private final ServeConfig config;
    private final Clock clock;

    OpenAiApi(TaskQueue queue, Generators generators, Storage storage, ServeConfig config, Clock clock) {
        this.queue = queue;
        this.generators = generators;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    void routes(Javalin app) {
        app.post("/v1/videos", this::create);
        app.get("/v1/videos", this::list);
        app.get("/v1/videos/{id}", ctx -> Http.json(ctx, 200, video(visible(ctx.pathParam("id")))));
        app.delete("/v1/videos/{id}", this::delete);
        app.get("/v1/videos/{id}/content", this::content);
        app.post("/v1/videos/{id}/remix", this::remix);
        app.get("/v1/videos/{id}/events", this::events);
        app.get("/v1/models", this::models);
    }

    private void create(Context ctx) throws SQLException, IOException {
        Fields f;
        byte[] image = null;
        String imageParam = "input_reference";
        if (ctx.isMultipartFormData()) {
            Http.checkLength(ctx, config.maxUploadBytes());
            f = Fields.ofForm(ctx.formParamMap(), CREATE_FIELDS);
            UploadedFile file = ctx.uploadedFile("input_reference");
            if (file != null) {
                if (file.size() > config.maxUploadBytes())
                    throw new ApiError(413, "request_too_large", imageParam, "input_reference is " + file.size()
                            + " bytes; allowed: at most " + config.maxUploadBytes() + " bytes");
                try (InputStream in = file.content()) {
                    image = in.readAllBytes();
                }
            }
        } else {
            Http.requireJson(ctx);
            f = Fields.parseBody(Http.body(ctx, config.maxUploadBytes()), CREATE_FIELDS);
        }
        if (image == null && f.has("input_reference")) image = Images.fromDataUrl(imageParam, f.text("input_reference", null), config.maxUploadBytes());
        String prompt = f.requiredText("prompt", "a description of the video, 1 to 5000 characters");
        Generators.Model model = generators.resolve("model", f.text("model", DEFAULT_MODEL), image != null, false, false);
        int[] size = parseSize(f.text("size", DEFAULT_SIZE));
        Long steps = f.integer("num_inference_steps", 1, 1000);
        TaskInput input = Inputs.build(new Inputs.Params("prompt", "size", "fps", "seconds", "num_frames", "seed"),
                generators.generator(model.generator()).capabilities(), prompt, f.text("negative_prompt", null),
                f.integer("seed", 0, Integer.MAX_VALUE), size[0], size[1], f.integer("fps", 1, 1000),
                f.decimal("seconds", 0, 3600), f.integer("num_frames", 1, 100_000), f.bool("generate_sound", true),
                steps == null ? null : steps.intValue(), f.decimal("guidance_scale", 0, 30), f.decimal("guidance_smoothing", 0, 1), f.text("sampler", null), image != null, 0, false, null,
                f.text("camera_control", null));
        RgbFrame first = image == null ? null : Images.decode(imageParam, image, input.width(), input.height());
        Inputs.check(new Inputs.Params("prompt", "size", "fps", "seconds", "num_frames", "seed"), generators, model, input, first, List.of(), null);
        Task task = queue.submit(new TaskQueue.Submission("openai", model, input, first, List.of(), null, ctx.header("Idempotency-Key")));
        Http.json(ctx, 200, video(task));
    }

    static int[] parseSize(String text) {
        if (text.length() > 20 || !text.matches("\\d{1,5}x\\d{1,5}"))
            throw ApiError.invalid("size", "size '" + Ids.printable(text) + "' is not WxH; allowed: e.g. 64x64, 112x64, 64x112, 128x96");
        String[] parts = text.split("x");
        return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private void list(Context ctx) throws SQLException {
        int limit = DEFAULT_PAGE;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            if (!rawLimit.matches("\\d{1,4}") || Integer.parseInt(rawLimit) < 1 || Integer.parseInt(rawLimit) > MAX_PAGE)
                throw ApiError.invalid("limit", "limit '" + Ids.printable(rawLimit) + "' is out of range; allowed: 1 to " + MAX_PAGE);
            limit = Integer.parseInt(rawLimit);
        }
        String after = ctx.queryParam("after");
        if (after != null && !Ids.isVideoId(after))
            throw ApiError.invalid("after", "after '" + Ids.printable(after) + "' is not a video id; allowed: an id from a previous page");
        List<Task> page = queue.store().list(limit + 1, after);
        boolean more = page.size() > limit;
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Task t : page.subList(0, Math.min(limit, page.size()))) objects.add(video(t));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", objects);
        out.put("first_id", objects.isEmpty() ? null : objects.getFirst().get("id"));
        out.put("last_id", objects.isEmpty() ? null : objects.getLast().get("id"));
        out.put("has_more", more);
        Http.json(ctx, 200, out);
    }

    private void delete(Context ctx) throws SQLException, IOException {
        Task task = visible(ctx.pathParam("id"));
        queue.delete(task.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id());
        out.put("object", "video.deleted");
        out.put("deleted", true);
        Http.json(ctx, 200, out);
    }

    /**
     * OpenAI's remix: a completed video edited as the prompt says ("make the ball blue") by a model that edits
     * (gallop-tiny-edit by default), keeping the video's size, rate and length. The video's MP4 is stored with the new
     * task, so the remix still runs when the original has expired or been deleted by then.
     */
    private void remix(Context ctx) throws SQLException, IOException {
        Task original = visible(ctx.pathParam("id"));
        Http.requireJson(ctx);
        Fields f = Fields.parseBody(Http.body(ctx, config.maxUploadBytes()), REMIX_FIELDS);
        String prompt = f.requiredText("prompt", "the change to make, e.g. \"make the ball blue\"");
        Generators.Model model = generators.resolve("model", f.text("model", DEFAULT_REMIX_MODEL), false, false, true);
        if (original.status() != TaskStatus.SUCCEEDED)
            throw new ApiError(409, "video_not_ready", null, "video " + original.id() + " is " + original.status().openAi()
                    + "; allowed: remixing once its status is completed");
        byte[] mp4;
        try (Storage.Stored stored = storage.open(original.id(), DataFolder.Variant.VIDEO.fileName())
                .orElseThrow(() -> new ApiError(410, "video_expired", null, "video " + original.id() + " has no video file left to remix"))) {
            mp4 = stored.stream().readAllBytes();
        }
        Video source = Clips.decode("video_id", mp4);
        Inputs.Params params = new Inputs.Params("prompt", "video_id", "video_id", "video_id", "video_id", "seed");
        Long steps = f.integer("num_inference_steps", 1, 1000);
        TaskInput input = Inputs.build(params, generators.generator(model.generator()).capabilities(), prompt, f.text("negative_prompt", null),
                f.integer("seed", 0, Integer.MAX_VALUE), source.width(), source.height(), (long) source.fps(), null, (long) source.frames().size(),
                f.bool("generate_sound", true), steps == null ? null : steps.intValue(), f.decimal("guidance_scale", 0, 30),
                f.decimal("guidance_smoothing", 0, 1), f.text("sampler", null), false, 0, true, original.id(), null);
        Inputs.check(params, generators, model, input, null, List.of(), source);
        Task task = queue.submit(new TaskQueue.Submission("openai", model, input, null, List.of(), mp4, ctx.header("Idempotency-Key")));
        Http.json(ctx, 200, video(task));
    }

    private void content(Context ctx) throws SQLException, IOException {
        Task task = visible(ctx.pathParam("id"));
        DataFolder.Variant variant = DataFolder.Variant.parse(Objects.requireNonNullElse(ctx.queryParam("variant"), "video"));
        serveContent(ctx, task, variant, storage, config.retention(), clock);
    }

    /**
     * Sends a finished task's file, streamed from the storage (the data folder or the bucket) with the same headers
     * either way; 409 before it is finished, 410 once it has expired.
     */
    static void serveContent(Context ctx, Task task, DataFolder.Variant variant, Storage storage, Duration retention, Clock clock) throws IOException {
        if (task.status() != TaskStatus.SUCCEEDED)
            throw new ApiError(409, "video_not_ready", null, "video " + task.id() + " is " + task.status().openAi()
                    + "; allowed: downloading once its status is completed");
        if (expiresAt(task, retention) < clock.instant().getEpochSecond())
            throw new ApiError(410, "video_expired", null, "video " + task.id() + " expired; videos stay downloadable for "
                    + retention.toHours() + " h after they complete");
        Storage.Stored stored = storage.open(task.id(), variant.fileName())
                .orElseThrow(() -> new ApiError(404, "not_found", "variant", "video " + task.id() + " has no " + variant.id() + " file"));
        ctx.header("Content-Disposition", "inline; filename=\"" + task.id() + "-" + variant.fileName() + "\"");
        ctx.header("Cache-Control", "private, max-age=3600");
        if (stored.size() < 0) ctx.contentType(variant.contentType()).result(stored.stream()); // the writer closes it
        else ctx.writeSeekableStream(stored.stream(), variant.contentType(), stored.size());
    }

    /**
     * Server-sent events: the video object as event "progress" whenever it changes, then one "completed" or
     * "failed" event, after which the stream ends. Polls the store, so it also follows tasks run by another server
     * on the same database.
     */
    private void events(Context ctx) throws SQLException, IOException {
        String id = visible(ctx.pathParam("id")).id();
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        String last = null;
        long started = System.nanoTime(), lastSent = started;
        try {
            while (System.nanoTime() - started < EVENT_STREAM_LIMIT.toNanos()) {
                Task task = queue.store().find(id).orElse(null);
                if (task == null) {
                    send(out, "failed", Http.compact(Map.of("id", id, "object", "video", "status", "failed",
                            "error", Map.of("code", "deleted", "message", "video " + id + " was deleted"))));
                    return;
                }
                String json = Http.compact(video(task));
                if (!json.equals(last)) {
                    String event = task.status() == TaskStatus.SUCCEEDED ? "completed" : task.status().finished() ? "failed" : "progress";
                    send(out, event, json);
                    last = json;
                    lastSent = System.nanoTime();
                    if (task.status().finished()) return;
                } else if (System.nanoTime() - lastSent > EVENT_HEARTBEAT.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastSent = System.nanoTime();
                }
                Thread.sleep(EVENT_POLL.toMillis());
            }
        } catch (IOException gone) {
            // the client closed the stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(OutputStream out, String event, String json) throws IOException {
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void models(Context ctx) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Generators.Model m : generators.models()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", m.name());
            o.put("object", "model");
            o.put("owned_by", "gallop");
            o.put("generator", m.generator());
            o.put("mode", m.mode().name().toLowerCase(java.util.Locale.ROOT));
            o.put("image_to_video", generators.generator(m.generator()).capabilities().imageToVideo());
            data.add(o);
        }
        Http.json(ctx, 200, Map.of("object", "list", "data", data));
    }

    /** A task the video API may show: a well-formed id, not deleted, not an arena task (those stay blind). */
    private Task visible(String id) throws SQLException {
        if (!Ids.isVideoId(id)) throw ApiError.notFound("video", id);
        Task task = queue.store().find(id).orElseThrow(() -> ApiError.notFound("video", id));
        if (task.hidden()) throw ApiError.notFound("video", id);
        return task;
    }

    long expiresAt(Task task) { return expiresAt(task, config.retention()); }

    static long expiresAt(Task task, Duration retention) {
        return task.completedAt() == null ? Long.MAX_VALUE : task.completedAt() + retention.toSeconds();
    }

    Map<String, Object> video(Task task) {
        TaskInput in = task.input();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", task.id());
        o.put("object", "video");
        o.put("model", task.model());
        o.put("status", task.status().openAi());
        o.put("progress", task.progress());
        o.put("created_at", task.createdAt());
        o.put("completed_at", task.completedAt());
        o.put("expires_at", task.status() == TaskStatus.SUCCEEDED ? expiresAt(task) : null);
        o.put("prompt", in.prompt());
        o.put("seconds", Fields.plain(in.seconds()));
        o.put("size", in.size());
        o.put("error", task.errorCode() == null || task.status() == TaskStatus.SUCCEEDED ? null
                : Map.of("code", task.errorCode(), "message", Objects.requireNonNullElse(task.errorMessage(), task.errorCode())));
        o.put("inference_time_s", task.inferenceSeconds());
        o.put("seed", in.seed());
        o.put("negative_prompt", in.negativePrompt());
        o.put("num_inference_steps", in.steps());
        o.put("guidance_scale", in.guidance());
        o.put("guidance_smoothing", in.guidanceSmoothing());
        o.put("sampler", in.sampler());
        o.put("camera_control", in.cameraControl());
        o.put("generate_sound", in.sound());
        o.put("fps", in.fps());
        o.put("num_frames", in.frames());
        o.put("input_reference", in.firstFrame());
        o.put("remixed_from_video_id", in.remixedFrom());
        o.put("generator", task.generator());
        o.putAll(generators.unread(task.generator(), in));
        return o;
    }
}
