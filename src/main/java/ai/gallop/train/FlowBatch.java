package ai.gallop.train;

import ai.gallop.diffusion.CameraPlaces;
import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.FlowMatching;
import ai.gallop.diffusion.FrameNoise;
import ai.gallop.diffusion.StepDistillation;
import ai.gallop.diffusion.TimeRange;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.AudioTokeniser;
import ai.gallop.model.EditSource;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.TokenLayout;
import ai.gallop.model.VideoTokeniser;
import ai.gallop.world.VideoFormat;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.ones_like;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.bytedeco.pytorch.global.torch.stack;

/**
 * One step's clips as flow-matching tensors: clean tokens, per-token times, noise and the noisy model input.
 * Every random choice (t per clip, condition plan, noise) comes from the step seed, so the same clips and seed
 * always give the same batch.
 *
 * @param input      the model input (noisy video and audio, clean condition tokens at t = 0; on a step that shows
 *                   references, each clip's reference image as clean image tokens; on an edit step, each clip's
 *                   recoloured twin as its clean source clip and the instruction that turns the twin into it as caption)
 * @param cleanVideo x0 video [B, Lv, pv]
 * @param cleanAudio x0 audio [B, La, pa]
 * @param pixelWeight loss weight of every video value [B, Lv, pv]: 1 + subjectWeight (1 - t) where the clip's
 *                    label maps show a subject (for latents: a cell with any subject pixel), else 1
 * @param nullText    empty captions [B, Lt] padded as the input's, for a teacher's unconditional passes; null unless
 *                    distilling
 * @param distilledSteps each clip's student step when distilling (its t is that step's time), else null
 * @param twinVideo   x0 video of each clip's recoloured twin [B, Lv, pv], or null unless the recipe recolours or the step edits
 * @param reversedVideo x0 video of each clip played backwards [B, Lv, pv], or null unless the recipe asks for it
 * @param semanticTargets what each video token shows [B, Lv, S] ({@link SemanticTargets}), or null unless the recipe
 *                    asks for them
 */
