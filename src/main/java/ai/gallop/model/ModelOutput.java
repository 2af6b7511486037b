package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;

/**
 * The model's prediction of the clean signal (x0) for every video and audio token; a sampler or
 * loss turns it into a velocity as it needs.
 *
 * @param video [B, Lv, videoPatchDim]
 * @param audio [B, La, audioPatchDim], or null when the input had no audio
 */
public record ModelOutput(Tensor video, Tensor audio) {}
