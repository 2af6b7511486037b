package ai.gallop.world;

import ai.gallop.world.Lexicon.Sense;
import ai.gallop.world.PromptText.Kind;
import ai.gallop.world.PromptText.Script;
import ai.gallop.world.PromptText.Unit;
import ai.gallop.world.Vocabulary.Language;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a prompt in any of the seven languages, or a mix of them, into a {@link ParsedPrompt}. The
 * lexicons of all languages are matched together, longest phrase first; the language with the most
 * matched text is the prompt's language and settles words that mean different things in two
 * languages. {@link PromptAssembler} then groups the words into shots, subjects and relations.
 */
public final class PromptParser {
    /** A matched phrase or an unknown word, in prompt order. {@code sense} is null for an unknown word. */
    record Item(Sense sense, String surface) {}

    private record Candidate(Language language, Sense sense) {}

    private static final class Node {
        final Map<String, Node> next = new HashMap<>();
        final List<Candidate> candidates = new ArrayList<>();
    }

    private static final Node ROOT = buildTrie();

    public ParsedPrompt parse(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        List<Unit> units = PromptText.units(prompt);
        Scan scan = new Scan(units);
        scan.run();
        Language language = detect(scan.votes, units);
        List<Item> items = new ArrayList<>();
        for (Object token : scan.tokens) {
            if (token instanceof String unknown) items.add(new Item(null, unknown));
            else if (token instanceof Matched m) {
                Sense sense = choose(m.candidates, language);
                if (!(sense instanceof Sense.Filler)) items.add(new Item(sense, m.surface));
            }
        }
        return new ParsedPrompt(PromptAssembler.assemble(items), scan.unknown, language);
    }

    private record Matched(List<Candidate> candidates, String surface) {}

    /** Left to right, longest match first; what matches nothing becomes an unknown word. */
    private static final class Scan {
        final List<Unit> units;
        final List<Object> tokens = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final Map<Language, Integer> votes = new EnumMap<>(Language.class);
        private final StringBuilder run = new StringBuilder();
        private int runGroup = -1;

        Scan(List<Unit> units) { this.units = units; }

        void run() {
            boolean previousMatched = false, groupStartMatched = false;
            for (int i = 0; i < units.size(); ) {
                Unit u = units.get(i);
                if (u.kind() == Kind.BREAK || u.kind() == Kind.PUNCT) {
                    flushUnknown();
                    if (u.kind() == Kind.BREAK) tokens.add(new Matched(List.of(new Candidate(null, new Sense.Break())), u.surface()));
                    previousMatched = false;
                    i++;
                    continue;
                }
                boolean groupStart = i == 0 || units.get(i - 1).group() != u.group();
                // Korean endings and particles follow a known stem inside one space-separated word: skip them.
                if (u.script() == Script.HANGUL && !groupStart && !previousMatched) {
                    if (groupStartMatched) flushUnknown();
                    else addUnknown(u);
                    i++;
                    continue;
                }
                int end = longest(i);
                if (end > i) {
                    flushUnknown();
                    addMatch(i, end);
                    if (groupStart) groupStartMatched = true;
                    previousMatched = true;
                    i = end;
                    continue;
                }
                if (groupStart) groupStartMatched = false;
                previousMatched = false;
                if (u.kind() == Kind.WORD && wordFallback(u)) { i++; continue; }
                boolean ending = u.script() == Script.HIRAGANA || (u.script() == Script.HANGUL && !groupStart && groupStartMatched);
                if (ending) flushUnknown();   // unmatched kana, or Hangul after a known stem: particles and endings
                else addUnknown(u);
                i++;
            }
            flushUnknown();
        }

        private int longest(int start) {
            Node node = ROOT;
            int best = start;
            for (int j = start; j < units.size(); j++) {
                Unit u = units.get(j);
                if (u.kind() != Kind.WORD && u.kind() != Kind.CHAR) break;
                node = node.next.get(u.key());
                if (node == null) break;
                if (!node.candidates.isEmpty()) best = j + 1;
            }
            return best;
        }

        private void addMatch(int start, int end) {
            Node node = ROOT;
            StringBuilder surface = new StringBuilder();
            for (int j = start; j < end; j++) {
                node = node.next.get(units.get(j).key());
                if (!surface.isEmpty() && units.get(j).kind() == Kind.WORD) surface.append(' ');
                surface.append(units.get(j).surface());
            }
            vote(node.candidates, end - start);
            tokens.add(new Matched(node.candidates, surface.toString()));
        }

