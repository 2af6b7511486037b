package ai.gallop.world;

import ai.gallop.world.Lexicon.Side;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static ai.gallop.world.Vocabulary.Action.*;
import static ai.gallop.world.Vocabulary.Colour.*;
import static ai.gallop.world.Vocabulary.Direction.*;
import static ai.gallop.world.Vocabulary.Size.*;
import static ai.gallop.world.Vocabulary.Subject.*;

/**
 * German captions and words. Nouns carry a gender, and article and adjective endings follow it and
 * the case (nominative for the subject, dative after "links von", "über", "unter"); adjectives are
 * listed by stem and every ending is known. The main-clause verb stands second, so a fronted place
 * puts the subject after the verb, which the parser handles by attaching verbs to the nearest subject.
 */
final class GermanCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.DE)
            .kind(HORSE, "pferd", "pferde", "pferdes", "pferden", "pony", "ponys", "hengst", "stute", "fohlen", "ross")
            .kind(BALL, "ball", "balle", "ballen", "balles", "kugel", "kugeln")
            .kind(BIRD, "vogel", "vogels", "vogeln", "vogelchen")
            .kind(CAR, "auto", "autos", "wagen", "fahrzeug", "automobil")
            .kind(FISH, "fisch", "fische", "fisches", "fischen")
            .kind(BOX, "kiste", "kisten", "box", "boxen", "wurfel", "wurfels", "wurfeln", "schachtel", "kasten")
            .kind(STAR, "stern", "sterne", "sterns", "sternen")
            .colourStems(RED, Side.AFTER, "rot")
            .colourStems(ORANGE, Side.AFTER, "orangefarben", "orangen")
            .colour(ORANGE, Side.AFTER, "orange")
            .colourStems(YELLOW, Side.AFTER, "gelb")
            .colourStems(GREEN, Side.AFTER, "grün")
            .colourStems(BLUE, Side.AFTER, "blau")
            .colourStems(PURPLE, Side.AFTER, "violett", "lilafarben", "purpurn")
            .colour(PURPLE, Side.AFTER, "lila")
            .colourStems(PINK, Side.AFTER, "rosafarben", "pink")
            .colour(PINK, Side.AFTER, "rosa")
            .colourStems(WHITE, Side.AFTER, "weiß")
            .colourStems(BLACK, Side.AFTER, "schwarz")
            .colourStems(BROWN, Side.AFTER, "braun")
            .sizeStems(SMALL, Side.AFTER, "klein", "winzig")
            .sizeStems(MEDIUM, Side.AFTER, "mittelgroß", "mittler")
            .sizeStems(LARGE, Side.AFTER, "groß", "riesig")
            .action(STILL, "still", "steht still", "reglos", "regungslos", "bewegungslos", "ruht", "ruhig",
                    "bewegt sich nicht", "rührt sich nicht", "statisch", "fest", "unbewegt")
            .action(MOVE, "bewegt", "bewegen", "gleitet", "gleiten", "rollt", "rollen", "fährt", "fahren", "wandert", "zieht")
            .motion(MOVE, UP, "steigt", "steigt auf", "steigen", "schwebt nach oben")
            .motion(MOVE, DOWN, "sinkt", "sinken", "fällt", "fallen")
            .run("läuft", "laufen", "rennt", "rennen", "trabt")
            .action(GALLOP, "galoppiert", "galoppieren", "galopp")
            .action(BOUNCE, "hüpft", "hüpfen", "springt auf und ab", "auf und ab", "auf und ab springt", "federt", "federt auf und ab", "titscht")
            .action(JUMP, "springt", "springen", "springt hoch", "hoch springt", "satz", "sprung", "sprünge", "luftsprung")
            .action(SPIN, "dreht sich", "dreht", "drehen", "dreht sich im kreis", "rotiert", "rotieren", "kreiselt", "wirbelt")
            .action(GROW, "wächst", "wachsen", "wird größer", "wird immer größer", "immer größer", "größer wird", "vergrößert sich", "vergrößert", "bläht sich auf")
            .action(SHRINK, "schrumpft", "schrumpfen", "wird kleiner", "wird immer kleiner", "immer kleiner", "kleiner wird", "verkleinert sich", "verkleinert")
            .action(FLY, "fliegt", "fliegen", "flattert", "segelt")
            .action(SWIM, "schwimmt", "schwimmen")
            .direction(LEFT, "nach links", "links", "linkswärts", "in richtung links")
            .direction(RIGHT, "nach rechts", "rechts", "rechtswärts", "in richtung rechts")
            .direction(UP, "nach oben", "aufwärts", "hoch", "empor")
            .direction(DOWN, "nach unten", "abwärts", "hinab", "hinunter")
            .relation(Relation.LEFT_OF, Side.AFTER, "links von", "links vom", "links neben", "links der", "links des")
            .relation(Relation.RIGHT_OF, Side.AFTER, "rechts von", "rechts vom", "rechts neben", "rechts der", "rechts des")
            .relation(Relation.ABOVE, Side.AFTER, "über", "oberhalb", "oberhalb von", "oberhalb vom", "oberhalb des", "oberhalb der")
            .relation(Relation.BELOW, Side.AFTER, "unter", "unterhalb", "unterhalb von", "unterhalb vom", "unterhalb des", "unterhalb der")
            .scene(Scene.MEADOW, "wiese", "wiesen", "blumenwiese", "weide", "grasland", "feld", "gras")
            .scene(Scene.BEACH, "strand", "sandstrand", "küste", "meeresufer")
            .scene(Scene.NIGHT_SKY, "nachthimmel", "sternenhimmel", "nacht", "himmel bei nacht", "unter den sternen", "bei nacht")
            .scene(Scene.SNOW, "schnee", "schneelandschaft", "schneefeld", "verschneit", "verschneiten")
            .scene(Scene.DESERT, "wüste", "wüstenlandschaft", "sanddünen", "dünen")
            .scene(Scene.CITY_STREET, "stadtstraße", "straße", "straßen", "stadt", "innenstadt", "straße in der stadt")
            .scene(Scene.STUDIO, "studio", "fotostudio", "atelier", "leeres studio")
            .camera(Camera.STATIC, "statischer kamera", "statische kamera", "feste kamera", "fester kamera", "feststehender kamera",
                    "standbild", "feste einstellung", "statische einstellung")
            .camera(Camera.ZOOM_IN, "zoomt heran", "zoomt hinein", "zoomt ran", "zoomt näher", "hineinzoomen", "heranzoomen",
                    "fährt heran", "zoom hinein")
            .camera(Camera.ZOOM_OUT, "zoomt heraus", "zoomt hinaus", "zoomt weg", "herauszoomen", "fährt zurück", "zoom heraus")
            .pan("schwenkt", "schwenken", "schwenk")
            .cameraNoun("kamera", "die kamera")
            .pronoun("er", "sie", "es", "ihm", "ihr")
            .cut("schnitt", "dann schnitt", "schnitt auf", "schnitt zu", "wird geschnitten", "neue einstellung",
                    "nächste einstellung", "szenenwechsel", "zweite einstellung")
            .separator("und", "während", "wahrend", "dann", "danach", "anschließend", "außerdem", "indem", "sowie", "als")
            .filler("ein", "eine", "einen", "einem", "einer", "eines", "der", "die", "das", "dem", "den", "des", "im", "in",
                    "am", "an", "auf", "vor", "hinter", "mit", "von", "vom", "zum", "zur", "bei", "beim", "durch", "entlang",
                    "quer", "ist", "sind", "befindet", "befinden", "sich", "steht", "stehen", "bleibt", "bleiben", "liegt",
                    "sitzt", "schwebt", "hängt", "macht", "machen", "man", "sieht", "sehen", "zu", "da", "dabei", "gibt", "es gibt", "der",
                    "langsam", "schnell", "sanft", "gemächlich", "fröhlich", "immer", "weiter", "weg", "davon",
                    "szene", "spielt", "schauplatz", "hintergrund", "kulisse", "vordergrund", "bild", "video", "clip",
                    "ort", "leeren", "leeres", "leer", "einer", "wo", "dort", "hier", "welcher", "welches", "welche",
                    "seite", "farbe", "farbig", "farbenen", "folgt", "dann folgt", "wird", "werden", "nicht",
                    "richtung", "zwischen", "herum", "umher", "kreis", "platz", "stelle", "bitte", "zeige", "zeig", "bewegten", "sternklaren")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .run("prescht", "preschen")
            .action(BOUNCE, "hopst", "hopsen")
            .action(SPIN, "kreist", "kreisen")
            .action(MOVE, "saust", "sausen", "kullert", "kullern")
            .action(STILL, "sich nicht rührt", "nicht rührt", "starr")
            .camera(Camera.STATIC, "starre kamera", "starrer kamera")
            .camera(Camera.ZOOM_IN, "heranzoomt", "rückt näher", "rückt heran")
            .camera(Camera.ZOOM_OUT, "zurückweicht", "weicht zurück")
            .relation(Relation.ABOVE, Side.AFTER, "oben auf", "oben auf dem", "oben auf der")
            .filler("mir", "munter", "ganz", "unablässig", "um", "selbst", "zusammen", "ebenfalls", "zuerst", "harter",
                    "schau", "mal", "lauter", "ab")
            .build();

    private enum Gender { M, N, F }

    private record Noun(String word, Gender gender) {}

    @Override Language language() { return Language.DE; }

    @Override Lexicon lexicon() { return LEXICON; }

    /** The nouns a kind is written with, as often as each is picked; the first is the kind's plain name. */
    private static Noun[] nouns(Subject kind) {
        return switch (kind) {
            case HORSE -> new Noun[]{new Noun("Pferd", Gender.N)};
            case BALL -> new Noun[]{new Noun("Ball", Gender.M), new Noun("Ball", Gender.M), new Noun("Kugel", Gender.F)};
            case BIRD -> new Noun[]{new Noun("Vogel", Gender.M)};
            case CAR -> new Noun[]{new Noun("Auto", Gender.N), new Noun("Wagen", Gender.M)};
            case FISH -> new Noun[]{new Noun("Fisch", Gender.M)};
            case BOX -> new Noun[]{new Noun("Kiste", Gender.F), new Noun("Würfel", Gender.M), new Noun("Schachtel", Gender.F)};
            case STAR -> new Noun[]{new Noun("Stern", Gender.M)};
        };
    }

    private static Noun noun(SubjectSpec s, SplittableRandom rng) {
        Noun[] options = nouns(s.kind());
        return options.length == 1 ? options[0] : pick(rng, options);  // a kind with one noun draws nothing
    }

    /** An edit instruction's clause, the object in the accusative: "mach den Ball blau", "mach die Kiste rot". */
    static String recolour(Subject kind, Colour colour) {
        Noun n = nouns(kind)[0];
        String article = switch (n.gender()) { case M -> "den"; case N -> "das"; case F -> "die"; };
        return "mach " + article + " " + n.word() + " " + colourStem(colour);
    }

    private static String colourStem(SubjectSpec s) { return colourStem(s.colour()); }

    private static String colourStem(Colour colour) {
        return switch (colour) {
            case RED -> "rot";
            case ORANGE -> "orangefarben";
            case YELLOW -> "gelb";
            case GREEN -> "grün";
            case BLUE -> "blau";
            case PURPLE -> "violett";
            case PINK -> "rosafarben";
            case WHITE -> "weiß";
            case BLACK -> "schwarz";
            case BROWN -> "braun";
        };
    }

    private static String sizeStem(SubjectSpec s, SplittableRandom rng) {
        return switch (s.size()) {
            case SMALL -> pick(rng, "klein", "klein", "winzig");
            case MEDIUM -> "mittelgroß";
            case LARGE -> pick(rng, "groß", "groß", "riesig");
        };
    }

    /** "ein großer roter Ball", "eine kleine blaue Kiste", "ein mittelgroßes braunes Pferd" (mixed declension). */
    private static String indefinite(SubjectSpec s, SplittableRandom rng) { return indefinite(noun(s, rng), s, rng); }

    private static String indefinite(Noun n, SubjectSpec s, SplittableRandom rng) {
        String ending = switch (n.gender()) { case M -> "er"; case N -> "es"; case F -> "e"; };
        return (n.gender() == Gender.F ? "eine " : "ein ") + sizeStem(s, rng) + ending + " " + colourStem(s) + ending + " " + n.word();
    }

    /** Nominative definite, kind and colour: "der rote Ball", "das braune Pferd", "die blaue Kiste". */
    private static String definite(SubjectSpec s, SplittableRandom rng) {
        Noun n = noun(s, rng);
        String article = switch (n.gender()) { case M -> "der"; case N -> "das"; case F -> "die"; };
        return article + " " + colourStem(s) + "e " + n.word();
    }

    /** Dative definite after a preposition, with the usual contraction: "vom roten Ball", "von der blauen Kiste". */
    private static String dative(String preposition, SubjectSpec s, SplittableRandom rng) {
        Noun n = noun(s, rng);
        String adjective = colourStem(s) + "en " + n.word();
        if (n.gender() == Gender.F) return preposition + " der " + adjective;
        return preposition.equals("von") ? "vom " + adjective : preposition + " dem " + adjective;
    }

    private static String relation(Relation r, SubjectSpec reference, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> pick(rng, "links " + dative("von", reference, rng), "links " + dative("neben", reference, rng));
            case RIGHT_OF -> pick(rng, "rechts " + dative("von", reference, rng), "rechts " + dative("neben", reference, rng));
            case ABOVE -> pick(rng, dative("über", reference, rng), "oberhalb " + dative("von", reference, rng));
            case BELOW -> pick(rng, dative("unter", reference, rng), "unterhalb " + dative("von", reference, rng));
        };
    }

    /**
     * {finite verb, reflexive pronoun, end of the clause}: the finite verb stands second, "sich"
     * right after it, particles and the direction at the end ("bewegt sich ... nach links"). Every
     * part reads the same on its own, so the parts may be split by the subject or the place.
     */
    private static String[] verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> "nach links";
            case RIGHT -> "nach rechts";
            case UP -> "nach oben";
            case DOWN -> "nach unten";
            case NONE -> "";
        };
        String[] v = switch (s.action()) {
            case STILL -> pick(rng, new String[]{"steht", "", "still"}, new String[]{"bleibt", "", "reglos"}, new String[]{"ruht", "", ""});
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? new String[]{"steigt", "", ""}
                    : s.direction() == DOWN && rng.nextBoolean() ? new String[]{"sinkt", "", ""}
                    : pick(rng, new String[]{"bewegt", "sich", ""}, new String[]{"gleitet", "", ""}, new String[]{"wandert", "", ""});
            case GALLOP -> new String[]{"galoppiert", "", ""};
            case BOUNCE -> pick(rng, new String[]{"hüpft", "", ""}, new String[]{"hüpft", "", "auf und ab"}, new String[]{"federt", "", "auf und ab"});
            case JUMP -> pick(rng, new String[]{"springt", "", ""}, new String[]{"macht", "", "einen Satz"}, new String[]{"macht", "", "einen Sprung"});
            case SPIN -> pick(rng, new String[]{"dreht", "sich", ""}, new String[]{"dreht", "sich", "im Kreis"}, new String[]{"rotiert", "", ""}, new String[]{"kreiselt", "", ""});
            case GROW -> pick(rng, new String[]{"wächst", "", ""}, new String[]{"wird", "", "immer größer"}, new String[]{"vergrößert", "sich", ""});
            case SHRINK -> pick(rng, new String[]{"schrumpft", "", ""}, new String[]{"wird", "", "immer kleiner"}, new String[]{"verkleinert", "sich", ""});
            case FLY -> pick(rng, new String[]{"fliegt", "", ""}, new String[]{"flattert", "", ""});
            case SWIM -> new String[]{"schwimmt", "", ""};
        };
        boolean wayInVerb = v[0].equals("steigt") || v[0].equals("sinkt");
        String end = (v[2] + (way.isEmpty() || wayInVerb ? "" : " " + way)).trim();
        return new String[]{v[0], v[1], end};
    }

    private static String joined(String... parts) {
        return String.join(" ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).toList());
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "auf einer Wiese", "auf einer Blumenwiese", "auf einer Weide");
            case BEACH -> pick(rng, "am Strand", "an einem Sandstrand", "an einem Strand");
            case NIGHT_SKY -> pick(rng, "vor einem Nachthimmel", "unter einem Sternenhimmel", "am Nachthimmel");
            case SNOW -> pick(rng, "im Schnee", "in einer Schneelandschaft", "auf einem Schneefeld");
            case DESERT -> pick(rng, "in einer Wüste", "in der Wüste", "zwischen Sanddünen");
            case CITY_STREET -> pick(rng, "auf einer Stadtstraße", "auf einer Straße in der Stadt", "auf einer Straße");
            case STUDIO -> pick(rng, "in einem Studio", "in einem leeren Studio", "in einem Fotostudio");
        };
    }

    private static String sceneSentence(Scene scene, SplittableRandom rng) {
        return pick(rng, "Die Szene spielt ", "Der Schauplatz liegt ") + locative(scene, rng) + ".";
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "Die Kamera steht still.", "Die Kamera bewegt sich nicht.", "Die Kamera ist statisch.");
            case PAN_LEFT -> pick(rng, "Die Kamera schwenkt nach links.", "Die Kamera schwenkt langsam nach links.");
            case PAN_RIGHT -> pick(rng, "Die Kamera schwenkt nach rechts.", "Die Kamera schwenkt langsam nach rechts.");
            case ZOOM_IN -> pick(rng, "Die Kamera zoomt heran.", "Die Kamera zoomt hinein.", "Die Kamera fährt heran.");
            case ZOOM_OUT -> pick(rng, "Die Kamera zoomt heraus.", "Die Kamera zoomt hinaus.", "Die Kamera fährt zurück.");
        };
    }

    /**
     * A clause introducing subject s: after a fronted phrase (place or relation) the verb comes
     * second and the subject after it; else subject, verb, place; or "man sieht ..., der ..." with
     * the verb at the end of the relative clause.
     */
    private static String clause(SubjectSpec s, String fronted, String place, SplittableRandom rng) {
        String[] v = verb(s, rng);
        if (fronted != null) return joined(fronted, v[0], v[1], indefinite(s, rng), place, v[2]);
        if (rng.nextInt(3) < 2) return joined(indefinite(s, rng), v[0], v[1], place, v[2]);
        Noun n = noun(s, rng);
        String relative = switch (n.gender()) { case M -> "der"; case N -> "das"; case F -> "die"; };
        return joined("man sieht", place, accusative(n, s, rng) + ",", relative, v[1], v[2], v[0]);
    }

    private static String accusative(Noun n, SubjectSpec s, SplittableRandom rng) {
        if (n.gender() != Gender.M) return indefinite(n, s, rng);
        return "einen " + sizeStem(s, rng) + "en " + colourStem(s) + "en " + n.word();
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(3), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 2) sentences.add(sceneSentence(shot.scene(), rng));
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String clause;
            String place = i == 0 && scenePlace == 1 ? locative(shot.scene(), rng) : null;
            if (i == 0 && scenePlace == 0) clause = clause(s, capitalised(locative(shot.scene(), rng)), null, rng);
            else if (r != null && style == 0) clause = clause(s, capitalised(relation(r.relation(), subjects.get(r.reference()), rng)), place, rng);
            else clause = clause(s, null, place, rng);
            sentences.add(capitalised(clause) + ".");
            if (r == null || style == 0) continue;
            SubjectSpec placed = s, reference = subjects.get(r.reference());
            sentences.add(capitalised(style == 1
                    ? definite(placed, rng) + " " + pick(rng, "befindet sich", "ist") + " " + relation(r.relation(), reference, rng)
                    : definite(reference, rng) + " " + pick(rng, "befindet sich", "ist") + " " + relation(PromptAssembler.inverse(r.relation()), placed, rng)) + ".");
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join(" ", sentences);
    }

    @Override
    String cut(SplittableRandom rng) {
        return pick(rng, " Dann Schnitt: ", " Schnitt auf eine neue Einstellung. ", " Danach folgt ein Schnitt. ", " Dann wird geschnitten: ");
    }
}
