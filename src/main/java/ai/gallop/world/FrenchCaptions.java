package ai.gallop.world;

import ai.gallop.world.Lexicon.Side;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
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
 * French captions and words. Colours follow the noun and agree with its gender, "petit" and "grand"
 * precede it, "de taille moyenne" follows it; articles elide before a vowel (l'oiseau) and contract
 * with "de" (à gauche du cheval).
 */
final class FrenchCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.FR)
            .kind(HORSE, "cheval", "chevaux", "poney", "poneys", "étalon", "jument", "poulain")
            .kind(BALL, "balle", "balles", "ballon", "ballons", "sphère", "sphères", "boule", "boules")
            .kind(BIRD, "oiseau", "oiseaux", "oisillon")
            .kind(CAR, "voiture", "voitures", "automobile", "automobiles", "auto", "autos", "véhicule")
            .kind(FISH, "poisson", "poissons")
            .kind(BOX, "boîte", "boîtes", "caisse", "caisses", "cube", "cubes", "carton", "coffre")
            .kind(STAR, "étoile", "étoiles")
            .colour(RED, Side.BEFORE, "rouge", "rouges")
            .colour(ORANGE, Side.BEFORE, "orange", "oranges", "orangé", "orangée")
            .colour(YELLOW, Side.BEFORE, "jaune", "jaunes")
            .colour(GREEN, Side.BEFORE, "vert", "verte", "verts", "vertes")
            .colour(BLUE, Side.BEFORE, "bleu", "bleue", "bleus", "bleues")
            .colour(PURPLE, Side.BEFORE, "violet", "violette", "violets", "violettes", "mauve", "pourpre")
            .colour(PINK, Side.BEFORE, "rose", "roses")
            .colour(WHITE, Side.BEFORE, "blanc", "blanche", "blancs", "blanches")
            .colour(BLACK, Side.BEFORE, "noir", "noire", "noirs", "noires")
            .colour(BROWN, Side.BEFORE, "marron", "brun", "brune", "bruns", "brunes")
            .size(SMALL, Side.AFTER, "petit", "petite", "petits", "petites", "minuscule")
            .size(MEDIUM, Side.BEFORE, "de taille moyenne", "moyen", "moyenne", "moyens", "moyennes")
            .size(LARGE, Side.AFTER, "grand", "grande", "grands", "grandes", "gros", "grosse", "grosses", "énorme")
            .action(STILL, "immobile", "immobiles", "reste immobile", "ne bouge pas", "ne bougent pas", "fixe",
                    "statique", "sans bouger", "rester immobile", "au repos")
            .action(MOVE, "se déplace", "déplace", "se déplacer", "se déplacent", "avance", "avancer", "bouge", "bouger",
                    "glisse", "glisser", "roule", "rouler", "file", "va")
            .motion(MOVE, UP, "monte", "monter", "s'élève", "s'élever")
            .motion(MOVE, DOWN, "descend", "descendre", "tombe", "tomber")
            .run("court", "courir", "courent", "trotte")
            .action(GALLOP, "galope", "galoper", "galopent", "au galop")
            .action(BOUNCE, "rebondit", "rebondir", "rebondissent", "rebondissant")
            .action(JUMP, "saute", "sauter", "sautent", "bondit", "bondir", "fait un bond", "sautille")
            .action(SPIN, "tourne", "tourner", "tournent", "tourne sur lui-même", "tourne sur elle-même",
                    "tourner sur lui-même", "tourner sur elle-même", "pivote", "pivoter", "tournoie", "tournoyer")
            .action(GROW, "grandit", "grandir", "grossit", "grossir", "s'agrandit", "s'agrandir", "gonfle", "gonfler")
            .action(SHRINK, "rétrécit", "rétrécir", "rapetisse", "rapetisser", "diminue", "se rétracte")
            .action(FLY, "vole", "voler", "volent", "s'envole", "plane", "planer")
            .action(SWIM, "nage", "nager", "nagent")
            .direction(LEFT, "vers la gauche", "à gauche", "gauche")
            .direction(RIGHT, "vers la droite", "à droite", "droite")
            .direction(UP, "vers le haut", "en haut", "haut")
            .direction(DOWN, "vers le bas", "en bas", "bas")
            .relation(Relation.LEFT_OF, Side.AFTER, "à gauche de", "à gauche du", "à gauche d'", "à gauche des")
            .relation(Relation.RIGHT_OF, Side.AFTER, "à droite de", "à droite du", "à droite d'", "à droite des")
            .relation(Relation.ABOVE, Side.AFTER, "au-dessus de", "au-dessus du", "au-dessus d'", "au-dessus des", "sur")
            .relation(Relation.BELOW, Side.AFTER, "en dessous de", "en dessous du", "en dessous d'", "au-dessous de",
                    "au-dessous du", "au-dessous d'", "sous")
            .scene(Scene.MEADOW, "prairie", "prairies", "pré", "champ", "herbe", "pâturage")
            .scene(Scene.BEACH, "plage", "bord de mer", "bord de la mer", "rivage", "littoral")
            .scene(Scene.NIGHT_SKY, "ciel nocturne", "ciel étoilé", "ciel de nuit", "nuit", "voûte étoilée", "sous les étoiles", "la nuit")
            .scene(Scene.SNOW, "neige", "champ de neige", "paysage enneigé", "enneigé", "enneigée")
            .scene(Scene.DESERT, "désert", "dunes", "dunes de sable")
            .scene(Scene.CITY_STREET, "rue", "rues", "rue de la ville", "rue en ville", "ville", "route", "avenue")
            .scene(Scene.STUDIO, "studio", "studio vide", "fond uni")
            .camera(Camera.STATIC, "plan fixe", "caméra fixe")
            .camera(Camera.ZOOM_IN, "zoom avant", "zoome en avant", "zoome", "se rapproche", "zoomer en avant")
            .camera(Camera.ZOOM_OUT, "zoom arrière", "zoome en arrière", "dézoome", "recule", "s'éloigne", "zoomer en arrière")
            .pan("panoramique", "fait un panoramique", "panote", "balaie")
            .cameraNoun("caméra", "la caméra")
            .pronoun("il", "elle", "lui")
            .cut("coupe", "coupe sur", "puis coupe sur", "plan suivant", "nouveau plan", "changement de plan", "cut",
                    "second plan", "deuxième plan")
            .separator("et", "pendant que", "tandis que", "alors que", "puis", "ensuite", "aussi", "cependant que")
            .filler("un", "une", "le", "la", "l'", "les", "des", "du", "de", "d'", "à", "au", "aux", "dans", "en", "sur un",
                    "est", "sont", "se", "s'", "qui", "que", "qu'", "on", "voit", "il y a", "y", "a", "trouve", "se trouve",
                    "situé", "située", "placé", "placée", "train", "en train de", "lentement", "doucement", "vite",
                    "rapidement", "tranquillement", "toujours", "reste", "restent", "demeure", "scène", "se passe", "passe",
                    "décor", "cadre", "arrière-plan", "fond", "vidéo", "image", "lieu", "taille", "couleur", "de couleur",
                    "vide", "sa", "son", "ses", "lui-même", "elle-même", "sur lui-même", "sur elle-même", "même", "là",
                    "ici", "très", "tout", "côté", "direction", "en direction de", "vers", "par", "avec", "où", "pendant",
                    "montre", "montrer", "affiche", "plan", "au milieu", "milieu", "parmi", "entre", "travers", "à travers")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .run("fonce", "foncent")
            .action(SPIN, "tourbillonne", "tourbillonner")
            .action(SHRINK, "se ratatine", "ratatine")
            .motion(MOVE, DOWN, "coule", "couler")
            .action(JUMP, "sauts", "saut")
            .pan("balayant", "balaye")
            .filler("moi", "n'arrête pas de", "sans arrêt", "sans cesse", "long", "le long du", "à toute allure", "toute",
                    "allure", "peu à peu", "non plus", "garée", "d'abord", "abord", "regarde", "pleine", "enchaîne")
            .build();

    private record Noun(String word, boolean feminine) {
        boolean vowel() { return "aeiouéèêâîôûh".indexOf(Character.toLowerCase(word.charAt(0))) >= 0; }
    }

    @Override Language language() { return Language.FR; }

    @Override Lexicon lexicon() { return LEXICON; }

    /** The nouns a kind is written with, as often as each is picked; the first is the kind's plain name. */
    private static Noun[] nouns(Subject kind) {
        return switch (kind) {
            case HORSE -> new Noun[]{new Noun("cheval", false)};
            case BALL -> new Noun[]{new Noun("balle", true), new Noun("ballon", false), new Noun("boule", true)};
            case BIRD -> new Noun[]{new Noun("oiseau", false)};
            case CAR -> new Noun[]{new Noun("voiture", true), new Noun("voiture", true), new Noun("automobile", true)};
            case FISH -> new Noun[]{new Noun("poisson", false)};
            case BOX -> new Noun[]{new Noun("boîte", true), new Noun("caisse", true), new Noun("cube", false)};
            case STAR -> new Noun[]{new Noun("étoile", true)};
        };
    }

    private static Noun noun(SubjectSpec s, SplittableRandom rng) {
        Noun[] options = nouns(s.kind());
        return options.length == 1 ? options[0] : pick(rng, options);  // a kind with one noun draws nothing
    }

    /** An edit instruction's clause, the colour agreeing with the noun: "rends la balle bleue", "rends l'oiseau rouge". */
    static String recolour(Subject kind, Colour colour) {
        Noun n = nouns(kind)[0];
        String article = n.vowel() ? "l'" : n.feminine() ? "la " : "le ";
        return "rends " + article + n.word() + " " + colour(colour, n.feminine());
    }

    private static String colour(Colour c, boolean feminine) {
        return switch (c) {
            case RED -> "rouge";
            case ORANGE -> "orange";
            case YELLOW -> "jaune";
            case GREEN -> feminine ? "verte" : "vert";
            case BLUE -> feminine ? "bleue" : "bleu";
            case PURPLE -> feminine ? "violette" : "violet";
            case PINK -> "rose";
            case WHITE -> feminine ? "blanche" : "blanc";
            case BLACK -> feminine ? "noire" : "noir";
            case BROWN -> "marron";
        };
    }

    /** "un grand cheval marron", "une petite étoile jaune", "un oiseau bleu de taille moyenne". */
    private static String indefinite(Noun n, SubjectSpec s, SplittableRandom rng) {
        String article = n.feminine() ? "une " : "un ";
        String c = colour(s.colour(), n.feminine());
        return switch (s.size()) {
            case SMALL -> article + (n.feminine() ? "petite " : "petit ") + n.word() + " " + c;
            case LARGE -> article + pick(rng, n.feminine() ? "grande " : "grand ", n.feminine() ? "grosse " : "gros ") + n.word() + " " + c;
            case MEDIUM -> article + n.word() + " " + c + " de taille moyenne";
        };
    }

    /** The definite noun phrase after "de" (du, de la, de l') or alone (le, la, l'), kind and colour only. */
    private static String definite(SubjectSpec s, boolean afterDe, SplittableRandom rng) {
        Noun n = noun(s, rng);
        String body = n.word() + " " + colour(s.colour(), n.feminine());
        if (n.vowel()) return (afterDe ? "de l'" : "l'") + body;
        if (n.feminine()) return (afterDe ? "de la " : "la ") + body;
        return (afterDe ? "du " : "le ") + body;
    }

    private static String relation(Relation r, SubjectSpec reference, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> "à gauche " + definite(reference, true, rng);
            case RIGHT_OF -> "à droite " + definite(reference, true, rng);
            case ABOVE -> pick(rng, "au-dessus " + definite(reference, true, rng), "au-dessus " + definite(reference, true, rng));
            case BELOW -> pick(rng, "en dessous " + definite(reference, true, rng), "sous " + definite(reference, false, rng));
        };
    }

    /** {present tense, infinitive} of the action with its direction; "tourne sur lui-même" agrees with the noun. */
    private static String[] verb(SubjectSpec s, Noun n, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> "vers la gauche";
            case RIGHT -> "vers la droite";
            case UP -> "vers le haut";
            case DOWN -> "vers le bas";
            case NONE -> "";
        };
        String self = n.feminine() ? "elle-même" : "lui-même";
        String[] v = switch (s.action()) {
            case STILL -> pick(rng, new String[]{"reste immobile", "rester immobile"}, new String[]{"ne bouge pas", "rester immobile"});
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? new String[]{"monte", "monter"}
                    : s.direction() == DOWN && rng.nextBoolean() ? new String[]{"descend", "descendre"}
                    : pick(rng, new String[]{"se déplace", "se déplacer"}, new String[]{"glisse", "glisser"}, new String[]{"avance", "avancer"});
            case GALLOP -> new String[]{"galope", "galoper"};
            case BOUNCE -> new String[]{"rebondit", "rebondir"};
            case JUMP -> pick(rng, new String[]{"saute", "sauter"}, new String[]{"bondit", "bondir"});
            case SPIN -> pick(rng, new String[]{"tourne sur " + self, "tourner sur " + self}, new String[]{"pivote", "pivoter"}, new String[]{"tournoie", "tournoyer"});
            case GROW -> pick(rng, new String[]{"grandit", "grandir"}, new String[]{"grossit", "grossir"}, new String[]{"s'agrandit", "s'agrandir"});
            case SHRINK -> pick(rng, new String[]{"rétrécit", "rétrécir"}, new String[]{"rapetisse", "rapetisser"});
            case FLY -> pick(rng, new String[]{"vole", "voler"}, new String[]{"plane", "planer"});
            case SWIM -> new String[]{"nage", "nager"};
        };
        boolean wayInVerb = v[0].equals("monte") || v[0].equals("descend");
        if (way.isEmpty() || wayInVerb) return v;
        return new String[]{v[0] + " " + way, v[1] + " " + way};
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "dans une prairie", "dans un pré", "dans un champ");
            case BEACH -> pick(rng, "sur une plage", "sur la plage", "au bord de la mer");
            case NIGHT_SKY -> pick(rng, "dans le ciel nocturne", "sous un ciel étoilé", "dans un ciel de nuit");
            case SNOW -> pick(rng, "dans la neige", "sur un champ de neige", "dans un paysage enneigé");
            case DESERT -> pick(rng, "dans un désert", "dans le désert", "parmi les dunes");
            case CITY_STREET -> pick(rng, "dans une rue de la ville", "dans une rue", "sur une avenue");
            case STUDIO -> pick(rng, "dans un studio", "dans un studio vide", "sur un fond uni");
        };
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "La caméra reste fixe.", "La caméra ne bouge pas.", "Plan fixe.");
            case PAN_LEFT -> pick(rng, "La caméra fait un panoramique vers la gauche.", "La caméra balaie lentement vers la gauche.");
            case PAN_RIGHT -> pick(rng, "La caméra fait un panoramique vers la droite.", "La caméra balaie lentement vers la droite.");
            case ZOOM_IN -> pick(rng, "La caméra zoome en avant.", "La caméra se rapproche lentement.", "Zoom avant.");
            case ZOOM_OUT -> pick(rng, "La caméra zoome en arrière.", "La caméra s'éloigne lentement.", "Zoom arrière.");
        };
    }

    private static String clause(SubjectSpec s, String fronted, SplittableRandom rng) {
        Noun n = noun(s, rng);
        String[] v = verb(s, n, rng);
        String np = indefinite(n, s, rng);
        String head = fronted == null ? "" : fronted + ", ";
        return switch (rng.nextInt(4)) {
            case 0, 1 -> head + np + " " + v[0];
            case 2 -> head + np + " est en train de " + v[1];
            default -> head + "on voit " + np + " qui " + v[0];
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(3), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 2) sentences.add("La scène se passe " + locative(shot.scene(), rng) + ".");
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String fronted = i == 0 && scenePlace == 0 ? capitalised(locative(shot.scene(), rng))
                    : r != null && style == 0 ? capitalised(relation(r.relation(), subjects.get(r.reference()), rng)) : null;
            String clause = clause(s, fronted, rng);
            if (i == 0 && scenePlace == 1) clause = clause + " " + locative(shot.scene(), rng);
            sentences.add(capitalised(clause) + ".");
            if (r == null || style == 0) continue;
            SubjectSpec reference = subjects.get(r.reference());
            String verb = pick(rng, " est ", " se trouve ");
            sentences.add(capitalised(style == 1
                    ? definite(s, false, rng) + verb + relation(r.relation(), reference, rng)
                    : definite(reference, false, rng) + verb + relation(PromptAssembler.inverse(r.relation()), s, rng)) + ".");
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join(" ", sentences);
    }

    @Override
    String cut(SplittableRandom rng) {
        return pick(rng, " Puis, coupe sur un nouveau plan : ", " Ensuite, changement de plan. ", " Coupe. ", " Puis coupe sur le plan suivant : ");
    }
}
