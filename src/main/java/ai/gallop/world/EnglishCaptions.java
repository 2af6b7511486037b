package ai.gallop.world;

import ai.gallop.world.Lexicon.Side;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static ai.gallop.world.Vocabulary.Action.*;
import static ai.gallop.world.Vocabulary.Colour.*;
import static ai.gallop.world.Vocabulary.Direction.*;
import static ai.gallop.world.Vocabulary.Size.*;
import static ai.gallop.world.Vocabulary.Subject.*;

/** English captions and words. Adjectives stand before their noun, relations before their reference. */
final class EnglishCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.EN)
            .kind(HORSE, "horse", "horses", "pony", "ponies", "stallion", "mare", "foal")
            .kind(BALL, "ball", "balls", "sphere", "spheres", "orb")
            .kind(BIRD, "bird", "birds")
            .kind(CAR, "car", "cars", "automobile", "automobiles", "vehicle")
            .kind(FISH, "fish", "fishes")
            .kind(BOX, "box", "boxes", "cube", "cubes", "crate", "crates")
            .kind(STAR, "star", "stars")
            .colour(RED, Side.AFTER, "red", "crimson", "scarlet")
            .colour(ORANGE, Side.AFTER, "orange")
            .colour(YELLOW, Side.AFTER, "yellow")
            .colour(GREEN, Side.AFTER, "green")
            .colour(BLUE, Side.AFTER, "blue")
            .colour(PURPLE, Side.AFTER, "purple", "violet")
            .colour(PINK, Side.AFTER, "pink")
            .colour(WHITE, Side.AFTER, "white")
            .colour(BLACK, Side.AFTER, "black")
            .colour(BROWN, Side.AFTER, "brown")
            .size(SMALL, Side.AFTER, "small", "little", "tiny", "mini", "small-sized")
            .size(MEDIUM, Side.AFTER, "medium", "medium-sized", "mid-sized", "midsize", "medium size", "average-sized")
            .size(LARGE, Side.AFTER, "large", "big", "huge", "giant", "large-sized")
            .action(STILL, "still", "motionless", "stationary", "static", "steady", "does not move", "doesn't move",
                    "not moving", "at rest", "rests", "resting", "idle", "fixed")
            .action(MOVE, "moves", "move", "moving", "slides", "slide", "sliding", "drifts", "drift", "drifting",
                    "travels", "travel", "travelling", "traveling", "glides", "gliding", "rolls", "roll", "rolling",
                    "drives", "drive", "driving", "goes", "heads", "heading")
            .motion(MOVE, UP, "rises", "rise", "rising", "climbs", "climbing", "ascends", "ascending", "floats up")
            .motion(MOVE, DOWN, "sinks", "sink", "sinking", "descends", "descending", "falls", "falling", "drops")
            .run("runs", "run", "running", "races", "racing", "dashes", "dashing", "trots", "trotting")
            .action(GALLOP, "gallops", "gallop", "galloping", "canters", "canter", "cantering")
            .action(BOUNCE, "bounces", "bounce", "bouncing", "bounces up and down", "bouncing up and down",
                    "bobs up and down", "bobbing up and down")
            .action(JUMP, "jumps", "jump", "jumping", "jumps up", "leaps", "leap", "leaping", "hops", "hop", "hopping")
            .action(SPIN, "spins", "spin", "spinning", "spins around", "spinning around", "rotates", "rotate", "rotating",
                    "twirls", "twirling", "whirls", "whirling", "turns around", "spins in place")
            .action(GROW, "grows", "grow", "growing", "grows larger", "growing larger", "grows bigger", "gets bigger",
                    "getting bigger", "gets larger", "expands", "expanding", "swells", "inflates")
            .action(SHRINK, "shrinks", "shrink", "shrinking", "gets smaller", "getting smaller", "contracts",
                    "contracting", "dwindles", "deflates")
            .action(FLY, "flies", "fly", "flying", "soars", "soar", "soaring", "flutters", "fluttering", "flaps")
            .action(SWIM, "swims", "swim", "swimming")
            .direction(LEFT, "left", "to the left", "leftward", "leftwards", "towards the left", "toward the left")
            .direction(RIGHT, "right", "to the right", "rightward", "rightwards", "towards the right", "toward the right")
            .direction(UP, "up", "upward", "upwards")
            .direction(DOWN, "down", "downward", "downwards")
            .relation(Relation.LEFT_OF, Side.AFTER, "to the left of", "left of", "on the left of", "on the left side of")
            .relation(Relation.RIGHT_OF, Side.AFTER, "to the right of", "right of", "on the right of", "on the right side of")
            .relation(Relation.ABOVE, Side.AFTER, "above", "over", "on top of")
            .relation(Relation.BELOW, Side.AFTER, "below", "beneath", "under", "underneath")
            .scene(Scene.MEADOW, "meadow", "meadows", "grassy meadow", "field", "grassy field", "grassland", "pasture", "grass")
            .scene(Scene.BEACH, "beach", "sandy beach", "seaside", "shore", "seashore", "coast")
            .scene(Scene.NIGHT_SKY, "night sky", "starry sky", "starry night sky", "starry night", "night", "under the stars", "beneath the stars", "at night")
            .scene(Scene.SNOW, "snow", "snowy field", "snowy landscape", "snowfield", "snowy plain", "snowy")
            .scene(Scene.DESERT, "desert", "sand dunes", "dunes")
            .scene(Scene.CITY_STREET, "city street", "street", "streets", "city", "road", "town")
            .scene(Scene.STUDIO, "studio", "plain studio", "empty studio", "plain background", "blank background")
            .camera(Camera.STATIC, "static camera", "fixed camera", "still camera", "static shot", "locked off", "locked-off shot")
            .camera(Camera.ZOOM_IN, "zooms in", "zoom in", "zooming in", "pushes in", "push in", "dollies in")
            .camera(Camera.ZOOM_OUT, "zooms out", "zoom out", "zooming out", "pulls back", "pull back", "pulls out", "dollies out")
            .pan("pans", "pan", "panning")
            .cameraNoun("camera", "the camera", "lens")
            .pronoun("it", "its")
            .cut("cut to", "cuts to", "then cut to", "cut", "cuts", "next shot", "new shot", "second shot", "cutting to")
            .separator("and", "while", "whilst", "as", "whereas", "meanwhile", "then", "also")
            .filler("a", "an", "the", "is", "are", "be", "being", "in", "on", "at", "into", "onto", "with", "across",
                    "through", "along", "around", "against", "among", "amid", "amidst", "from", "of", "to", "toward", "towards", "by", "there",
                    "here", "which", "that", "who", "where", "itself", "very", "slowly", "quickly", "fast", "gently",
                    "steadily", "smoothly", "calmly", "happily", "playfully", "constantly", "repeatedly", "away",
                    "frame", "background", "foreground", "setting", "scene", "backdrop", "video", "clip", "view",
                    "seen", "shown", "visible", "we", "see", "stays", "staying", "stands", "standing", "sits", "sitting",
                    "remains", "remaining", "keeps", "holds", "takes", "place", "one", "positioned", "located",
                    "placed", "sized", "coloured", "colored", "colour", "color", "size", "plain", "empty", "grassy",
                    "sandy", "starry", "busy", "please", "show", "shows", "showing", "make", "generate", "render",
                    "create", "animation", "scene of", "now", "just", "same", "other", "another", "side", "way")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .action(FLY, "flapping", "flaps its wings", "swoops", "swooping", "swoop")
            .run("charge", "charges", "charging")
            .action(MOVE, "cruises", "cruise", "cruising", "speeds", "speeding", "floats", "floating")
            .action(STILL, "doesn't budge", "does not budge", "stays put", "staying put", "stay put")
            .camera(Camera.ZOOM_IN, "moves in closer", "moving in closer", "moves closer", "moving closer")
            .camera(Camera.ZOOM_OUT, "pulling back", "pulling out")
            .filler("me", "there's", "watch", "off", "can", "you", "keep", "round", "picture", "i", "want", "nothing",
                    "perfectly", "first", "hard", "about", "give", "out")
            .build();

    @Override Language language() { return Language.EN; }

    @Override Lexicon lexicon() { return LEXICON; }

    private static String size(SubjectSpec s, SplittableRandom rng) {
        return switch (s.size()) {
            case SMALL -> pick(rng, "small", "little", "tiny");
            case MEDIUM -> pick(rng, "medium-sized", "mid-sized", "medium");
            case LARGE -> pick(rng, "large", "big", "huge");
        };
    }

    private static String colour(SubjectSpec s, SplittableRandom rng) {
        return s.colour() == PURPLE ? pick(rng, "purple", "violet") : s.colour().id();
    }

    private static String noun(SubjectSpec s, SplittableRandom rng) {
        return switch (s.kind()) {
            case HORSE -> "horse";
            case BALL -> pick(rng, "ball", "ball", "sphere");
            case BIRD -> "bird";
            case CAR -> pick(rng, "car", "car", "automobile");
            case FISH -> "fish";
            case BOX -> pick(rng, "box", "box", "cube", "crate");
            case STAR -> "star";
        };
    }

    private static String indefinite(String phrase) {
        return ("aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an " : "a ") + phrase;
    }

    /** First mention: every attribute, e.g. "a big red ball" or "a big ball, red in colour,". */
    private static String introduce(SubjectSpec s, SplittableRandom rng) {
        if (rng.nextInt(5) == 0) return indefinite(size(s, rng) + " " + noun(s, rng)) + ", " + colour(s, rng) + " in colour,";
        return indefinite(size(s, rng) + " " + colour(s, rng) + " " + noun(s, rng));
    }

    /** Later mention: kind and colour, which no other subject of the shot shares. */
    private static String definite(SubjectSpec s, SplittableRandom rng) { return "the " + colour(s, rng) + " " + noun(s, rng); }

    /** {third person, participle} forms of the action with its direction. */
    private static String[] verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> pick(rng, "to the left", "left", "leftward");
            case RIGHT -> pick(rng, "to the right", "right", "rightward");
            case UP -> pick(rng, "up", "upward");
            case DOWN -> pick(rng, "down", "downward");
            case NONE -> "";
        };
        String[] v = switch (s.action()) {
            case STILL -> pick(rng, new String[]{"stays still", "staying still"}, new String[]{"stands still", "standing still"},
                    new String[]{"does not move", "not moving"}, new String[]{"remains motionless", "remaining motionless"});
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? new String[]{"rises", "rising"}
                    : s.direction() == DOWN && rng.nextBoolean() ? pick(rng, new String[]{"sinks", "sinking"}, new String[]{"descends", "descending"})
                    : pick(rng, new String[]{"moves", "moving"}, new String[]{"slides", "sliding"},
                    new String[]{"drifts", "drifting"}, new String[]{"travels", "travelling"});
            case GALLOP -> pick(rng, new String[]{"gallops", "galloping"}, new String[]{"gallops", "galloping"}, new String[]{"canters", "cantering"});
            case BOUNCE -> pick(rng, new String[]{"bounces", "bouncing"}, new String[]{"bounces up and down", "bouncing up and down"},
                    new String[]{"bobs up and down", "bobbing up and down"});
            case JUMP -> pick(rng, new String[]{"jumps", "jumping"}, new String[]{"leaps", "leaping"}, new String[]{"hops", "hopping"});
            case SPIN -> pick(rng, new String[]{"spins", "spinning"}, new String[]{"spins around", "spinning around"},
                    new String[]{"rotates", "rotating"}, new String[]{"twirls", "twirling"});
            case GROW -> pick(rng, new String[]{"grows", "growing"}, new String[]{"grows larger", "growing larger"},
                    new String[]{"gets bigger", "getting bigger"}, new String[]{"expands", "expanding"});
            case SHRINK -> pick(rng, new String[]{"shrinks", "shrinking"}, new String[]{"gets smaller", "getting smaller"},
                    new String[]{"contracts", "contracting"});
            case FLY -> pick(rng, new String[]{"flies", "flying"}, new String[]{"soars", "soaring"}, new String[]{"flutters", "fluttering"});
            case SWIM -> new String[]{"swims", "swimming"};
        };
        boolean wayInVerb = v[0].equals("rises") || v[0].equals("sinks") || v[0].equals("descends");
        if (way.isEmpty() || wayInVerb) return v;
        return new String[]{v[0] + " " + way, v[1] + " " + way};
    }

    private static String clause(SubjectSpec s, SplittableRandom rng) {
        String[] v = verb(s, rng);
        return switch (rng.nextInt(4)) {
            case 0, 1 -> introduce(s, rng) + " " + v[0];
            case 2 -> introduce(s, rng) + " is " + v[1];
            default -> "there is " + introduce(s, rng) + " " + v[1];
        };
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "in a meadow", "on a grassy meadow", "in a grassy field");
            case BEACH -> pick(rng, "on a beach", "on a sandy beach", "by the seaside");
            case NIGHT_SKY -> pick(rng, "against a night sky", "under a starry night sky", "beneath the night sky");
            case SNOW -> pick(rng, "in the snow", "on a snowy field", "in a snowy landscape");
            case DESERT -> pick(rng, "in a desert", "in the desert", "among sand dunes");
            case CITY_STREET -> pick(rng, "on a city street", "in a city street", "on a busy city street");
            case STUDIO -> pick(rng, "in a studio", "in a plain studio", "in an empty studio");
        };
    }

    private static String sceneSentence(Scene scene, SplittableRandom rng) {
        String noun = switch (scene) {
            case MEADOW -> pick(rng, "a meadow", "a grassy field");
            case BEACH -> pick(rng, "a beach", "a sandy beach");
            case NIGHT_SKY -> pick(rng, "a starry night sky", "the night sky");
            case SNOW -> pick(rng, "a snowy landscape", "a snowfield");
            case DESERT -> pick(rng, "a desert", "the desert");
            case CITY_STREET -> pick(rng, "a city street", "a busy street");
            case STUDIO -> pick(rng, "a plain studio", "an empty studio");
        };
        return rng.nextBoolean() ? "The setting is " + noun + "." : "The scene takes place " + locative(scene, rng) + ".";
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "The camera stays still.", "The camera is static.", "The camera does not move.", "The camera holds steady.");
            case PAN_LEFT -> pick(rng, "The camera pans to the left.", "The camera pans left.", "The camera slowly pans left.");
            case PAN_RIGHT -> pick(rng, "The camera pans to the right.", "The camera pans right.", "The camera slowly pans right.");
            case ZOOM_IN -> pick(rng, "The camera zooms in.", "The camera slowly zooms in.", "The camera pushes in.");
            case ZOOM_OUT -> pick(rng, "The camera zooms out.", "The camera slowly zooms out.", "The camera pulls back.");
        };
    }

    private static String cameraPhrase(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "with a static camera", "seen from a fixed camera");
            case PAN_LEFT -> pick(rng, "as the camera pans left", "with the camera panning to the left");
            case PAN_RIGHT -> pick(rng, "as the camera pans right", "with the camera panning to the right");
            case ZOOM_IN -> pick(rng, "as the camera zooms in", "with the camera zooming in");
            case ZOOM_OUT -> pick(rng, "as the camera zooms out", "with the camera zooming out");
        };
    }

    private static String relationWords(Relation r, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> pick(rng, "to the left of", "left of", "on the left of");
            case RIGHT_OF -> pick(rng, "to the right of", "right of", "on the right of");
            case ABOVE -> pick(rng, "above", "above", "over");
            case BELOW -> pick(rng, "below", "beneath", "under");
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(3), cameraPlace = rng.nextInt(3);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 2) sentences.add(sceneSentence(shot.scene(), rng));
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            String clause = clause(subjects.get(i), rng);
            if (i == 0 && scenePlace == 0) clause = locative(shot.scene(), rng) + ", " + clause;
            if (i == 0 && scenePlace == 1) clause = clause + " " + locative(shot.scene(), rng);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(4);
            if (r != null && style == 0)
                clause = relationWords(r.relation(), rng) + " " + definite(subjects.get(r.reference()), rng) + ", " + clause;
            if (i == subjects.size() - 1 && cameraPlace == 2) clause = clause + " " + cameraPhrase(shot.camera(), rng);
            sentences.add(capitalised(clause) + ".");
            if (r == null || style == 0) continue;
            String placed = definite(subjects.get(i), rng), reference = definite(subjects.get(r.reference()), rng);
            sentences.add(capitalised(switch (style) {
                case 1 -> placed + " is " + relationWords(r.relation(), rng) + " " + reference;
                case 2 -> reference + " is " + relationWords(PromptAssembler.inverse(r.relation()), rng) + " " + placed;
                default -> relationWords(r.relation(), rng) + " " + reference + " is " + placed;
            }) + ".");
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join(" ", sentences);
    }

    @Override
    String cut(SplittableRandom rng) {
        return pick(rng, " Then cut to: ", " Then the video cuts to a new shot. ", " Cut to the next shot: ", " Then cut to a second shot. ");
    }
}
