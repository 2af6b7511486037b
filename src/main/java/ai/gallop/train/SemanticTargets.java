package ai.gallop.train;

import ai.gallop.model.ModelConfig;
import ai.gallop.model.VideoTokeniser;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Subject;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * What each video token of a world clip shows, from the clip's label maps: four groups of shares of the token's
 * pixels (over the frames it covers), one per subject kind, colour, action and direction, each with a background
 * share first. The semantic head ({@link ModelConfig#semanticLabels}) is asked for them from the noisy clip, so the
 * middle of the stack has to hold which subject is where and what it is doing, which the x0 loss pays for only
 * through a few percent of a frame's pixels (REPA's alignment, with the world's exact truth in place of a
 * pretrained encoder's features).
 */
public final class SemanticTargets {
    /** Labels per group, background included: kind, colour, action, direction. */
    static final int[] GROUPS = {Subject.values().length + 1, Colour.values().length + 1, Action.values().length + 1, Direction.values().length + 1};

    /** The semantic head's outputs a model needs for these targets. */
    public static final int LABELS = Arrays.stream(GROUPS).sum();

    private SemanticTargets() {}

    /** The clip's targets [Lv, LABELS]: within each group the shares of a token's pixels add up to 1. */
    static Tensor of(TrainingClip clip, ModelConfig config) {
        if (clip.subjects().isEmpty())
            throw new IllegalArgumentException("a clip without label maps and subjects (footage) has no semantic targets; allowed: world clips");
        VideoTokeniser tokens = config.videoTokeniser();
        int w = clip.frames().getFirst().width(), h = clip.frames().getFirst().height(), side = config.pixelsPerPatch();
        int tokenFrames = tokens.tokenFrames(clip.frames().size()), columns = w / side, perFrame = tokens.tokensPerFrame(w, h);
        int[] groupStart = new int[GROUPS.length];
        for (int g = 1; g < GROUPS.length; g++) groupStart[g] = groupStart[g - 1] + GROUPS[g - 1];
        float[] out = new float[tokenFrames * perFrame * LABELS];
        for (int j = 0; j < tokenFrames; j++) {
            int first = tokens.firstFrameOf(j), frames = j == 0 ? 1 : config.patchFrames();
            float share = 1f / (frames * side * side);
            for (int f = first; f < first + frames; f++) {
                byte[] label = clip.labels().get(f);
                List<SubjectSpec> subjects = clip.subjects().get(f);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        int base = (j * perFrame + (y / side) * columns + x / side) * LABELS, l = label[y * w + x] & 0xFF;
                        SubjectSpec s = l == 0 ? null : subjects.get(l - 1);
                        out[base + groupStart[0] + (s == null ? 0 : 1 + s.kind().ordinal())] += share;
                        out[base + groupStart[1] + (s == null ? 0 : 1 + s.colour().ordinal())] += share;
                        out[base + groupStart[2] + (s == null ? 0 : 1 + s.action().ordinal())] += share;
                        out[base + groupStart[3] + (s == null ? 0 : 1 + s.direction().ordinal())] += share;
                    }
            }
        }
        return Tensor.create(out, (long) tokenFrames * perFrame, LABELS);                    // [Lv, LABELS]
    }

    /**
     * Cross-entropy of the head's logits [B, Lv, LABELS] against the targets [B, Lv, LABELS], softmax within each
     * group, averaged over the groups and the tokens. (Counting tokens with a subject ten times as much as sky and
     * ground did no better in 600 steps; docs/training.md.)
     */
    static Tensor loss(Tensor logits, Tensor targets) {
        Tensor total = null;
        long start = 0;
        for (int g : GROUPS) {
            Tensor logProbabilities = logits.narrow(2, start, g).log_softmax(2);                           // [B, Lv, g]
            Tensor perToken = logProbabilities.mul(targets.narrow(2, start, g)).sum(2).neg();              // [B, Lv]
            total = total == null ? perToken : total.add(perToken);
            start += g;
        }
        return total.mean().div(new Scalar((double) GROUPS.length));
    }
}
