package ai.gallop.train;

/**
 * One line of metrics.jsonl.
 *
 * @param step           steps done after this one (1-based)
 * @param loss           total weighted loss (video + audio weight x audio)
 * @param videoLoss      capped velocity loss of the video tokens
 * @param audioLoss      capped velocity loss of the audio tokens
 * @param learningRate   learning rate used by this step
 * @param gradNorm       global gradient norm before clipping
 * @param clipsPerSecond clips per wall second of this step (rendering overlaps it)
 * @param seconds        wall seconds of this step
 * @param elapsedSeconds training wall time so far, across resumes
 * @param semanticLoss   the semantic head's cross-entropy ({@link SemanticTargets#loss}; not part of {@code loss}), 0 for
 *                       a run without {@code --semantic-weight}
 */
public record StepMetrics(int step, double loss, double videoLoss, double audioLoss, double learningRate, double gradNorm,
                          double clipsPerSecond, double seconds, double elapsedSeconds, double semanticLoss) {
    /** A step without the semantic head's term. */
    public StepMetrics(int step, double loss, double videoLoss, double audioLoss, double learningRate, double gradNorm,
                       double clipsPerSecond, double seconds, double elapsedSeconds) {
        this(step, loss, videoLoss, audioLoss, learningRate, gradNorm, clipsPerSecond, seconds, elapsedSeconds, 0);
    }
}
