package ai.gallop.eval;

import ai.gallop.eval.Expectation.Actor;

import java.util.Arrays;
import java.util.List;

/**
 * Pairs the subjects a prompt asked for with the tracked subjects of a shot: the one-to-one
 * assignment with the most agreeing attributes (kind and colour count 2 each, action 1), found by
 * trying every assignment, which is cheap for at most three actors. Ties go to the larger, longer
 * tracks (listed first), so the result never depends on iteration order.
 */
final class SubjectMatcher {
    /** Only the most prominent tracks take part; more are texture noise or debris. */
    static final int MAX_CANDIDATES = 8;

    private SubjectMatcher() {}

    /** matched[i] is the track paired with actor i, or null when none is left for it. */
    static SubjectTrack[] match(List<Actor> actors, List<SubjectTrack> tracks) {
        List<SubjectTrack> candidates = tracks.subList(0, Math.min(MAX_CANDIDATES, tracks.size()));
        int[] best = new int[actors.size()];
        Arrays.fill(best, -1);
        double[] bestScore = {-1};
        search(actors, candidates, 0, new int[actors.size()], new boolean[candidates.size()], 0, best, bestScore);
        SubjectTrack[] out = new SubjectTrack[actors.size()];
        for (int i = 0; i < out.length; i++) out[i] = best[i] < 0 ? null : candidates.get(best[i]);
        return out;
    }

    private static void search(List<Actor> actors, List<SubjectTrack> tracks, int i, int[] current, boolean[] used,
                               double score, int[] best, double[] bestScore) {
        if (i == actors.size()) {
            // prefer earlier (more prominent) tracks on ties by penalising indices very slightly
            double penalty = 0;
            for (int c : current) penalty += c < 0 ? 0.001 * MAX_CANDIDATES : 0.001 * c;
            if (score - penalty > bestScore[0]) {
                bestScore[0] = score - penalty;
                System.arraycopy(current, 0, best, 0, current.length);
            }
            return;
        }
        for (int k = 0; k < tracks.size(); k++) {
            if (used[k]) continue;
            used[k] = true;
            current[i] = k;
            search(actors, tracks, i + 1, current, used, score + agreement(actors.get(i), tracks.get(k)), best, bestScore);
            used[k] = false;
        }
        current[i] = -1;
        search(actors, tracks, i + 1, current, used, score, best, bestScore);
    }

    private static double agreement(Actor a, SubjectTrack t) {
        double s = 0.01; // any track beats none
        if (a.kind() != null && a.kind() == t.kind()) s += 2;
        if (a.colour() != null && a.colour() == t.colour()) s += 2;
        if (a.action() != null && a.action() == t.action()) s += 1;
        return s;
    }
}
