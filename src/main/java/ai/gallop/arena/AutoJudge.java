package ai.gallop.arena;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Votes like an arena voter, but from an automatic score (higher is better, e.g. prompt adherence
 * from the evaluator): the clip with the higher score wins unless the two scores are within
 * {@code margin}, which counts as a tie. The margin keeps the judge from pretending to tell apart
 * clips that its own score cannot. It knows nothing about how scores are made, so any evaluator can
 * be plugged in as a {@link ToDoubleFunction}.
 *
 * @param <T> what is scored: a clip, a file, a generated sample
 */
public final class AutoJudge<T> {
    private final String name;
    private final double margin;
    private final ToDoubleFunction<T> scorer;

    /** @param name recorded as the judge of every battle it votes in, e.g. "auto:adherence" */
    public AutoJudge(String name, double margin, ToDoubleFunction<T> scorer) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("auto judge needs a name; allowed: non-blank text such as auto:adherence");
        this.name = name;
        this.margin = checkMargin(margin);
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /** A if A's score beats B's by more than the margin, B if the other way round, else TIE. */
    public static Outcome vote(double scoreA, double scoreB, double margin) {
        checkMargin(margin);
        checkScore("A", scoreA);
        checkScore("B", scoreB);
        if (scoreA - scoreB > margin) return Outcome.A;
        if (scoreB - scoreA > margin) return Outcome.B;
        return Outcome.TIE;
    }

    public Outcome vote(T clipA, T clipB) {
        return vote(scorer.applyAsDouble(clipA), scorer.applyAsDouble(clipB), margin);
    }

    /** Scores both clips and records the vote as a battle judged by this judge. */
    public Battle battle(Pool pool, String prompt, String modelA, T clipA, String modelB, T clipB) {
        return new Battle(pool, modelA, modelB, prompt, vote(clipA, clipB), name, null);
    }

    public String name() { return name; }

    public double margin() { return margin; }

    private static double checkMargin(double margin) {
        if (!(margin >= 0 && margin < Double.POSITIVE_INFINITY))
            throw new IllegalArgumentException("margin " + margin + " is out of range; allowed: a finite number of at least 0");
        return margin;
    }

    private static void checkScore(String clip, double score) {
        if (!Double.isFinite(score))
            throw new IllegalArgumentException("score of clip " + clip + " is " + score + "; allowed: a finite number");
    }
}
