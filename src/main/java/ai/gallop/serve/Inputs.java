package ai.gallop.serve;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.pipeline.VideoGenerator;
import ai.gallop.world.VideoFormat;

import java.util.List;
import java.util.Locale;

/** Builds a {@link TaskInput} from fields both APIs share, with each error naming the caller's field. */
final class Inputs {
    static final long DEFAULT_SEED = 0;
    static final int DEFAULT_FPS = 8;
    static final double DEFAULT_SECONDS = 2;

    /** Where each value came from, in the caller's spelling, for error messages. */
    record Params(String prompt, String size, String fps, String seconds, String frames, String seed) {}

    private Inputs() {}

    /**
     * Asks the model's generator whether it can make this request (a trained model checks its patches and token
     * budget) and turns a refusal into a 400 naming the field at fault.
     */
    static void check(Params p, Generators generators, Generators.Model model, TaskInput input, RgbFrame first, List<RgbFrame> references,
                      Video source) {
        try {
            generators.check(model.generator(), input.request(first, references, source));
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            String param = m.startsWith("size") || m.startsWith("ratio") ? p.size() : m.contains("frames") || m.contains("tokens") ? p.seconds() : null;
            throw ApiError.invalid(param, m.lines().findFirst().orElse(m));
        }
    }

    static TaskInput build(Params p, VideoGenerator.Capabilities can, String prompt, String negative, Long seed,
                           int width, int height, Long fps, Double seconds, Long frames, boolean sound, Integer steps,
                           Double guidance, Double guidanceSmoothing, String sampler, boolean firstFrame, int references, boolean source, String remixedFrom,
                           String cameraControl) {
        if (prompt.length() > GenerationRequest.MAX_PROMPT_CHARS)
            throw ApiError.invalid(p.prompt(), p.prompt() + " has " + prompt.length() + " characters; allowed: at most " + GenerationRequest.MAX_PROMPT_CHARS);
        if (negative != null && negative.length() > GenerationRequest.MAX_PROMPT_CHARS)
            throw ApiError.invalid("negative_prompt", "negative_prompt has " + negative.length() + " characters; allowed: at most " + GenerationRequest.MAX_PROMPT_CHARS);
        int minSide = Math.max(VideoFormat.MIN_SIDE, can.minSide()), maxSide = Math.min(VideoFormat.MAX_SIDE, can.maxSide());
        if (width < minSide || width > maxSide || height < minSide || height > maxSide || width % 2 != 0 || height % 2 != 0)
            throw ApiError.invalid(p.size(), p.size() + " " + width + "x" + height + " is not allowed; allowed: even sides from "
                    + minSide + " to " + maxSide + " pixels, e.g. 64x64, 112x64, 64x112, 128x96");
        try {
            new VideoFormat(width, height, VideoFormat.MIN_FPS, VideoFormat.MIN_FPS * 2 + 1);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(p.size(), p.size() + ": " + e.getMessage());
        }
        int rate = fps == null ? DEFAULT_FPS : fps.intValue();
        int minFps = Math.max(VideoFormat.MIN_FPS, can.minFps()), maxFps = Math.min(VideoFormat.MAX_FPS, can.maxFps());
        if (rate < minFps || rate > maxFps)
            throw ApiError.invalid(p.fps(), p.fps() + " " + rate + " is out of range; allowed: " + minFps + " to " + maxFps);
        double maxSeconds = Math.min(VideoFormat.MAX_SECONDS, can.maxSeconds());
        int count;
        if (frames != null) {
            int min = rate * VideoFormat.MIN_SECONDS + 1, max = (int) Math.floor(rate * maxSeconds) + 1;
            if (frames < min || frames > max)
                throw ApiError.invalid(p.frames(), p.frames() + " " + frames + " is out of range at " + rate + " fps; allowed: " + min + " to " + max);
            count = frames.intValue();
        } else {
            double s = seconds == null ? DEFAULT_SECONDS : seconds;
            if (s < VideoFormat.MIN_SECONDS || s > maxSeconds)
                throw ApiError.invalid(p.seconds(), p.seconds() + " " + Fields.plain(s) + " is out of range; allowed: "
                        + VideoFormat.MIN_SECONDS + " to " + Fields.plain(maxSeconds));
            count = (int) Math.round(s * rate) + 1;
        }
        if (sound && !can.sound()) throw ApiError.invalid("generate_sound", "this model makes no sound; allowed: false");
        if (sampler != null) sampler = sampler.trim().toLowerCase(Locale.ROOT);
        if (sampler != null && !GenerationRequest.SAMPLERS.contains(sampler))
            throw ApiError.invalid("sampler", "sampler '" + sampler + "' is not available; allowed: " + String.join(", ", GenerationRequest.SAMPLERS));
        try {
            cameraControl = GenerationRequest.cameraControlNamed(cameraControl);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("camera_control", "camera_control '" + cameraControl + "' is not available; allowed: " + String.join(", ", GenerationRequest.CAMERA_CONTROLS));
        }
        try {
            return new TaskInput(prompt, negative, seed == null ? DEFAULT_SEED : seed, width, height, rate, count, sound,
                    steps, guidance, guidanceSmoothing, sampler, firstFrame, references, source, remixedFrom, cameraControl);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }
}
