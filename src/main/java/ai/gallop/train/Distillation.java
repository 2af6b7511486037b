package ai.gallop.train;

import ai.gallop.diffusion.Guidance;
import ai.gallop.diffusion.StepDistillation;

/**
 * A run that distils a trained model into a few-step one ({@link StepDistillation}): the student starts from the
 * teacher's weights and learns, at each of its {@code steps} times, to land where the teacher's two guided steps
 * land.
 *
 * @param teacher  the teacher's model folder (config.json, model.safetensors), absolute as --data is, so a resumed run
 *                 finds it from any working folder
 * @param steps    the student's steps (the teacher takes twice as many)
 * @param shift    the timestep shift of both grids
 * @param guidance the teacher's guidance for picture and sound, folded into the student
 * @param guidanceSmoothing how much of the teacher's guidance push is averaged over neighbouring frames
 *                 ({@link Guidance#frameSmoothing}); 0 in runs from before it
 * @param ownShare  the share of clips the student meets in the state its own earlier steps bring their noise to,
 *                  instead of the noised clip ({@link StepDistillation#ownStates}); 0 in runs from before it
 * @param audioGuidance the teacher's guidance for sound, or null for the picture's (as in runs from before it)
 */
public record Distillation(String teacher, int steps, double shift, double guidance, double guidanceSmoothing, double ownShare,
                           Double audioGuidance) {
    public Distillation {
        if (teacher == null || teacher.isBlank()) throw new IllegalArgumentException("distillation needs a teacher; allowed: --distill-from DIR (a model folder)");
        rule(steps, shift, guidance, audioGuidance, guidanceSmoothing);  // one-line errors for steps, shift, guidance and smoothing
        if (!(ownShare >= 0 && ownShare <= 1))
            throw new IllegalArgumentException("--distill-own-share " + ownShare + " is out of range; allowed: 0 (off) to 1");
    }

    /** A teacher that guides picture and sound alike. */
    public Distillation(String teacher, int steps, double shift, double guidance, double guidanceSmoothing, double ownShare) {
        this(teacher, steps, shift, guidance, guidanceSmoothing, ownShare, null);
    }

    /** A teacher with plain guidance, the student taught on noised clips only. */
    public Distillation(String teacher, int steps, double shift, double guidance) { this(teacher, steps, shift, guidance, 0, 0); }

    /** The sampling rule the student learns. */
    public StepDistillation rule() { return rule(steps, shift, guidance, audioGuidance, guidanceSmoothing); }

    private static StepDistillation rule(int steps, double shift, double guidance, Double audioGuidance, double smoothing) {
        return new StepDistillation(steps, shift, new Guidance(guidance, audioGuidance != null ? audioGuidance : guidance, smoothing));
    }
}
