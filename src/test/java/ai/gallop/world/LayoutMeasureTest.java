package ai.gallop.world;

import org.junit.jupiter.api.Test;
import java.util.List;

class LayoutMeasureTest {
    @Test
    void measure() {
        WorldRenderer r = new WorldRenderer();
        int n = 0, ok = 0, dominant = 0, lowIou = 0;
        double iouSum = 0;
        SpecSampler sampler = new SpecSampler(s -> true, 0.15);
        for (int i = 0; i < 400; i++) {
            SceneSpec spec = sampler.sample(i, VideoFormat.DEFAULT);
            GroundTruth t = r.render(spec).truth();
            for (int s = 0; s < spec.shots().size(); s++) {
                List<SubjectTruth> first = t.frames().get(spec.shotStart(s)).subjects();
                for (RelationSpec rel : spec.shots().get(s).relations()) {
                    PixelBox a = first.get(rel.subject()).shapeBox(), b = first.get(rel.reference()).shapeBox();
                    double dx = a.centreX() - b.centreX(), dy = a.centreY() - b.centreY();
                    boolean dom = switch (rel.relation()) {
                        case LEFT_OF -> -dx > Math.abs(dy);
                        case RIGHT_OF -> dx > Math.abs(dy);
                        case ABOVE -> -dy > Math.abs(dx);
                        case BELOW -> dy > Math.abs(dx);
                    };
                    double w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()), h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
                    double iou = w <= 0 || h <= 0 ? 0 : w * h / (a.width() * (double) a.height() + b.width() * (double) b.height() - w * h);
                    n++; if (dom) dominant++; if (iou < 0.1) lowIou++; if (dom && iou < 0.1) ok++;
                    iouSum += iou;
                }
            }
        }
        int grounded = 0, onGround = 0, shots = 0, wholly = 0;
        for (int i = 0; i < 400; i++) {
            SceneSpec spec = sampler.sample(i, VideoFormat.DEFAULT);
            GroundTruth t = r.render(spec).truth();
            for (int s = 0; s < spec.shots().size(); s++) {
                ShotSpec shot = spec.shots().get(s);
                for (int k = 0; k < shot.subjects().size(); k++) {
                    boolean all = true;
                    int feet = 0;
                    for (int f = spec.shotStart(s); f < spec.shotEnd(s); f++) {
                        SubjectTruth st = t.frames().get(f).subjects().get(k);
                        all &= st.visibleFraction() == 1.0 || (st.visible() && st.pixels() > 0 && k > 0 && false);
                        if (f == spec.shotStart(s)) feet = st.shapeBox().y1();
                    }
                    shots++;
                    // occlusion by other subjects also lowers visibleFraction; count only frame-edge losses
                    boolean edge = true;
                    for (int f = spec.shotStart(s); f < spec.shotEnd(s); f++) {
                        PixelBox b = t.frames().get(f).subjects().get(k).shapeBox();
                        edge &= b.x0() >= 0 && b.y0() >= 0 && b.x1() <= 64 && b.y1() <= 64;
                    }
                    if (edge) wholly++;
                    Terrain terrain = Terrain.of(shot.scene());
                    if (Terrain.habitatOf(shot.subjects().get(k)) == Terrain.Habitat.GROUND && !Double.isNaN(terrain.groundTop())
                            && shot.camera() == Vocabulary.Camera.STATIC) {
                        grounded++;
                        if (feet >= terrain.groundTop() * 64) onGround++;
                    }
                }
            }
        }
        System.out.printf("MEASURE inView %d/%d grounded(static cam, frame0 feet, bounce not corrected) %d/%d%n", wholly, shots, onGround, grounded);
        System.out.printf("MEASURE relations %d dominant %.3f iou<0.1 %.3f both %.3f meanIoU %.3f%n", n, dominant / (double) n, lowIou / (double) n, ok / (double) n, iouSum / n);
    }
}
