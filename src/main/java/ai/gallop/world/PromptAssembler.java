package ai.gallop.world;

import ai.gallop.world.Lexicon.Sense;
import ai.gallop.world.Lexicon.Side;
import ai.gallop.world.PromptParser.Item;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups matched words into shots, subjects and relations, the same way in every language: a cut
 * starts a shot, a break ends a clause; an adjective belongs to the adjacent noun on the side its
 * language puts nouns; a relation's reference is the noun phrase on the side its language puts it;
 * verbs and directions belong to the nearest subject of their clause, an earlier one first. A noun
 * phrase that repeats a subject's kind without contradicting its colour or size is that subject again.
 */
final class PromptAssembler {
    private PromptAssembler() {}

    /** A subject being read; null fields are unsaid. */
    private static final class Entity {
        Subject kind;
        Colour colour;
        Size size;
        Action action;
        Direction direction;
        boolean runs;

        boolean accepts(Mention m) {
            return kind == m.kind && (colour == null || m.colour == null || colour == m.colour)
                    && (size == null || m.size == null || size == m.size);
        }

        void paint(Colour c) { if (colour == null) colour = c; }

        void bulk(Size s) { if (size == null) size = s; }

        ParsedSubject parsed() {
            Action a = action != null ? action : runs ? (kind == Subject.HORSE ? Action.GALLOP : Action.MOVE) : null;
            return new ParsedSubject(kind, colour, size, a, direction);
        }
    }

    private enum MentionType { THING, CAMERA, PRONOUN }

    /** One noun phrase in a clause. */
    private static final class Mention {
        final MentionType type;
        final Subject kind;
        Colour colour;
        Size size;
        boolean reference;
        Entity entity;

        Mention(MentionType type, Subject kind) { this.type = type; this.kind = kind; }

        boolean main() { return !reference; }
    }

    private static final class Shot {
        Scene scene;
        Camera camera;
        final List<Entity> entities = new ArrayList<>();
        final List<Entity[]> placed = new ArrayList<>();
        final List<Relation> relations = new ArrayList<>();
        Entity topic;
        boolean said;

        void camera(Camera c) { if (camera == null && c != null) camera = c; }

        ParsedShot parsed() {
            List<ParsedSubject> subjects = entities.stream().map(Entity::parsed).toList();
            List<RelationSpec> out = new ArrayList<>();
            for (int i = 0; i < placed.size(); i++) {
                int a = entities.indexOf(placed.get(i)[0]), b = entities.indexOf(placed.get(i)[1]);
                RelationSpec r = a > b ? new RelationSpec(a, relations.get(i), b) : new RelationSpec(b, inverse(relations.get(i)), a);
                if (!out.contains(r)) out.add(r);
            }
            return new ParsedShot(scene, camera, subjects, out);
        }
    }

    static List<ParsedShot> assemble(List<Item> items) {
        List<ParsedShot> shots = new ArrayList<>();
        Shot shot = new Shot();
        List<Item> clause = new ArrayList<>();
        for (Item item : items) {
            if (item.sense() instanceof Sense.Cut) {
                clause(clause, shot);
                if (shot.said) shots.add(shot.parsed());
                shot = new Shot();
            } else if (item.sense() instanceof Sense.Break) {
                clause(clause, shot);
            } else {
                clause.add(item);
            }
        }
        clause(clause, shot);
        if (shot.said) shots.add(shot.parsed());
        return shots;
    }

    /** Reads one clause into the shot and empties it. */
    private static void clause(List<Item> items, Shot shot) {
        if (items.isEmpty()) return;
        if (items.stream().anyMatch(i -> i.sense() != null)) shot.said = true;
        int n = items.size();
        boolean[] used = new boolean[n];
        Mention[] mentionAt = new Mention[n];
        List<Integer> mentionPositions = new ArrayList<>();

        for (int i = 0; i < n; i++) {
            Sense s = items.get(i).sense();
            if (s instanceof Sense.Place p) { if (shot.scene == null) shot.scene = p.scene(); used[i] = true; }
            else if (s instanceof Sense.Lens l) { shot.camera(l.camera()); used[i] = true; }
            else if (s instanceof Sense.Kind k) mentionAt[i] = new Mention(MentionType.THING, k.kind());
            else if (s instanceof Sense.CameraNoun) mentionAt[i] = new Mention(MentionType.CAMERA, null);
            else if (s instanceof Sense.Pronoun) mentionAt[i] = new Mention(MentionType.PRONOUN, null);
        }
        // A pan takes its direction from the direction phrase right after it, else right before it.
        for (int i = 0; i < n; i++) {
            if (!(items.get(i).sense() instanceof Sense.Pan)) continue;
            used[i] = true;
            for (int j : new int[]{i + 1, i - 1}) {
                if (j < 0 || j >= n || used[j] || !(items.get(j).sense() instanceof Sense.Act a) || a.action() != null) continue;
                if (a.direction() == Direction.LEFT) shot.camera(Camera.PAN_LEFT);
                else if (a.direction() == Direction.RIGHT) shot.camera(Camera.PAN_RIGHT);
                else continue;
                used[j] = true;
                break;
            }
        }

        // Adjectives: the preferred side, past other adjectives (and unknown adjectives), then the other side.
        List<Integer> orphans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Side side = adjectiveSide(items.get(i).sense());
            if (side == null) continue;
            int step = side == Side.AFTER ? 1 : -1;
            Mention m = noun(items, mentionAt, i, step, false);
            if (m == null) m = noun(items, mentionAt, i, step, true);
            if (m == null) m = noun(items, mentionAt, i, -step, false);
            if (m == null) m = unknownHead(items, mentionAt, i, step);
            if (m == null) { orphans.add(i); continue; }
            describe(m, items.get(i).sense());
            mentionAt[i] = m;
            used[i] = true;
        }
        for (int i = 0; i < n; i++) if (mentionAt[i] != null && headOf(mentionAt, i)) mentionPositions.add(i);

