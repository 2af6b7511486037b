package ai.gallop.serve;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * DashScope-style asynchronous video synthesis: submit with X-DashScope-Async: enable, then poll
 * /api/v1/tasks/{task_id}. Resolutions are short sides in pixels ("64P") because Gallop's videos are small;
 * times are UTC. A task can be cancelled with POST /api/v1/tasks/{task_id}/cancel.
 */
final class DashScopeApi {
    static final String SUBMIT_PATH = "/api/v1/services/aigc/video-generation/video-synthesis";
    static final Set<String> BODY = Set.of("model", "input", "parameters");
    static final Set<String> INPUT = Set.of("prompt", "negative_prompt", "media");
    static final Set<String> MEDIA = Set.of("type", "url");
    static final Set<String> PARAMETERS = Set.of("resolution", "ratio", "duration", "seed", "watermark", "prompt_extend", "audio", "fps", "camera_control");
    /** The parameters an edit takes from its clip instead, refused beside a video. */
    static final List<String> EDIT_KEEPS = List.of("resolution", "ratio", "fps", "duration", "camera_control");
    static final String DEFAULT_RESOLUTION = "64P", DEFAULT_RATIO = "16:9";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final TaskQueue queue;
    private final Generators generators;
    private final ServeConfig config;

    DashScopeApi(TaskQueue queue, Generators generators, ServeConfig config) {
        this.queue = queue;
        this.generators = generators;
        this.config = config;
    }

    void routes(Javalin app) {
        app.post(SUBMIT_PATH, this::submit);
        app.get("/api/v1/tasks/{task_id}", ctx -> Http.json(ctx, 200, task(ctx, find(ctx.pathParam("task_id")))));
        app.post("/api/v1/tasks/{task_id}/cancel", this::cancel);
    }

    private void submit(Context ctx) throws SQLException, IOException {
        String async = ctx.header("X-DashScope-Async");
        if (async == null || !async.equalsIgnoreCase("enable"))
            throw new ApiError(400, "invalid_value", "X-DashScope-Async", "this server runs video synthesis asynchronously only; allowed: header X-DashScope-Async: enable");
        Http.requireJson(ctx);
        Fields body = Fields.parseBody(Http.body(ctx, config.maxUploadBytes()), BODY);
        String modelName = body.requiredText("model", "one of " + String.join(", ", generators.models().stream().map(Generators.Model::name).toList()));
        Fields input = body.object("input", INPUT);
        Fields parameters = body.object("parameters", PARAMETERS);
        String prompt = input.requiredText("prompt", "a description of the video, 1 to 5000 characters");
        byte[] firstFrame = null;
        List<byte[]> referenceImages = new ArrayList<>();
        byte[] sourceMp4 = null;
        List<Fields> media = input.objects("media", MEDIA, 9);
        for (Fields m : media) {
            String type = m.requiredText("type", "first_frame, reference_image or video");
            switch (type) {
                case "first_frame" -> {
                    if (firstFrame != null) throw ApiError.invalid(m.param("type"), "more than one first_frame; allowed: one");
                    firstFrame = Images.fromDataUrl(m.param("url"), m.requiredText("url", "a data:image/png;base64,... URL"), config.maxUploadBytes());
                }
                case "reference_image" -> referenceImages.add(Images.fromDataUrl(m.param("url"), m.requiredText("url", "a data:image/png;base64,... URL"), config.maxUploadBytes()));
                case "video" -> {
                    if (sourceMp4 != null) throw ApiError.invalid(m.param("type"), "more than one video; allowed: one");
                    sourceMp4 = Images.fromDataUrl(m.param("url"), m.requiredText("url", "a " + Clips.EXAMPLE + " URL"), config.maxUploadBytes(),
                            Clips.EXAMPLE);
                }
                default -> throw ApiError.invalid(m.param("type"), m.param("type") + " '" + Ids.printable(type)
                        + "' is not known; allowed: first_frame, reference_image, video");
            }
        }
        Generators.Model model = generators.resolve("model", modelName, firstFrame != null, !referenceImages.isEmpty(), sourceMp4 != null);
        Video source = sourceMp4 == null ? null : Clips.decode("input.media", sourceMp4);
        if (source != null)
            for (String shapeParameter : EDIT_KEEPS)
                if (parameters.has(shapeParameter))
                    throw ApiError.invalid(parameters.param(shapeParameter), parameters.param(shapeParameter) + " does not apply to a video edit, which keeps "
                            + "its clip's size, rate, length and camera; allowed: leaving it out");
        int[] size = source != null ? new int[]{source.width(), source.height()}
                : generators.fit(model.generator(), size(parameters.text("resolution", DEFAULT_RESOLUTION), parameters.text("ratio", DEFAULT_RATIO)));
        Long fps = source != null ? Long.valueOf(source.fps()) : parameters.integer("fps", 1, 1000);
        Long frames = source != null ? Long.valueOf(source.frames().size()) : null;
        parameters.bool("watermark", false); // accepted for compatibility: Gallop adds no watermark
        parameters.bool("prompt_extend", false); // accepted for compatibility: Gallop never rewrites prompts
        Inputs.Params params = source != null
                ? new Inputs.Params("input.prompt", "input.media", "input.media", "input.media", "input.media", "parameters.seed")
                : new Inputs.Params("input.prompt", "parameters.resolution", "parameters.fps", "parameters.duration", "parameters.duration", "parameters.seed");
        TaskInput in = Inputs.build(params,
                generators.generator(model.generator()).capabilities(), prompt, input.text("negative_prompt", null),
                parameters.integer("seed", 0, Integer.MAX_VALUE), size[0], size[1], fps,
                durationSeconds(parameters), frames, parameters.bool("audio", true), null, null, null, null, firstFrame != null,
                referenceImages.size(), source != null, null, parameters.text("camera_control", null));
        RgbFrame first = firstFrame == null ? null : Images.decode("input.media", firstFrame, in.width(), in.height());
        List<RgbFrame> references = referenceImages.stream().map(bytes -> Images.decode("input.media", bytes, in.width(), in.height())).toList();
        Inputs.check(params, generators, model, in, first, references, source);
        Task task = queue.submit(new TaskQueue.Submission("dashscope", model, in, first, references, sourceMp4, ctx.header("Idempotency-Key")));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("task_id", task.id());
        output.put("task_status", task.status().dashScope());
        output.put("generator", task.generator());
        output.putAll(generators.unread(task.generator(), in));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", UUID.randomUUID().toString());
        out.put("output", output);
        Http.json(ctx, 200, out);
    }

