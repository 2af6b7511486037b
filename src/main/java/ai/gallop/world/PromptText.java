package ai.gallop.world;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a prompt into the units the lexicon is matched on: whole words in alphabetic scripts, single
 * characters in Chinese, Japanese and Korean (which need no spaces), plus sentence breaks. Keys are
 * normalised (NFKC width, lower case, accents dropped, ß as ss) so "Wüste", "wuste" and "WÜSTE" meet.
 */
final class PromptText {
    enum Kind { WORD, CHAR, BREAK, PUNCT }

    enum Script { LATIN, HAN, HIRAGANA, KATAKANA, HANGUL }

    /** One unit; {@code group} counts whitespace-separated chunks (a Korean eojeol, a Latin word). */
    record Unit(Kind kind, String key, String surface, Script script, int group) {}

    /** French elisions that are written glued to the next word: l'oiseau, d'une, qu'il. */
    private static final Set<String> ELISIONS = Set.of("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu");
    private static final String BREAKS = ".!?;:。！？；：\n";

    private PromptText() {}

    static List<Unit> units(String text) {
        String s = text.chars().allMatch(c -> c < 128) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC).replace('’', '\'').replace('‘', '\'');
        List<Unit> units = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int group = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            Script cjk = cjkScript(cp);
            if (cjk != null) {
                group = flush(word, units, group);
                units.add(new Unit(Kind.CHAR, new String(Character.toChars(cp)), new String(Character.toChars(cp)), cjk, group));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (cp == '\'' && !word.isEmpty()) {
                if (ELISIONS.contains(word.toString().toLowerCase(Locale.ROOT))) {
                    word.append('\'');
                    group = flush(word, units, group) + 1;
                } else {
                    word.append('\'');
                }
            } else if (BREAKS.indexOf(cp) >= 0) {
                group = flush(word, units, group);
                units.add(new Unit(Kind.BREAK, "", new String(Character.toChars(cp)), null, group));
                group++;
            } else if (Character.isWhitespace(cp) || cp == '-' || cp == '‐' || cp == '_' || cp == '/') {
                group = flush(word, units, group) + 1;
            } else {
                group = flush(word, units, group);
                units.add(new Unit(Kind.PUNCT, "", new String(Character.toChars(cp)), null, group));
                group++;
            }
        }
        flush(word, units, group);
        return units;
    }

    /** The unit keys of a lexicon phrase, the same way a prompt is cut. */
    static List<String> keyOf(String phrase) {
        return units(phrase).stream().filter(u -> u.kind() == Kind.WORD || u.kind() == Kind.CHAR).map(Unit::key).toList();
    }

    private static int flush(StringBuilder word, List<Unit> units, int group) {
        if (word.isEmpty()) return group;
        String surface = word.toString();
        if (surface.endsWith("'") && !ELISIONS.contains(surface.substring(0, surface.length() - 1).toLowerCase(Locale.ROOT)))
            surface = surface.substring(0, surface.length() - 1);
        word.setLength(0);
        if (!surface.isEmpty()) units.add(new Unit(Kind.WORD, latinKey(surface), surface, Script.LATIN, group));
        return group + 1;
    }

    static String latinKey(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 128)) return lower;
        String decomposed = Normalizer.normalize(lower.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae"), Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) key.append(c);
        }
        return key.toString();
    }

    private static Script cjkScript(int cp) {
        if (cp < 0x1100) return null;               // below Hangul Jamo: Latin, Greek, Cyrillic and the like
        if (cp == 0x30FC) return Script.KATAKANA;   // prolonged sound mark, as in ボール
        if (cp == 0x3005) return Script.HAN;        // iteration mark, as in 々
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN -> Script.HAN;
            case HIRAGANA -> Script.HIRAGANA;
            case KATAKANA -> Script.KATAKANA;
            case HANGUL -> Script.HANGUL;
            default -> null;
        };
    }
}
