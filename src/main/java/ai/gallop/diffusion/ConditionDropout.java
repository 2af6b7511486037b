package ai.gallop.diffusion;

import java.util.random.RandomGenerator;

/**
 * What each training clip is conditioned on, so one model serves text-to-video, image-to-video, extension and
 * reference-to-video and learns the unconditional predictions classifier-free guidance needs. A clip is an
 * image-to-video example with probability {@code imageRate} (token frame 0 clean, t = 0) or an extension example with
 * {@code extendRate} (its first token frames clean); either condition is then dropped again with {@code imageDrop}.
 * The caption is replaced by the empty caption with {@code textDrop}, independently, as the unconditional pass at
 * sampling time uses the empty caption. With {@code referenceRate} a whole step's clips are also shown their
 * reference images, as clean image tokens, and on such a step a caption is dropped with {@code referenceTextDrop}
 * instead, so that a high one leaves the reference the only word on the subject (0 where a record predates it).
 * With {@code editRate} a step that shows no references is an edit step instead: each clip is made from its
 * recoloured twin, shown as a clean source clip, and its caption is the instruction that turns the twin into it
 * (dropped with {@code textDrop}, so the unconditional pass learns to copy the source); edit steps have no clean
 * video tokens (0 where a record predates it).
 */
public record ConditionDropout(double textDrop, double imageDrop, double imageRate, double extendRate, double referenceRate,
                               double referenceTextDrop, double editRate) {
    public ConditionDropout {
        check("textDrop", textDrop);
        check("imageDrop", imageDrop);
        check("imageRate", imageRate);
        check("extendRate", extendRate);
        check("referenceRate", referenceRate);
        check("referenceTextDrop", referenceTextDrop);
        check("editRate", editRate);
        if (imageRate + extendRate > 1)
            throw new IllegalArgumentException("imageRate + extendRate = " + (imageRate + extendRate) + "; allowed: at most 1");
    }

    public static ConditionDropout standard() { return new ConditionDropout(0.1, 0.1, 0.25, 0.1, 0, 0.1, 0); }

    private static void check(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + " " + p + " is out of range; allowed: 0 to 1");
    }

    /**
     * Whether a step's clips are shown their reference images: one draw per step, since every clip of a batch has the
     * same token layout. With no rate there is no draw, so a run without references draws what it always drew.
     */
    public boolean drawReferences(RandomGenerator rng) { return referenceRate > 0 && rng.nextDouble() < referenceRate; }

    /**
     * Whether a step that shows no references is an edit step: one draw per step, as for references; with no rate
     * there is no draw.
     */
    public boolean drawEdit(RandomGenerator rng) { return editRate > 0 && rng.nextDouble() < editRate; }

    /** The plan of one clip: whether its caption is kept, and how many leading token frames are clean. */
    public record Plan(boolean keepText, int cleanTokenFrames) {}

    /**
     * Draws one clip's plan; {@code tokenFrames} is the clip's token frame count (at least 1), {@code references}
     * whether its step shows reference images.
     */
    public Plan draw(RandomGenerator rng, int tokenFrames, boolean references) {
        double u = rng.nextDouble();
        int clean = 0;
        if (u < imageRate) clean = 1;
        else if (u < imageRate + extendRate && tokenFrames > 2) clean = 1 + rng.nextInt(Math.max(1, tokenFrames / 2));
        boolean dropImage = rng.nextDouble() < imageDrop;
        boolean keepText = rng.nextDouble() >= (references ? referenceTextDrop : textDrop);
        return new Plan(keepText, dropImage ? 0 : Math.min(clean, tokenFrames - 1));
    }
}
