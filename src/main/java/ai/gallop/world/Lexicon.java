package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words and phrases of one language and what each means to the parser. Each language keeps its
 * lexicon in its own caption class, one line per meaning, so adding a synonym is adding a phrase.
 * Phrases are matched after {@link PromptText} normalisation (case, accents, width), longest first.
 */
public final class Lexicon {
    /** Where the partner of a word stands: the noun an adjective describes, the reference of a relation. */
    public enum Side { BEFORE, AFTER }

    /** What a phrase contributes to a parse. */
    public sealed interface Sense {
        /** Names a subject kind: the head of a noun phrase. */
        record Kind(Subject kind) implements Sense {}
        /** A colour adjective; {@code noun} says on which side its noun usually stands. */
        record Paint(Colour colour, Side noun) implements Sense {}
        /** A size adjective; {@code noun} says on which side its noun usually stands. */
        record Bulk(Size size, Side noun) implements Sense {}
        /** A verb or adverbial: an action, a direction, or both (either may be null). */
        record Act(Action action, Direction direction) implements Sense {}
        /** "runs": a horse runs by galloping, anything else just moves. */
        record Run() implements Sense {}
        record Place(Scene scene) implements Sense {}
        /** A complete camera move ("zooms in", "static shot"). */
        record Lens(Camera camera) implements Sense {}
        /** "pans": the direction comes from the adjacent direction phrase. */
        record Pan() implements Sense {}
        /** "the camera": what it does (stays still, moves left) becomes the shot's camera move. */
        record CameraNoun() implements Sense {}
        /** "it": the subject the previous clause was about. */
        record Pronoun() implements Sense {}
        /** "to the left of": the reference noun phrase stands on side {@code reference} of the phrase. */
        record Position(Relation relation, Side reference) implements Sense {}
        /** "then cut to": starts the second shot. */
        record Cut() implements Sense {}
        /** Ends a clause ("and", "while", full stops). */
        record Break() implements Sense {}
        /** Understood but carries nothing (articles, particles, measure words, "is"). */
        record Filler() implements Sense {}
    }

    public record Entry(String phrase, Sense sense) {}

    private final Language language;
    private final List<Entry> entries;

    private Lexicon(Language language, List<Entry> entries) {
        this.language = language;
        this.entries = List.copyOf(entries);
    }

    public Language language() { return language; }

    /** Every phrase with its meaning, in the order the language class lists them. */
    public List<Entry> entries() { return entries; }

    /** The phrases that mean something (fillers left out), for help texts and "did you mean". */
    public List<String> contentPhrases() {
        return entries.stream().filter(e -> !(e.sense() instanceof Sense.Filler)).map(Entry::phrase).toList();
    }

    public static Builder builder(Language language) { return new Builder(language); }

    /** Collects entries; a phrase listed twice with two meanings is a bug in the language class. */
    public static final class Builder {
        private final Language language;
        private final Map<String, Entry> byKey = new LinkedHashMap<>();

        private Builder(Language language) { this.language = language; }

        public Builder kind(Subject kind, String... phrases) { return add(new Sense.Kind(kind), phrases); }
        public Builder colour(Colour colour, Side noun, String... phrases) { return add(new Sense.Paint(colour, noun), phrases); }
        public Builder size(Size size, Side noun, String... phrases) { return add(new Sense.Bulk(size, noun), phrases); }
        public Builder action(Action action, String... phrases) { return add(new Sense.Act(action, null), phrases); }
        public Builder motion(Action action, Direction direction, String... phrases) { return add(new Sense.Act(action, direction), phrases); }
        public Builder direction(Direction direction, String... phrases) { return add(new Sense.Act(null, direction), phrases); }
        public Builder run(String... phrases) { return add(new Sense.Run(), phrases); }
        public Builder scene(Scene scene, String... phrases) { return add(new Sense.Place(scene), phrases); }
        public Builder camera(Camera camera, String... phrases) { return add(new Sense.Lens(camera), phrases); }
        public Builder pan(String... phrases) { return add(new Sense.Pan(), phrases); }
        public Builder cameraNoun(String... phrases) { return add(new Sense.CameraNoun(), phrases); }
        public Builder pronoun(String... phrases) { return add(new Sense.Pronoun(), phrases); }
        public Builder relation(Relation relation, Side reference, String... phrases) { return add(new Sense.Position(relation, reference), phrases); }
        public Builder cut(String... phrases) { return add(new Sense.Cut(), phrases); }
        public Builder separator(String... phrases) { return add(new Sense.Break(), phrases); }
        public Builder filler(String... phrases) { return add(new Sense.Filler(), phrases); }

        /** German-style declinable adjective stems: "rot" also gives rote, roten, roter, rotes, rotem. */
        public Builder colourStems(Colour colour, Side noun, String... stems) { return colour(colour, noun, declined(stems)); }
        public Builder sizeStems(Size size, Side noun, String... stems) { return size(size, noun, declined(stems)); }

        private static String[] declined(String[] stems) {
            List<String> forms = new ArrayList<>();
            for (String stem : stems) for (String ending : new String[]{"", "e", "en", "er", "es", "em"}) forms.add(stem + ending);
            return forms.toArray(String[]::new);
        }

        private Builder add(Sense sense, String... phrases) {
            for (String phrase : phrases) {
                String key = String.join(" ", PromptText.keyOf(phrase));
                if (key.isEmpty()) throw new IllegalStateException("empty phrase in the " + language.englishName + " lexicon");
                Entry old = byKey.get(key);
                if (old != null && !old.sense().equals(sense))
                    throw new IllegalStateException("'" + phrase + "' has two meanings in the " + language.englishName
                            + " lexicon: " + old.sense() + " and " + sense);
                byKey.putIfAbsent(key, new Entry(phrase, sense));
            }
            return this;
        }

        public Lexicon build() { return new Lexicon(language, new ArrayList<>(byKey.values())); }
    }
}
