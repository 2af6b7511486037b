package ai.gallop.model;

import org.bytedeco.pytorch.Tensor;

/**
 * One batch for {@link AudioVideoTransformer#forward}. Every tensor has batch size B first; image and
 * audio are null when the layout has none of them. Noisy tokens carry their flow-matching time t in
 * [0, 1] (1 = pure noise); clean condition tokens (an image-to-video first frame, frames to extend)
 * sit in the video tensor as they are and carry t = 0. Text and reference images are always clean.
 *
 * @param text      [B, Lt] int64 byte ids, PAD after EOS ({@link TextTokeniser#batch})
 * @param image     [B, Li, imagePatchDim] reference image patches, or null
 * @param video     [B, Lv, videoPatchDim] noisy (or clean condition) video tokens
 * @param videoTime [B, Lv] per-token t
 * @param audio     [B, La, audioPatchDim] noisy audio tokens, or null for a silent clip
 * @param audioTime [B, La] per-token t, or null
 * @param source    the clean clip an edit starts from (picture [B, Lv, videoPatchDim], sound [B, La, audioPatchDim]), or
 *                  null when not editing
 */
public record ModelInput(TokenLayout layout, Tensor text, Tensor image, Tensor video, Tensor videoTime, Tensor audio,
                         Tensor audioTime, EditSource source) {
    /** An input without an edit's source clip. */
    public ModelInput(TokenLayout layout, Tensor text, Tensor image, Tensor video, Tensor videoTime, Tensor audio, Tensor audioTime) {
        this(layout, text, image, video, videoTime, audio, audioTime, null);
    }

    public long batch() { return video.size(0); }
}
