package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;

/**
 * The model's prediction of the clean signal (x0) for every video and audio token; a sampler or
 * loss turns it into a velocity as it needs.
 *
 * @param video [B, Lv, videoPatchDim]
 * @param audio [B, La, audioPatchDim], or null when the input had no audio
 * @param semantic [B, Lv, semanticLabels] the semantic head's logits, a training signal only; null for a model
 *              without the head ({@link ModelConfig#semanticLabels})
 */
public record ModelOutput(Tensor video, Tensor audio, Tensor semantic) {
    /** A prediction without semantic logits. */
    public ModelOutput(Tensor video, Tensor audio) {
        this(video, audio, null);
    }
}