        // Relations: the reference is the noun phrase on the language's side of the phrase.
        List<int[]> relationAt = new ArrayList<>();   // {position, reference position}
        for (int i = 0; i < n; i++) {
            if (!(items.get(i).sense() instanceof Sense.Position p)) continue;
            used[i] = true;
            int j = p.reference() == Side.AFTER ? i + 1 : i - 1;
            if (j < 0 || j >= n || mentionAt[j] == null || mentionAt[j].type == MentionType.CAMERA) continue;
            mentionAt[j].reference = true;
            relationAt.add(new int[]{i, j});
        }

        // "a box jumps, and to its left a car...": a pronoun means the clause's latest subject, else the previous clause's.
        Entity latest = null;
        for (int i : mentionPositions) {
            Mention m = mentionAt[i];
            if (m.type == MentionType.PRONOUN && latest != null) m.entity = latest;
            else resolve(m, shot);
            if (m.type == MentionType.THING && m.main() && m.entity != null) latest = m.entity;
        }

        // A relation places the nearest other subject; without one, its reference was a plain subject after all.
        List<Entity[]> relationEnds = new ArrayList<>();
        for (int[] r : relationAt) {
            Entity reference = mentionAt[r[1]].entity;
            Entity subject = placedSubject(mentionAt, r[0], n, reference);
            if (reference == null || subject == null || subject == reference) {
                mentionAt[r[1]].reference = false;
                relationEnds.add(null);
            } else {
                relationEnds.add(new Entity[]{subject, reference});
            }
        }

        for (int i : orphans) {
            Entity target = target(mentionAt, i, n, shot, false);
            if (target != null) describe(target, items.get(i).sense());
        }

        for (int i = 0; i < n; i++) {
            Sense s = items.get(i).sense();
            if (used[i] || !(s instanceof Sense.Act || s instanceof Sense.Run)) continue;
            Mention m = actor(items, mentionAt, i, n);
            if (m != null && m.type == MentionType.CAMERA) {
                if (s instanceof Sense.Act a) shot.camera(cameraMove(a));
                continue;
            }
            Entity e = m != null ? m.entity : target(mentionAt, i, n, shot, true);
            if (e == null) continue;
            if (s instanceof Sense.Act a) {
                if (e.action == null) e.action = a.action();
                if (e.direction == null) e.direction = a.direction();
            } else {
                e.runs = true;
            }
        }

        for (int k = 0; k < relationAt.size(); k++) {
            if (relationEnds.get(k) == null) continue;
            shot.placed.add(relationEnds.get(k));
            shot.relations.add(((Sense.Position) items.get(relationAt.get(k)[0]).sense()).relation());
        }