record FlowBatch(ModelInput input, Tensor cleanVideo, Tensor cleanAudio, Tensor pixelWeight, Tensor nullText, int[] distilledSteps, Tensor twinVideo,
                 Tensor reversedVideo, Tensor semanticTargets) {

    /**
     * What turns clips into a batch; with {@code distillation} (else null) each clip's t is one of the student's
     * grid times instead of a draw from {@code timesteps}; with {@code reversed} each clip's frames are also encoded
     * backwards; with {@code recolour} each clip's recoloured twin is encoded on every step (the loss compares with it),
     * else only on edit steps, whose source it is; with {@code semantic} what each video token shows, for the semantic
     * head's loss (world clips only); with {@code pairs} (else null) the clips come in recoloured pairs
     * ({@link ClipSource#render}), each pair gets one time, one condition plan and one noise, and at times in
     * {@code pairs} one input as well.
     */
    record Recipe(ModelConfig config, VideoTokeniser videoTokens, VideoFormat format, TimestepSampler timesteps, ConditionDropout conditions,
                  double subjectWeight, StepDistillation distillation, boolean reversed, boolean recolour, boolean semantic, TimeRange pairs) {}

    /**
     * Each clip's noisy input, except that at times in {@code shared} both clips of a pair get the noised mean of the
     * two (their noise is already one). Each is still scored against its own clip, so there the input cannot tell
     * them apart and only the caption can: left to its own input, the pair's difference term was met by magnifying
     * what of the other clip the input still held (docs/training.md, "Where the pairs' count came from").
     */
    private static Tensor pairInput(TimeRange shared, Tensor x0, Tensor noise, Tensor t) {
        long b = x0.size(0);
        long[] partner = new long[(int) b];
        for (int i = 0; i < b; i++) partner[i] = i ^ 1;
        Tensor mean = x0.add(x0.index_select(0, Tensor.create(partner))).mul(new Scalar(0.5));  // [B, L, P]
        Tensor inRange = shared.mask(t).unsqueeze(2);                                              // [B, L, 1] 1 inside
        Tensor own = FlowMatching.noisy(x0, noise, t);                                             // [B, L, P]
        return own.add(FlowMatching.noisy(mean, noise, t).sub(own).mul(inRange));                 // [B, L, P]
    }

    /** The index of the time (not the last, 0) nearest to t. */
    private static int nearest(double[] grid, double t) {
        int best = 0;
        for (int i = 1; i < grid.length - 1; i++) if (Math.abs(grid[i] - t) < Math.abs(grid[best] - t)) best = i;
        return best;
    }

    /**
     * Builds the batch; {@code times}, when given, fixes each clip's t (for evaluation; the nearest student time when
     * distilling) and disables the condition mix and dropout, references included.
     */
    static FlowBatch of(Recipe recipe, List<TrainingClip> clips, long seed, double[] times) {
        return of(recipe, clips, seed, times, null);
    }

    /**
     * The clips' video tokens as {@link #of(Recipe, List, long, double[], float[][])} takes them, encoded where this is
     * called (the clip renderer's thread, ahead of the step), or null when the step encodes them itself (frames also
     * encoded backwards: one autoencoder pass makes both).
     */
    static float[][] encodeAhead(Recipe recipe, List<TrainingClip> clips) {
        if (recipe.reversed()) return null;
        float[][] video = new float[clips.size()][];
        for (int i = 0; i < video.length; i++) video[i] = recipe.videoTokens().encodeValues(clips.get(i).frames());
        return video;
    }

    /** As {@link #of(Recipe, List, long, double[])}, with the clips' video tokens from {@link #encodeAhead} when not null. */
    static FlowBatch of(Recipe recipe, List<TrainingClip> clips, long seed, double[] times, float[][] encoded) {
        ModelConfig config = recipe.config();
        VideoFormat format = recipe.format();
        VideoTokeniser videoTokens = recipe.videoTokens();
        AudioTokeniser audioTokens = config.audioTokeniser();
        int b = clips.size(), perFrame = videoTokens.tokensPerFrame(format.width(), format.height());
        int tokenFrames = videoTokens.tokenFrames(format.frames());
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> captions = new ArrayList<>(b);
        boolean twins = !clips.getFirst().twin().isEmpty();
        Tensor[] video = new Tensor[b], audio = new Tensor[b], mask = new Tensor[b], twin = new Tensor[b], reversed = new Tensor[b];
        boolean weighted = recipe.subjectWeight() > 0;
        float[] clipTimes = new float[b];
        int[] cleanTokens = new int[b];
        StepDistillation distillation = recipe.distillation();
        double[] studentTimes = distillation == null ? null : distillation.student().schedule();
        int[] distilledSteps = distillation == null ? null : new int[b];
        boolean references = times == null && recipe.conditions().drawReferences(rng);
        if (references && clips.getFirst().references().isEmpty())
            throw new IllegalStateException("a step that shows references got clips without reference images (footage has none)");
        boolean edit = times == null && !references && recipe.conditions().drawEdit(rng);
        if (edit && !twins) throw new IllegalStateException("an edit step got clips without recoloured twins (footage has none)");
        boolean encodeTwins = twins && (edit || recipe.recolour());  // an encoder pass per clip, wasted on a step that uses no twin
        Tensor[] image = new Tensor[b];
        boolean semantic = recipe.semantic();
        Tensor[] shows = new Tensor[b];
        // a recoloured pair shares its time, conditions and noise, so the difference of its two targets is the colour alone
        boolean pairs = recipe.pairs() != null && times == null;
        double t = 0;
        ConditionDropout.Plan plan = null;
        for (int i = 0; i < b; i++) {
            TrainingClip clip = clips.get(i);
            if (pairs && i % 2 == 1) {
                if (distillation != null) distilledSteps[i] = distilledSteps[i - 1];
            } else {
                if (distillation != null) t = studentTimes[distilledSteps[i] = times != null ? nearest(studentTimes, times[i]) : distillation.drawStep(rng)];
                else t = times != null ? times[i] : recipe.timesteps().sample(rng);
                plan = times != null ? new ConditionDropout.Plan(true, 0) : recipe.conditions().draw(rng, tokenFrames, references);
            }
            captions.add(plan.keepText() ? edit ? clip.twinInstruction() : clip.caption() : "");
            cleanTokens[i] = edit ? 0 : plan.cleanTokenFrames() * perFrame;
            clipTimes[i] = (float) t;
            if (recipe.reversed()) {
                Tensor[] both = videoTokens.encodeBothWays(clip.frames());                     // one autoencoder pass
                video[i] = both[0];                                                           // [Lv, pv]
                reversed[i] = both[1];                                                        // [Lv, pv]
            } else video[i] = encoded != null ? videoTokens.fromValues(encoded[i]) : videoTokens.encode(clip.frames());  // [Lv, pv]
            audio[i] = audioTokens.encode(clip.sound());                                      // [La, pa]
            if (weighted) mask[i] = videoTokens.encodeMask(clip.subjectMask());               // [Lv, pv] -1 or 1
            if (encodeTwins) twin[i] = videoTokens.encode(clip.twin());                        // [Lv, pv]
            if (references) image[i] = videoTokens.encodeImage(clip.references().getFirst());  // [Li, pi]
            if (semantic) shows[i] = SemanticTargets.of(clip, config);                          // [Lv, S]
        }
        Tensor referenceImages = references ? stack(new TensorVector(image), 0) : null;       // [B, Li, pi]
        Tensor twinVideo = encodeTwins ? stack(new TensorVector(twin), 0) : null;             // [B, Lv, pv]
        Tensor reversedVideo = recipe.reversed() ? stack(new TensorVector(reversed), 0) : null;  // [B, Lv, pv]
        Tensor semanticTargets = semantic ? stack(new TensorVector(shows), 0) : null;          // [B, Lv, S]
        Tensor x0Video = stack(new TensorVector(video), 0);                                   // [B, Lv, pv]
        Tensor x0Audio = stack(new TensorVector(audio), 0);                                   // [B, La, pa]
        long lv = x0Video.size(1), la = x0Audio.size(1);
        float[] vt = new float[(int) (b * lv)], at = new float[(int) (b * la)];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < lv; j++) vt[(int) (i * lv + j)] = j < cleanTokens[i] ? 0f : clipTimes[i];
            for (int j = 0; j < la; j++) at[(int) (i * la + j)] = clipTimes[i];
        }
        Tensor videoTime = Tensor.create(vt, b, lv), audioTime = Tensor.create(at, b, la);    // [B, Lv], [B, La]
        GeneratorOptional noise = new GeneratorOptional(createCPUGenerator(seed ^ 0x5DEECE66DL));
        Tensor videoNoise = randn(x0Video.shape(), noise), audioNoise = randn(x0Audio.shape(), noise);
        videoNoise = FrameNoise.forModel(videoNoise, config, clips.stream().map(TrainingClip::camera).toList(), format.width(), format.height(),
                format.frames(), noise);                                                           // [B, Lv, pv]
        Tensor noisyVideo, noisyAudio;
        if (pairs) {
            long[] firstOfPair = new long[b];
            for (int i = 0; i < b; i++) firstOfPair[i] = i - i % 2;
            videoNoise = videoNoise.index_select(0, Tensor.create(firstOfPair));                   // [B, Lv, pv]
            audioNoise = audioNoise.index_select(0, Tensor.create(firstOfPair));                   // [B, La, pa]
            noisyVideo = pairInput(recipe.pairs(), x0Video, videoNoise, videoTime);               // [B, Lv, pv]
            noisyAudio = pairInput(recipe.pairs(), x0Audio, audioNoise, audioTime);               // [B, La, pa]
        } else {
            noisyVideo = FlowMatching.noisy(x0Video, videoNoise, videoTime);                      // [B, Lv, pv]
            noisyAudio = FlowMatching.noisy(x0Audio, audioNoise, audioTime);                      // [B, La, pa]
        }
        Tensor text, nullText = null;
        if (distillation == null) text = config.textTokeniser().batch(captions);               // [B, Lt]
        else {
            List<String> both = new ArrayList<>(captions);
            both.addAll(Collections.nCopies(b, ""));
            Tensor padded = config.textTokeniser().batch(both);                               // [2B, Lt]: a caption is never shorter than ""
            text = padded.narrow(0, 0, b);
            nullText = padded.narrow(0, b, b);
        }
        TokenLayout layout = TokenLayout.of(config, (int) text.size(1), references ? 1 : 0, format.width(), format.height(), format.frames(),
                format.fps(), (int) la);
        layout = CameraPlaces.apply(config, edit ? layout.withEditSource() : layout, clips.stream().map(TrainingClip::camera).toList());
        ModelInput input = new ModelInput(layout, text, referenceImages, noisyVideo, videoTime, noisyAudio, audioTime,
                edit ? new EditSource(twinVideo, x0Audio) : null);  // a recolour keeps the sound: the twin sounds as the clip
        // Subjects cover a few percent of a world frame, so unweighted they hardly count next to the sky and ground.
        // The extra weight fades to 0 at t = 1: a weight that depends on x0 pulls the optimal prediction from
        // E[x0 | x_t] toward subject colours wherever x_t cannot yet show where the subject is (a constant weight
        // painted subject colours over whole frames, docs/training.md).
        if (!weighted) return new FlowBatch(input, x0Video, x0Audio, ones_like(x0Video), nullText, distilledSteps, twinVideo, reversedVideo, semanticTargets);
        float[] extra = new float[b];
        for (int i = 0; i < b; i++) extra[i] = (float) (recipe.subjectWeight() * (1 - clipTimes[i]) / 2);
        Tensor perClip = Tensor.create(extra, b, 1, 1);                                          // [B, 1, 1]
        Tensor pixelWeight = stack(new TensorVector(mask), 0).add(new Scalar(1.0)).mul(perClip).add(new Scalar(1.0));  // [B, Lv, pv]
        return new FlowBatch(input, x0Video, x0Audio, pixelWeight, nullText, distilledSteps, twinVideo, reversedVideo, semanticTargets);
    }
}
