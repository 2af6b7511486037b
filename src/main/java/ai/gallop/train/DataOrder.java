package ai.gallop.train;

import ai.gallop.world.Vocabulary.Language;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The data order as a pure function of (run seed, step, slot): which world spec, caption language and caption
 * variant each clip of each step gets. Because nothing depends on what came before, a resumed run sees exactly
 * the clips an uninterrupted run would have seen, and no data RNG state has to be saved.
 *
 * @param simpleShare fraction of world clips drawn as simple scenes ({@link ai.gallop.world.SpecSampler#simple}), 0 to 1
 */
public record DataOrder(long runSeed, List<Language> languages, double simpleShare) {
    /** Captions in all 7 languages. */
    public DataOrder(long runSeed) { this(runSeed, List.of(Language.values())); }

    /** No simple scenes. */
    public DataOrder(long runSeed, List<Language> languages) { this(runSeed, languages, 0); }

    public DataOrder {
        languages = List.copyOf(languages);
        if (languages.isEmpty()) throw new IllegalArgumentException("no caption languages; allowed: at least one");
        if (!(simpleShare >= 0 && simpleShare <= 1)) throw new IllegalArgumentException("--simple-share " + simpleShare + " is out of range; allowed: 0 to 1");
    }

    /** Whether slot {@code slot} of {@code step} is a simple scene; with no share, no draw at all. */
    public boolean simple(int step, int slot) {
        return simpleShare > 0 && new SplittableRandom(mix(runSeed, step, slot) ^ 0x51AL).nextDouble() < simpleShare;
    }

    /** Seed of the spec in slot {@code slot} of {@code step}: non-negative, as spec seeds are shown to users. */
    public long specSeed(int step, int slot) {
        return mix(runSeed, step, slot) >>> 1;
    }

    public Language language(int step, int slot) {
        return languages.get(new SplittableRandom(mix(runSeed, step, slot) ^ 0x1A6L).nextInt(languages.size()));
    }

    /** Seed of the colours a clip's recoloured twin gets. */
    public long twinSeed(int step, int slot) {
        return mix(runSeed ^ 0x7317L, step, slot);
    }

    /** The caption paraphrase for a clip. */
    public long captionVariant(int step, int slot) {
        return mix(runSeed ^ 0xCA9L, step, slot);
    }

    /** Seed of everything random inside a step that is not data: timesteps, condition plans, noise. */
    public long stepSeed(int step) {
        return mix(runSeed ^ 0x57E9L, step, -1);
    }

    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
