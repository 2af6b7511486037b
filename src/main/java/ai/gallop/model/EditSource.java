package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;

/**
 * The clip an edit starts from, clean: its picture as video tokens and its sound as audio tokens, each shaped as the
 * tokens it becomes. The picture joins the sequence as {@link Modality#SOURCE} tokens; a model with
 * {@link ModelConfig#sourceSkip} also adds picture and sound to the input of the very token each becomes.
 *
 * @param video [B, Lv, videoPatchDim]
 * @param audio [B, La, audioPatchDim] (a silent clip's as silence), or null when the layout has no audio tokens
 */
public record EditSource(Tensor video, Tensor audio) {
    public EditSource {
        if (video == null) throw new IllegalArgumentException("an edit source without video tokens; allowed: a [B, Lv, pv] tensor");
    }
}
