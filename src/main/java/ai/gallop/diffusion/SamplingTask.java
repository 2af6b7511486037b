package ai.gallop.diffusion;

import ai.gallop.model.EditSource;
import ai.gallop.model.Modality;
import ai.gallop.model.TokenLayout;
import ai.gallop.world.CameraView;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * What to generate: B clips of one layout, their captions, the empty captions for the unconditional pass, and
 * optionally reference images, an edit's source clip and clean leading video tokens (an image-to-video first frame, frames to extend) that
 * stay as given with t = 0 throughout. Reference images condition both passes: guidance pushes along the caption only.
 *
 * @param layout            the token layout (text length = the captions' padded length)
 * @param text              captions [B, Lt] int64
 * @param nullText          empty captions [B, Lt] for the unconditional pass (same padded length), or null without guidance
 * @param referenceImages   reference image tokens [B, Li, pi] as the layout counts them, or null for none
 * @param source            an edit's source clip (video tokens [B, Lv, pv] as the layout counts them, sound [B, La, pa]),
 *                          or null when not editing; like references it conditions both passes, so guidance pushes
 *                          along the instruction
 * @param videoCondition    clean video tokens [B, Lv, pv] whose first {@code cleanVideoTokens} are kept, or null
 * @param cleanVideoTokens  how many leading video tokens are conditions (0 for text-to-video)
 * @param seed              seed of the starting noise
 * @param camera            where the camera looks in each frame, for a model whose shared noise follows it
 *                          ({@link ai.gallop.model.ModelConfig#cameraNoise}); empty: a still camera
 */
public record SamplingTask(TokenLayout layout, Tensor text, Tensor nullText, Tensor referenceImages, EditSource source, Tensor videoCondition,
                           int cleanVideoTokens, long seed, List<CameraView> camera) {
    public SamplingTask {
        camera = List.copyOf(camera);
        if (!camera.isEmpty() && camera.size() != layout.frames())
            throw new IllegalArgumentException(camera.size() + " camera views for " + layout.frames() + " frames; allowed: one per frame or none");
        if ((referenceImages == null ? 0 : referenceImages.size(1)) != layout.count(Modality.IMAGE))
            throw new IllegalArgumentException("reference image tokens " + (referenceImages == null ? 0 : referenceImages.size(1))
                    + " do not match the layout's " + layout.count(Modality.IMAGE));
        if ((source == null ? 0 : source.video().size(1)) != layout.count(Modality.SOURCE))
            throw new IllegalArgumentException("edit source tokens " + (source == null ? 0 : source.video().size(1))
                    + " do not match the layout's " + layout.count(Modality.SOURCE));
        int lv = layout.count(Modality.VIDEO);
        if (cleanVideoTokens < 0 || cleanVideoTokens >= lv)
            throw new IllegalArgumentException("clean video tokens " + cleanVideoTokens + " is out of range; allowed: 0 to " + (lv - 1));
        if (cleanVideoTokens > 0 && videoCondition == null)
            throw new IllegalArgumentException("clean video tokens requested without condition tokens; allowed: a [B, Lv, pv] tensor");
        if (nullText != null && !java.util.Arrays.equals(nullText.shape(), text.shape()))
            throw new IllegalArgumentException("empty captions have shape " + java.util.Arrays.toString(nullText.shape())
                    + "; expected the captions' shape " + java.util.Arrays.toString(text.shape()));
    }

    public long batch() { return text.size(0); }
}
