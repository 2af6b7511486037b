package ai.gallop.serve;

import ai.gallop.media.RgbFrame;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;

import java.util.List;

/**
 * A generation request as the queue stores it (JSON in the task row), validated once at submission, whichever API
 * it came through. The first frame itself is a PNG in the task's folder; {@code firstFrame} says whether there is one.
 */
public record TaskInput(String prompt, String negativePrompt, long seed, int width, int height, int fps, int frames,
                        boolean sound, Integer steps, Double guidance, boolean firstFrame) {
    public TaskInput {
        // the same checks the generator request makes, so a stored task can always be turned into one
        new GenerationRequest(prompt, negativePrompt, seed, new VideoFormat(width, height, fps, frames), sound, steps,
                guidance, null, null, List.of());
    }

    public VideoFormat format() { return new VideoFormat(width, height, fps, frames); }

    public GenerationRequest request(RgbFrame first) {
        return new GenerationRequest(prompt, negativePrompt, seed, format(), sound, steps, guidance, null, first, List.of());
    }

    /** The nominal length in seconds, as the APIs report it. */
    public double seconds() { return format().seconds(); }

    public String size() { return width + "x" + height; }
}
