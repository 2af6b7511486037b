package ai.gallop.eval;

import ai.gallop.eval.Expectation.Actor;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Relation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does the picture show what the prompt asked for? Each dimension is a mean of per-item scores in
 * [0, 1] over the items the expectation states; a dimension with no stated item is left out (not
 * scored) rather than given a free 1. Expected shot i is judged against detected shot i (the last
 * detected shot when fewer were found).
 */
public final class SemanticDimensions {
    public static final String OBJECT_CLASS = "object_class", COLOUR = "colour", SUBJECT_COUNT = "subject_count",
            MULTIPLE_OBJECTS = "multiple_objects", ACTION = "action", SPATIAL_RELATIONSHIP = "spatial_relationship",
            SCENE = "scene", CAMERA_MOTION = "camera_motion", SHOTS = "shots";
    public static final List<String> NAMES = List.of(OBJECT_CLASS, COLOUR, SUBJECT_COUNT, MULTIPLE_OBJECTS, ACTION,
            SPATIAL_RELATIONSHIP, SCENE, CAMERA_MOTION, SHOTS);
    /** VBench's spatial-relationship IoU threshold: overlapping boxes score threshold / IoU. */
    static final double IOU_THRESHOLD = 0.1;

    private SemanticDimensions() {}

    /** Dimension name to score in [0, 1], in the order of {@link #NAMES}; unscored dimensions are absent. */
    public static Map<String, Double> score(PictureAnalysis analysis, Expectation expected) {
        Map<String, List<Double>> items = new LinkedHashMap<>();
        for (String name : NAMES) items.put(name, new ArrayList<>());
        List<ShotAnalysis> found = analysis.shots();
        if (expected.shotCount() != null) items.get(SHOTS).add(found.size() == expected.shotCount() ? 1.0 : 0.0);
        for (int s = 0; s < expected.shots().size(); s++) {
            Expectation.Shot want = expected.shots().get(s);
            ShotAnalysis got = found.get(Math.min(s, found.size() - 1));
            if (want.scene() != null) items.get(SCENE).add(got.scene() == want.scene() ? 1.0 : 0.0);
            if (want.camera() != null) items.get(CAMERA_MOTION).add(got.camera() == want.camera() ? 1.0 : 0.0);
            scoreSubjects(want, got, items);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (var e : items.entrySet())
            if (!e.getValue().isEmpty()) scores.put(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        return Collections.unmodifiableMap(scores);
    }

    private static void scoreSubjects(Expectation.Shot want, ShotAnalysis got, Map<String, List<Double>> items) {
        List<Actor> actors = want.subjects();
        if (actors.isEmpty()) return;
        SubjectTrack[] matched = SubjectMatcher.match(actors, got.subjects());
        int n = actors.size(), detected = got.subjects().size();
        items.get(SUBJECT_COUNT).add(Math.min(n, detected) / (double) Math.max(n, detected));
        boolean allPresent = true;
        for (int i = 0; i < n; i++) {
            Actor a = actors.get(i);
            SubjectTrack t = matched[i];
            boolean kindOk = a.kind() == null || (t != null && t.kind() == a.kind());
            boolean colourOk = a.colour() == null || (t != null && t.colour() == a.colour());
            if (a.kind() != null) items.get(OBJECT_CLASS).add(kindOk ? 1.0 : 0.0);
            if (a.colour() != null) items.get(COLOUR).add(colourOk ? 1.0 : 0.0);
            if (a.action() != null) items.get(ACTION).add(actionScore(a, t));
            allPresent &= t != null && kindOk && colourOk;
        }
        if (n >= 2) items.get(MULTIPLE_OBJECTS).add(allPresent ? 1.0 : 0.0);
        for (RelationSpec r : want.relations())
            items.get(SPATIAL_RELATIONSHIP).add(relationScore(r.relation(), matched[r.subject()], matched[r.reference()]));
    }

    /** 1 for the right action going the right way, 0.5 for the right action the wrong way, else 0. */
    private static double actionScore(Actor a, SubjectTrack t) {
        if (t == null || t.action() != a.action()) return 0;
        Direction want = a.direction();
        return want == null || want == Direction.NONE || want == t.direction() ? 1 : 0.5;
    }

    /**
     * VBench's rule on the first frame where both subjects are seen: the centres must differ along
     * the relation's axis, in its sense, by more than along the other axis; then the score is 1 when
     * the boxes overlap by IoU < 0.1 and 0.1 / IoU otherwise.
     */
    static double relationScore(Relation relation, SubjectTrack subject, SubjectTrack reference) {
        if (subject == null || reference == null) return 0;
        Track a = subject.track(), b = reference.track();
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            Blob p = a.at(i), q = b.at(i);
            if (p == null || q == null) continue;
            double dx = (q.x0() + q.x1()) / 2.0 - (p.x0() + p.x1()) / 2.0, dy = (q.y0() + q.y1()) / 2.0 - (p.y0() + p.y1()) / 2.0;
            boolean ok = switch (relation) {
                case LEFT_OF -> dx > 0 && Math.abs(dx) > Math.abs(dy);
                case RIGHT_OF -> dx < 0 && Math.abs(dx) > Math.abs(dy);
                case ABOVE -> dy > 0 && Math.abs(dy) > Math.abs(dx);
                case BELOW -> dy < 0 && Math.abs(dy) > Math.abs(dx);
            };
            if (!ok) return 0;
            double iou = p.boxIou(q);
            return iou < IOU_THRESHOLD ? 1 : IOU_THRESHOLD / iou;
        }
        return 0;
    }
}