        for (int i : mentionPositions)
            if (mentionAt[i].type != MentionType.CAMERA && mentionAt[i].main() && mentionAt[i].entity != null)
                shot.topic = mentionAt[i].entity;
        items.clear();
    }

    private static Side adjectiveSide(Sense s) {
        if (s instanceof Sense.Paint p) return p.noun();
        if (s instanceof Sense.Bulk b) return b.noun();
        return null;
    }

    private static boolean isAdjective(Item item) { return adjectiveSide(item.sense()) != null; }

    /** The noun an adjective at i describes, looking in direction step past adjectives (and unknown words if asked). */
    private static Mention noun(List<Item> items, Mention[] mentionAt, int i, int step, boolean pastUnknown) {
        for (int j = i + step; j >= 0 && j < items.size(); j += step) {
            Item item = items.get(j);
            if (mentionAt[j] != null && mentionAt[j].type == MentionType.THING && !isAdjective(item)) return mentionAt[j];
            if (isAdjective(item) || (pastUnknown && item.sense() == null)) continue;
            return null;
        }
        return null;
    }

    /** "a purple dragon": an adjective whose noun is an unknown word describes a subject of unknown kind. */
    private static Mention unknownHead(List<Item> items, Mention[] mentionAt, int i, int step) {
        for (int j = i + step; j >= 0 && j < items.size(); j += step) {
            if (isAdjective(items.get(j))) continue;
            if (items.get(j).sense() != null) return null;
            if (mentionAt[j] == null) mentionAt[j] = new Mention(MentionType.THING, null);
            return mentionAt[j];
        }
        return null;
    }

    /** Whether position i holds the head of its mention (the noun, or the unknown word standing for it). */
    private static boolean headOf(Mention[] mentionAt, int i) {
        Mention m = mentionAt[i];
        for (int j = 0; j < i; j++) if (mentionAt[j] == m) return false;
        return true;
    }

    private static void describe(Mention m, Sense s) {
        if (s instanceof Sense.Paint p && m.colour == null) m.colour = p.colour();
        if (s instanceof Sense.Bulk b && m.size == null) m.size = b.size();
    }

    private static void describe(Entity e, Sense s) {
        if (s instanceof Sense.Paint p) e.paint(p.colour());
        if (s instanceof Sense.Bulk b) e.bulk(b.size());
    }

    private static void resolve(Mention m, Shot shot) {
        switch (m.type) {
            case CAMERA -> { }
            case PRONOUN -> m.entity = shot.topic;
            case THING -> {
                for (Entity e : shot.entities) {
                    if (e.accepts(m)) {
                        e.paint(m.colour);
                        e.bulk(m.size);
                        m.entity = e;
                        return;
                    }
                }
                Entity e = new Entity();
                e.kind = m.kind;
                e.colour = m.colour;
                e.size = m.size;
                shot.entities.add(e);
                m.entity = e;
            }
        }
    }

    /**
     * Who does the verb at i: the nearest subject before it in the clause, unless that one already
     * acts and the noun right after the verb does not ("a ball bounces by a galloping horse"); else
     * the nearest subject after it.
     */
    private static Mention actor(List<Item> items, Mention[] mentionAt, int i, int n) {
        Mention before = nearestMain(mentionAt, i, -1, n);
        boolean verb = items.get(i).sense() instanceof Sense.Run
                || (items.get(i).sense() instanceof Sense.Act a && a.action() != null);
        if (before != null && verb && before.entity != null && (before.entity.action != null || before.entity.runs)
                && i + 1 < n && mentionAt[i + 1] != null && mentionAt[i + 1].main() && mentionAt[i + 1].entity != null
                && mentionAt[i + 1].entity.action == null && !mentionAt[i + 1].entity.runs)
            return mentionAt[i + 1];
        if (before != null && (before.entity != null || before.type == MentionType.CAMERA)) return before;
        Mention after = nearestMain(mentionAt, i, 1, n);
        if (after != null && (after.entity != null || after.type == MentionType.CAMERA)) return after;
        return null;
    }

    private static Mention nearestMain(Mention[] mentionAt, int i, int step, int n) {
        for (int j = i + step; j >= 0 && j < n; j += step)
            if (mentionAt[j] != null && mentionAt[j].main() && (mentionAt[j].entity != null || mentionAt[j].type == MentionType.CAMERA))
                return mentionAt[j];
        return null;
    }

    /** A subject for a word no noun of its clause claims: the clause's nearest subject, the topic, or a new one of unknown kind. */
    private static Entity target(Mention[] mentionAt, int i, int n, Shot shot, boolean verbsOnly) {
        for (int step : new int[]{-1, 1}) {
            for (int j = i + step; j >= 0 && j < n; j += step)
                if (mentionAt[j] != null && mentionAt[j].type != MentionType.CAMERA && mentionAt[j].entity != null
                        && (mentionAt[j].main() || !verbsOnly)) return mentionAt[j].entity;
        }
        if (shot.topic != null) return shot.topic;
        Entity e = new Entity();
        shot.entities.add(e);
        shot.topic = e;
        return e;
    }

    /** The subject a relation places: the nearest other subject before the phrase, else after it. */
    private static Entity placedSubject(Mention[] mentionAt, int i, int n, Entity reference) {
        for (int step : new int[]{-1, 1})
            for (int j = i + step; j >= 0 && j < n; j += step) {
                Mention m = mentionAt[j];
                if (m != null && m.main() && m.type != MentionType.CAMERA && m.entity != null && m.entity != reference) return m.entity;
            }
        return null;
    }

    /** What a camera does, as a camera move: moving sideways is a pan, holding still is a static shot. */
    private static Camera cameraMove(Sense.Act a) {
        if (a.direction() == Direction.LEFT) return Camera.PAN_LEFT;
        if (a.direction() == Direction.RIGHT) return Camera.PAN_RIGHT;
        if (a.action() == Action.STILL) return Camera.STATIC;
        if (a.action() == Action.GROW) return Camera.ZOOM_IN;
        if (a.action() == Action.SHRINK) return Camera.ZOOM_OUT;
        return null;
    }

    static Relation inverse(Relation r) {
        return switch (r) {
            case LEFT_OF -> Relation.RIGHT_OF;
            case RIGHT_OF -> Relation.LEFT_OF;
            case ABOVE -> Relation.BELOW;
            case BELOW -> Relation.ABOVE;
        };
    }
}