        private void vote(List<Candidate> candidates, int weight) {
            Language last = null;
            for (Candidate c : candidates) {   // candidates come grouped by language
                if (c.language() != last) votes.merge(c.language(), weight, Integer::sum);
                last = c.language();
            }
        }

        /** Plurals and inflections not listed ("boxes", "Kisten"), then two-part German compounds ("Stadtstraße"). */
        private boolean wordFallback(Unit u) {
            String key = u.key();
            for (String stem : stems(key)) {
                List<Candidate> c = contentWord(stem);
                if (c != null) {
                    flushUnknown();
                    vote(c, 1);
                    tokens.add(new Matched(c, u.surface()));
                    return true;
                }
            }
            for (int k = 3; k <= key.length() - 3; k++) {
                List<Candidate> left = contentWord(key.substring(0, k));
                if (left == null && key.charAt(k - 1) == 's') left = contentWord(key.substring(0, k - 1));
                List<Candidate> right = left == null ? null : contentWord(key.substring(k));
                if (right != null) {
                    flushUnknown();
                    vote(left, 1);
                    vote(right, 1);
                    tokens.add(new Matched(left, u.surface()));
                    tokens.add(new Matched(right, u.surface()));
                    return true;
                }
            }
            return false;
        }

        private static List<String> stems(String key) {
            List<String> stems = new ArrayList<>();
            if (key.endsWith("ies")) stems.add(key.substring(0, key.length() - 3) + "y");
            for (String ending : new String[]{"es", "s", "en", "n", "e", "er", "x"})
                if (key.endsWith(ending)) stems.add(key.substring(0, key.length() - ending.length()));
            stems.removeIf(s -> s.length() < 3);
            return stems;
        }

        /** The meanings of a one-word phrase that is not a filler, or null. */
        private static List<Candidate> contentWord(String key) {
            Node node = ROOT.next.get(key);
            if (node == null || node.candidates.isEmpty()) return null;
            return node.candidates.stream().anyMatch(c -> !(c.sense() instanceof Sense.Filler)) ? node.candidates : null;
        }

        private void addUnknown(Unit u) {
            if (!run.isEmpty() && (u.kind() == Kind.WORD || runGroup != u.group())) flushUnknown();
            run.append(u.surface());
            runGroup = u.group();
            if (u.kind() == Kind.WORD) flushUnknown();
        }

        private void flushUnknown() {
            if (run.isEmpty()) return;
            unknown.add(run.toString());
            tokens.add(run.toString());
            run.setLength(0);
        }
    }

    /** Kana can only be Japanese and Hangul only Korean, even when no word of it is known. */
    private static List<Candidate> scriptVotes(Unit u) {
        if (u.script() == Script.HIRAGANA || u.script() == Script.KATAKANA) return List.of(new Candidate(Language.JA, null));
        if (u.script() == Script.HANGUL) return List.of(new Candidate(Language.KO, null));
        return List.of();
    }

    private static Language detect(Map<Language, Integer> votes, List<Unit> units) {
        for (Unit u : units) for (Candidate c : scriptVotes(u)) votes.merge(c.language(), 1, Integer::sum);
        votes.remove(null);
        Language best = null;
        int bestVotes = 0;
        for (Language l : Language.values()) {
            int v = votes.getOrDefault(l, 0);
            if (v > bestVotes) { best = l; bestVotes = v; }
        }
        if (best == null && units.stream().anyMatch(u -> u.script() == Script.HAN)) best = Language.ZH;
        return best;
    }

    /** The prompt language's meaning if it has the phrase, else the first meaningful one in language order. */
    private static Sense choose(List<Candidate> candidates, Language language) {
        for (Candidate c : candidates) if (c.language() == language) return c.sense();
        for (Candidate c : candidates) if (!(c.sense() instanceof Sense.Filler)) return c.sense();
        return candidates.getFirst().sense();
    }

    private static Node buildTrie() {
        Node root = new Node();
        for (Language language : Language.values()) {
            for (Lexicon.Entry e : Captioner.lexicon(language).entries()) {
                Node node = root;
                for (String key : PromptText.keyOf(e.phrase())) node = node.next.computeIfAbsent(key, k -> new Node());
                Candidate c = new Candidate(language, e.sense());
                if (!node.candidates.contains(c)) node.candidates.add(c);
            }
        }
        return root;
    }
}
