package ai.gallop.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Battles drawn from known ratings: uniformly random pairs, the winner drawn from the Bradley-Terry probability. */
final class SimulatedArena {
    private SimulatedArena() {}

    static final double[] FIVE_RATINGS = {800, 900, 1000, 1100, 1200};

    static String name(double rating) { return String.format(Locale.ROOT, "m%04.0f", rating); }

    static List<Battle> battles(Pool pool, double[] ratings, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Battle> battles = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int a = random.nextInt(ratings.length);
            int b = random.nextInt(ratings.length - 1);
            if (b >= a) b++;
            boolean aWins = random.nextDouble() < BradleyTerry.winProbability(ratings[a], ratings[b]);
            battles.add(new Battle(pool, name(ratings[a]), name(ratings[b]), "prompt " + k % 17, aWins ? Outcome.A : Outcome.B));
        }
        return battles;
    }
}
