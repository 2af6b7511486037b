package ai.gallop.eval;

import ai.gallop.eval.PromptSuite.Entry;
import ai.gallop.eval.PromptSuite.Task;
import ai.gallop.world.Captioner;
import ai.gallop.world.HeldOut;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.ShotSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regenerates the generated prompt suites, {@code dev} and {@code compositional}, from the world's
 * sampler and captioner with fixed seeds; the same code always writes the same bytes, and a test
 * checks that the committed files are exactly what this writes. The {@code paraphrase} suite is
 * written by hand and not touched here.
 *
 * <p>Run after changing the sampler, the captions or {@link HeldOut}, from the repository root:
 * {@code java -cp target/classes:target/lib/* ai.gallop.eval.SuiteBuilder src/main/resources/ai/gallop/eval/suites}
 */
public final class SuiteBuilder {
    /** Dev prompts per language; slots {@code j % 9 == 4 or 8} are image-to-video (11 of 50, 22%). */
    static final int DEV_PER_LANGUAGE = 50;
    /** Seeds of the generated suites live far from the small seeds a trainer counts up from. */
    static final long DEV_SEED_BASE = 7_100_000_000L, COMPOSITIONAL_SEED_BASE = 7_200_000_000L;
    /** Candidates weighed for each dev slot while words are still missing. */
    private static final int WINDOW = 64;
    static final VideoFormat FORMAT = VideoFormat.DEFAULT;

    private final Captioner captioner = new Captioner();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SuiteBuilder <folder to write dev.jsonl and compositional.jsonl into>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        SuiteBuilder builder = new SuiteBuilder();
        Files.writeString(folder.resolve("dev.jsonl"), PromptSuite.toJsonLines(builder.dev()), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("compositional.jsonl"), PromptSuite.toJsonLines(builder.compositional()), StandardCharsets.UTF_8);
    }

    static boolean devImageSlot(int slot) { return slot % 9 == 4 || slot % 9 == 8; }

    /**
     * In-distribution prompts from the training sampler, balanced over languages. While a language
     * (or the image-to-video part as a whole) still misses a word, each slot takes the candidate of
     * the next {@value #WINDOW} seeds that adds the most missing words; after that, plain draws.
     */
    public List<Entry> dev() {
        SpecSampler sampler = SpecSampler.training();
        Set<String> all = allWords();
        Map<Language, Set<String>> missing = new EnumMap<>(Language.class);
        for (Language l : Language.values()) missing.put(l, new LinkedHashSet<>(all));
        Set<String> missingImage = new LinkedHashSet<>(all);
        List<Entry> out = new ArrayList<>();
        long next = DEV_SEED_BASE;
        for (int slot = 0; slot < DEV_PER_LANGUAGE; slot++) {
            for (Language language : Language.values()) {
                boolean image = devImageSlot(slot);
                Set<String> want = missing.get(language);
                SceneSpec spec;
                if (want.isEmpty() && (!image || missingImage.isEmpty())) {
                    spec = sampler.sample(next++, FORMAT);
                } else {
                    spec = null;
                    int bestGain = -1;
                    for (int c = 0; c < WINDOW; c++) {
                        SceneSpec candidate = sampler.sample(next++, FORMAT);
                        Set<String> words = words(candidate);
                        int gain = count(words, want) + (image ? count(words, missingImage) : 0);
                        if (gain > bestGain) { bestGain = gain; spec = candidate; }
                    }
                }
                want.removeAll(words(spec));
                if (image) missingImage.removeAll(words(spec));
                out.add(entry("dev", out.size() + 1, image ? Task.I2V : Task.T2V, language, spec));
            }
        }
        return out;
    }

    /**
     * Each held-out combination once in every language: specs drawn from the unrestricted sampler
     * until one shows that combination. Text-to-video only: a first frame would show a held-out
     * colour or scene pairing outright, and the point is whether the words alone bring it about.
     */
    public List<Entry> compositional() {
        List<Entry> out = new ArrayList<>();
        for (int c = 0; c < HeldOut.COMBINATIONS.size(); c++) {
            HeldOut.Combination combination = HeldOut.COMBINATIONS.get(c);
            SpecSampler sampler = new SpecSampler(spec -> HeldOut.found(spec).contains(combination), SpecSampler.TWO_SHOT_CHANCE);
            for (Language language : Language.values()) {
                long seed = COMPOSITIONAL_SEED_BASE + 100L * c + language.ordinal();
                out.add(entry("compositional", out.size() + 1, Task.T2V, language, sampler.sample(seed, FORMAT)));
            }
        }
        return out;
    }

    private Entry entry(String suite, int number, Task task, Language language, SceneSpec spec) {
        String id = "%s-%04d".formatted(suite, number);
        return new Entry(id, task, language, captioner.caption(spec, language, spec.seed()), spec.seed(), spec);
    }

    private static int count(Set<String> words, Set<String> wanted) {
        int n = 0;
        for (String w : words) if (wanted.contains(w)) n++;
        return n;
    }

    /**
     * Every word of the vocabulary a suite must cover, as "kind:horse", "action:move/up",
     * "camera:pan_left", "relation:above", "subjects:3", "shots:2" and the like.
     */
    public static Set<String> allWords() {
        Set<String> all = new LinkedHashSet<>();
        for (Subject k : Subject.values()) all.add("kind:" + k.id());
        for (Colour c : Colour.values()) all.add("colour:" + c.id());
        for (Size s : Size.values()) all.add("size:" + s.id());
        for (Action a : Action.values())
            for (Direction d : Direction.values()) if (a.allows(d)) all.add(actionWord(a, d));
        for (Scene s : Scene.values()) all.add("scene:" + s.id());
        for (Camera c : Camera.values()) all.add("camera:" + c.id());
        for (Relation r : Relation.values()) all.add("relation:" + r.id());
        for (int n = 1; n <= ShotSpec.MAX_SUBJECTS; n++) all.add("subjects:" + n);
        all.add("shots:2");
        return all;
    }

    /** The words of {@link #allWords()} a spec shows. */
    public static Set<String> words(SceneSpec spec) {
        Set<String> words = new LinkedHashSet<>();
        if (spec.shots().size() == 2) words.add("shots:2");
        for (ShotSpec shot : spec.shots()) {
            words.add("scene:" + shot.scene().id());
            words.add("camera:" + shot.camera().id());
            words.add("subjects:" + shot.subjects().size());
            for (SubjectSpec s : shot.subjects()) {
                words.add("kind:" + s.kind().id());
                words.add("colour:" + s.colour().id());
                words.add("size:" + s.size().id());
                words.add(actionWord(s.action(), s.direction()));
            }
            for (RelationSpec r : shot.relations()) words.add("relation:" + r.relation().id());
        }
        return words;
    }

    private static String actionWord(Action a, Direction d) {
        return "action:" + a.id() + (d == Direction.NONE ? "" : "/" + d.id());
    }
}