    private static Double durationSeconds(Fields parameters) {
        Long d = parameters.integer("duration", 1, 1000);
        return d == null ? null : d.doubleValue();
    }

    /** "64P" at "16:9" is 114x64: the short side is the resolution, the long side follows the ratio, both even. */
    static int[] size(String resolution, String ratio) {
        if (!resolution.matches("\\d{2,3}[Pp]"))
            throw ApiError.invalid("parameters.resolution", "parameters.resolution '" + Ids.printable(resolution)
                    + "' is not a short side like 64P; allowed: 32P to 256P (e.g. 64P, 96P, 128P)");
        int[] r = null;
        for (String allowed : List.of("1:1", "16:9", "9:16", "4:3", "3:4"))
            if (allowed.equals(ratio)) r = new int[]{Integer.parseInt(ratio.split(":")[0]), Integer.parseInt(ratio.split(":")[1])};
        if (r == null)
            throw ApiError.invalid("parameters.ratio", "parameters.ratio '" + Ids.printable(ratio) + "' is not supported; allowed: 1:1, 16:9, 9:16, 4:3, 3:4");
        int shortSide = Integer.parseInt(resolution.substring(0, resolution.length() - 1));
        int longSide = 2 * (int) Math.round(shortSide * Math.max(r[0], r[1]) / (2.0 * Math.min(r[0], r[1])));
        int w = r[0] >= r[1] ? longSide : shortSide, h = r[0] >= r[1] ? shortSide : longSide;
        if (shortSide % 2 != 0 || shortSide < 32 || longSide > 256)
            throw ApiError.invalid("parameters.resolution", "parameters.resolution " + resolution + " at ratio " + ratio + " gives "
                    + w + "x" + h + "; allowed: even sides from 32 to 256 pixels (at 16:9 at most 144P)");
        return new int[]{w, h};
    }

    private void cancel(Context ctx) throws SQLException {
        Task task = find(ctx.pathParam("task_id"));
        if (task.status().finished())
            throw new ApiError(409, "invalid_state", null, "task " + task.id() + " is already " + task.status().dashScope()
                    + "; allowed: cancelling a PENDING or RUNNING task");
        Task after = queue.cancel(task.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", UUID.randomUUID().toString());
        out.put("output", Map.of("task_id", after.id(), "task_status", after.status().dashScope()));
        Http.json(ctx, 200, out);
    }

    private Task find(String id) throws SQLException {
        if (!Ids.isVideoId(id)) throw ApiError.notFound("task", id);
        Task task = queue.store().find(id).orElseThrow(() -> ApiError.notFound("task", id));
        if (task.hidden()) throw ApiError.notFound("task", id);
        return task;
    }

    private Map<String, Object> task(Context ctx, Task task) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("task_id", task.id());
        output.put("task_status", task.status().dashScope());
        output.put("submit_time", TIME.format(Instant.ofEpochSecond(task.createdAt())));
        output.put("scheduled_time", task.startedAt() == null ? null : TIME.format(Instant.ofEpochSecond(task.startedAt())));
        output.put("end_time", task.completedAt() == null ? null : TIME.format(Instant.ofEpochSecond(task.completedAt())));
        output.put("orig_prompt", task.input().prompt());
        output.put("progress", task.progress());
        output.put("model", task.model());
        output.put("generator", task.generator());
        output.putAll(generators.unread(task.generator(), task.input()));
        if (task.status() == TaskStatus.SUCCEEDED)
            output.put("video_url", ctx.scheme() + "://" + ctx.host() + "/v1/videos/" + task.id() + "/content");
        if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELLED) {
            output.put("code", task.errorCode());
            output.put("message", task.errorMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", UUID.randomUUID().toString());
        out.put("output", output);
        if (task.status() == TaskStatus.SUCCEEDED) {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("video_duration", task.input().seconds());
            usage.put("video_ratio", task.input().width() + "*" + task.input().height());
            usage.put("video_count", 1);
            usage.put("inference_time_s", task.inferenceSeconds());
            out.put("usage", usage);
        }
        return out;
    }
}
