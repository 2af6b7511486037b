package ai.gallop.serve;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;

import java.util.List;

/**
 * A generation request as the queue stores it (JSON in the task row), validated once at submission, whichever API
 * it came through. The first frame and the reference images themselves are PNGs in the task's folder;
 * {@code firstFrame} says whether there is one, {@code references} how many reference images there are (0 in tasks
 * stored before they existed). {@code guidanceSmoothing} and {@code sampler} are null in tasks stored before they
 * existed, and mean the generator's default. {@code source}: the task edits a clip (an MP4 in the task's folder; the format is the clip's
 * and the prompt its instruction), false in tasks stored before edits existed; {@code remixedFrom} the id of the video an
 * OpenAI remix edits, else null. {@code cameraControl}: "reframe" or "model" ({@link GenerationRequest#cameraControl}), null
 * for the generator's default (and in tasks stored before it existed).
 */
public record TaskInput(String prompt, String negativePrompt, long seed, int width, int height, int fps, int frames,
                        boolean sound, Integer steps, Double guidance, Double guidanceSmoothing, String sampler, boolean firstFrame, int references,
                        boolean source, String remixedFrom, String cameraControl) {
    public TaskInput {
        if (remixedFrom != null && !source) throw new IllegalArgumentException("a remix edits the video it comes from; allowed: a remix with its source");
        if (references < 0 || references > GenerationRequest.MAX_REFERENCES)
            throw new IllegalArgumentException(references + " reference images; allowed: 0 to " + GenerationRequest.MAX_REFERENCES);
        // the same checks the generator request makes, so a stored task can always be turned into one
        new GenerationRequest(prompt, negativePrompt, seed, new VideoFormat(width, height, fps, frames), sound, steps,
                guidance, sampler, null, List.of(), null, null, null, guidanceSmoothing, null, cameraControl);
    }

    public VideoFormat format() { return new VideoFormat(width, height, fps, frames); }

    /**
     * The request with the task's files: its first frame (or null) and its reference images, scaled to the video size,
     * and the clip it edits (or null).
     */
    public GenerationRequest request(RgbFrame first, List<RgbFrame> referenceImages, Video edited) {
        return new GenerationRequest(prompt, negativePrompt, seed, format(), sound, steps, guidance, sampler, first, referenceImages, null, null, null,
                guidanceSmoothing, edited, cameraControl);
    }

    /** The nominal length in seconds, as the APIs report it. */
    public double seconds() { return format().seconds(); }

    public String size() { return width + "x" + height; }
}
