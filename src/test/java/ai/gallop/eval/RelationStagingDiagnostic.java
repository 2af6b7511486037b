package ai.gallop.eval;

import ai.gallop.world.FrameTruth;
import ai.gallop.world.PixelBox;
import ai.gallop.world.RelationSpec;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectTruth;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a CI test: how clearly the world stages its relations for VBench's rule. For the dev suite's
 * specs and sampled ones it takes the renderer's own visible boxes on the first frame both subjects
 * of a relation are seen, and counts the relations whose named axis does not dominate (by less than
 * 2 pixels) or whose boxes overlap by IoU 0.1 or more: the judge cannot score those 1 even on exact
 * boxes. Run with -Dtest=RelationStagingDiagnostic [-Dgallop.diag.seeds=N].
 */
class RelationStagingDiagnostic {
    @Test void countUnclearRelations() {
        WorldRenderer renderer = new WorldRenderer();
        List<SceneSpec> specs = new ArrayList<>(PromptSuite.load("dev").entries().stream().map(PromptSuite.Entry::spec).toList());
        int dev = specs.size();
        SpecSampler sampler = new SpecSampler();
        for (long seed = 0; seed < Integer.getInteger("gallop.diag.seeds", 300); seed++) specs.add(sampler.sample(seed, new VideoFormat(64, 64, 8, 17)));
        int[] relations = new int[2], narrow = new int[2], wrongAxis = new int[2], overlapping = new int[2];
        for (int i = 0; i < specs.size(); i++) {
            SceneSpec spec = specs.get(i);
            int set = i < dev ? 0 : 1;
            List<FrameTruth> frames = renderer.render(spec).truth().frames();
            for (int s = 0; s < spec.shots().size(); s++)
                for (RelationSpec r : spec.shots().get(s).relations()) {
                    relations[set]++;
                    for (int k = spec.shotStart(s); k < spec.shotEnd(s); k++) {
                        PixelBox a = box(frames.get(k), r.subject()), b = box(frames.get(k), r.reference());
                        if (a == null || b == null) continue;
                        double dx = b.centreX() - a.centreX(), dy = b.centreY() - a.centreY();
                        boolean vertical = r.relation() == Relation.ABOVE || r.relation() == Relation.BELOW;
                        double along = vertical ? Math.abs(dy) : Math.abs(dx), across = vertical ? Math.abs(dx) : Math.abs(dy);
                        if (along <= across) wrongAxis[set]++;
                        else if (along - across < 2) narrow[set]++;
                        if (iou(a, b) >= 0.1) overlapping[set]++;
                        if (along - across < 2 || iou(a, b) >= 0.1)
                            System.out.printf(Locale.ROOT, "%s seed %d shot %d %s: along %.1f across %.1f iou %.2f%n", set == 0 ? "dev" : "sampled",
                                    spec.seed(), s, r, along, across, iou(a, b));
                        break;
                    }
                }
        }
        for (int set = 0; set < 2; set++)
            System.out.printf(Locale.ROOT, "%s: %d relations, %d with the other axis dominant or tied, %d dominant by under 2 px, %d overlapping (IoU >= 0.1)%n",
                    set == 0 ? "dev" : "sampled", relations[set], wrongAxis[set], narrow[set], overlapping[set]);
    }

    private static PixelBox box(FrameTruth f, int index) {
        for (SubjectTruth t : f.subjects()) if (t.index() == index) return t.box();
        return null;
    }

    private static double iou(PixelBox a, PixelBox b) {
        int ix = Math.max(0, Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0())), iy = Math.max(0, Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()));
        double inter = (double) ix * iy;
        return inter / ((double) a.width() * a.height() + (double) b.width() * b.height() - inter);
    }
}
