package ai.gallop.pipeline;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.VideoFormat;

import java.util.List;
import java.util.Objects;

/**
 * What a user asks a generator for. Null {@code steps}, {@code guidance} or {@code sampler} mean "the
 * generator's default"; {@code firstFrame} makes it image-to-video, {@code references} reference-to-video.
 */
public record GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                                Integer steps, Double guidance, String sampler, RgbFrame firstFrame,
                                List<RgbFrame> references) {
    public static final int MAX_PROMPT_CHARS = 5000;
    public static final int MAX_REFERENCES = 9;

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) throw new IllegalArgumentException("the prompt is empty; describe the video to generate");
        if (prompt.length() > MAX_PROMPT_CHARS)
            throw new IllegalArgumentException("the prompt has " + prompt.length() + " characters; allowed: at most " + MAX_PROMPT_CHARS);
        Objects.requireNonNull(format, "format");
        if (seed < 0 || seed > Integer.MAX_VALUE)
            throw new IllegalArgumentException("seed " + seed + " is out of range; allowed: 0 to " + Integer.MAX_VALUE);
        if (steps != null && (steps < 1 || steps > 1000))
            throw new IllegalArgumentException("steps " + steps + " is out of range; allowed: 1 to 1000");
        if (guidance != null && !(guidance >= 0 && guidance <= 30))
            throw new IllegalArgumentException("guidance " + guidance + " is out of range; allowed: 0 to 30");
        references = references == null ? List.of() : List.copyOf(references);
        if (references.size() > MAX_REFERENCES)
            throw new IllegalArgumentException(references.size() + " reference images; allowed: at most " + MAX_REFERENCES);
    }

    /** A text-to-video request with the generator's defaults. */
    public static GenerationRequest text(String prompt, long seed, VideoFormat format) {
        return new GenerationRequest(prompt, null, seed, format, true, null, null, null, null, List.of());
    }

    public boolean imageToVideo() { return firstFrame != null; }
}
