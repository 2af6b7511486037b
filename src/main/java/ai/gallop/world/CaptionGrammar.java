package ai.gallop.world;

import ai.gallop.world.Vocabulary.Language;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The caption grammar of one language: its lexicon (what the parser reads) and the sentences it
 * writes. Every caption names every attribute of every shot; the random source only picks among
 * paraphrases, so any caption parses back to the spec it was written from.
 */
abstract class CaptionGrammar {
    abstract Language language();

    abstract Lexicon lexicon();

    /** The sentences of one shot. */
    abstract String shot(ShotSpec shot, SplittableRandom rng);

    /** What stands between the two shots of a spec, with its own spacing. */
    abstract String cut(SplittableRandom rng);

    String caption(SceneSpec spec, SplittableRandom rng) {
        StringBuilder text = new StringBuilder(shot(spec.shots().getFirst(), rng));
        for (int s = 1; s < spec.shots().size(); s++) text.append(cut(rng)).append(shot(spec.shots().get(s), rng));
        return text.toString();
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom rng, T... options) { return options[rng.nextInt(options.length)]; }

    static <T> T pick(SplittableRandom rng, List<T> options) { return options.get(rng.nextInt(options.size())); }

    static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
    }

    /** The relation a shot gives subject i (i >= 1), which names an earlier subject. */
    static RelationSpec relationOf(ShotSpec shot, int i) { return shot.relations().get(i - 1); }
}
