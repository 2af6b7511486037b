package ai.gallop.train;

/** Linear warm-up to the peak, then cosine decay to {@code minFraction} of it at the last step. */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double minFraction) {
    public static LearningRateSchedule of(TrainOptions o) {
        return new LearningRateSchedule(o.learningRate(), o.warmupSteps(), o.steps(), o.minLearningRate());
    }

    /** The learning rate of step (0-based). */
    public double at(int step) {
        if (step < warmupSteps) return peak * (step + 1) / (warmupSteps + 1);
        int decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1, (step - warmupSteps) / (double) decay);
        double min = peak * minFraction;
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
