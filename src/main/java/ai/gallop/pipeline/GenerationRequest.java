package ai.gallop.pipeline;

import ai.gallop.diffusion.Guidance;
import ai.gallop.diffusion.Sampler;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.VideoFormat;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a user asks a generator for. Null {@code steps}, {@code guidance}, {@code sampler}, {@code shift} or
 * {@code audioGuidance} or {@code guidanceSmoothing} mean "the generator's default" (the audio guidance defaults to the picture's, or to none for a log-mel model,
 * the smoothing to 0);
 * {@code firstFrame} makes it image-to-video, {@code references} reference-to-video, {@code extend} a continuation of
 * that clip (then {@code format} gives the clip's size and rate, and its length is the time to add), {@code edit} an
 * edit of that clip with the prompt as the instruction (then {@code format} is the clip's own).
 *
 * @param sampler       "euler", "heun" or "ancestral", or null
 * @param shift         timestep shift at inference, above 0 and at most 100, or null
 * @param audioGuidance classifier-free guidance of the sound tokens, 0 to 30, or null for the model's default (the picture's scale, 1 for log-mel sound)
 * @param extend        a clip to continue, or null
 * @param guidanceSmoothing how much of the picture's guidance push is averaged over neighbouring frames, 0 to 1
 *                      ({@link Guidance#frameSmoothing}), or null
 * @param edit          a clip to edit as the prompt says ("make the ball blue"), or null
 * @param cameraControl how the camera move the prompt asks for is made: {@value #REFRAME} (the drawn shot filmed again
 *                      through that camera, {@code CameraReframe}), {@value #MODEL} (as the model draws it), or null for the
 *                      generator's default
 */
public record GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                                Integer steps, Double guidance, String sampler, RgbFrame firstFrame,
                                List<RgbFrame> references, Double shift, Double audioGuidance, Video extend,
                                Double guidanceSmoothing, Video edit, String cameraControl) {
    public static final int MAX_PROMPT_CHARS = 5000;
    public static final String REFRAME = "reframe", MODEL = "model";
    /** The camera controls a request takes. */
    public static final List<String> CAMERA_CONTROLS = List.of(REFRAME, MODEL);
    public static final int MAX_REFERENCES = 9;
    /** The sampler names a request takes. */
    public static final List<String> SAMPLERS = Sampler.NAMES;

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) throw new IllegalArgumentException("the prompt is empty; describe the video to generate");
        if (prompt.length() > MAX_PROMPT_CHARS)
            throw new IllegalArgumentException("the prompt has " + prompt.length() + " characters; allowed: at most " + MAX_PROMPT_CHARS);
        if (negativePrompt != null && negativePrompt.length() > MAX_PROMPT_CHARS)
            throw new IllegalArgumentException("the negative prompt has " + negativePrompt.length() + " characters; allowed: at most " + MAX_PROMPT_CHARS);
        Objects.requireNonNull(format, "format");
        if (seed < 0 || seed > Integer.MAX_VALUE)
            throw new IllegalArgumentException("seed " + seed + " is out of range; allowed: 0 to " + Integer.MAX_VALUE);
        if (steps != null && (steps < 1 || steps > Sampler.MAX_STEPS))
            throw new IllegalArgumentException("steps " + steps + " is out of range; allowed: 1 to " + Sampler.MAX_STEPS);
        if (guidance != null && !(guidance >= 0 && guidance <= Guidance.MAX))
            throw new IllegalArgumentException("guidance " + guidance + " is out of range; allowed: 0 to " + (int) Guidance.MAX);
        if (audioGuidance != null && !(audioGuidance >= 0 && audioGuidance <= Guidance.MAX))
            throw new IllegalArgumentException("audio guidance " + audioGuidance + " is out of range; allowed: 0 to " + (int) Guidance.MAX);
        if (guidanceSmoothing != null && !Guidance.validSmoothing(guidanceSmoothing))
            throw new IllegalArgumentException("guidance smoothing " + guidanceSmoothing + " is out of range; allowed: 0 (off) to 1");
        if (shift != null && !(shift > 0 && shift <= Sampler.MAX_SHIFT))
            throw new IllegalArgumentException("shift " + shift + " is out of range; allowed: above 0, at most " + (int) Sampler.MAX_SHIFT);
        if (sampler != null) {
            sampler = sampler.trim().toLowerCase(Locale.ROOT);
            if (!Sampler.NAMES.contains(sampler))
                throw new IllegalArgumentException("sampler '" + sampler + "' is not available; allowed: " + String.join(", ", Sampler.NAMES));
        }
        if (extend != null && firstFrame != null)
            throw new IllegalArgumentException("a first frame and a clip to extend exclude each other; allowed: one of them");
        cameraControl = cameraControlNamed(cameraControl);
        references = references == null ? List.of() : List.copyOf(references);
        if (edit != null && (firstFrame != null || extend != null || !references.isEmpty()))
            throw new IllegalArgumentException("a clip to edit excludes a first frame, a clip to extend and reference images; allowed: the clip and an instruction");
        if (references.size() > MAX_REFERENCES)
            throw new IllegalArgumentException(references.size() + " reference images; allowed: at most " + MAX_REFERENCES);
    }

    /**
     * A camera control as a request keeps it: trimmed and in lower case, or null for none.
     *
     * @throws IllegalArgumentException one line, for a name not in {@link #CAMERA_CONTROLS}
     */
    public static String cameraControlNamed(String name) {
        if (name == null) return null;
        String control = name.trim().toLowerCase(Locale.ROOT);
        if (!CAMERA_CONTROLS.contains(control))
            throw new IllegalArgumentException("camera control '" + control + "' is not available; allowed: " + String.join(", ", CAMERA_CONTROLS));
        return control;
    }

    /** A request with the generator's camera control. */
    public GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                             Integer steps, Double guidance, String sampler, RgbFrame firstFrame, List<RgbFrame> references,
                             Double shift, Double audioGuidance, Video extend, Double guidanceSmoothing, Video edit) {
        this(prompt, negativePrompt, seed, format, sound, steps, guidance, sampler, firstFrame, references, shift, audioGuidance, extend,
                guidanceSmoothing, edit, null);
    }

    /** A request that edits nothing. */
    public GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                             Integer steps, Double guidance, String sampler, RgbFrame firstFrame, List<RgbFrame> references,
                             Double shift, Double audioGuidance, Video extend, Double guidanceSmoothing) {
        this(prompt, negativePrompt, seed, format, sound, steps, guidance, sampler, firstFrame, references, shift, audioGuidance, extend,
                guidanceSmoothing, null);
    }

    /** A request with the generator's guidance smoothing. */
    public GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                             Integer steps, Double guidance, String sampler, RgbFrame firstFrame, List<RgbFrame> references,
                             Double shift, Double audioGuidance, Video extend) {
        this(prompt, negativePrompt, seed, format, sound, steps, guidance, sampler, firstFrame, references, shift, audioGuidance, extend, null);
    }

    /** A request that extends nothing. */
    public GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                             Integer steps, Double guidance, String sampler, RgbFrame firstFrame, List<RgbFrame> references,
                             Double shift, Double audioGuidance) {
        this(prompt, negativePrompt, seed, format, sound, steps, guidance, sampler, firstFrame, references, shift, audioGuidance, null);
    }

    /** A request with the generator's shift and sound guidance (the service's form). */
    public GenerationRequest(String prompt, String negativePrompt, long seed, VideoFormat format, boolean sound,
                             Integer steps, Double guidance, String sampler, RgbFrame firstFrame, List<RgbFrame> references) {
        this(prompt, negativePrompt, seed, format, sound, steps, guidance, sampler, firstFrame, references, null, null, null);
    }

    /** A text-to-video request with the generator's defaults. */
    public static GenerationRequest text(String prompt, long seed, VideoFormat format) {
        return new GenerationRequest(prompt, null, seed, format, true, null, null, null, null, List.of());
    }

    public boolean imageToVideo() { return firstFrame != null; }

    public boolean extension() { return extend != null; }

    public boolean editing() { return edit != null; }
}
