package ai.gallop.pipeline;

import ai.gallop.eval.CameraEstimator;
import ai.gallop.eval.CameraMotion;
import ai.gallop.media.RgbFrame;
import ai.gallop.world.CameraView;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CameraReframeTest {
    static final VideoFormat FORMAT = new VideoFormat(64, 64, 8, 17);

    /** The world's views of a one-shot prompt with the given camera sentence. */
    static List<CameraView> views(String cameraSentence) {
        return WorldRenderer.cameraViews(new World().parse("A red ball stands still in a meadow. " + cameraSentence).toSpec(1, FORMAT));
    }

    /** A still shot of a textured field: 4-pixel blocks of random colours, smoothed so a sub-pixel shift shows. */
    static List<RgbFrame> stillShot() {
        SplittableRandom random = new SplittableRandom(7);
        int[] blocks = new int[16 * 16];
        for (int i = 0; i < blocks.length; i++) blocks[i] = random.nextInt(0x1000000);
        RgbFrame frame = RgbFrame.blank(64, 64);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) frame.set(x, y, blocks[(y / 4) * 16 + x / 4]);
        return Collections.nCopies(FORMAT.frames(), frame);
    }

    static Camera named(List<RgbFrame> frames) {
        CameraEstimator estimator = new CameraEstimator();
        List<CameraMotion> steps = new ArrayList<>();
        for (int j = 1; j < frames.size(); j++) steps.add(estimator.estimate(frames.get(j - 1), frames.get(j), List.of(), List.of()));
        return estimator.classify(steps, estimator.estimateAcross(frames.getFirst(), frames.getLast(), List.of(), List.of()), 64);
    }

    @Test void aShotDrawnStillIsNamedAsTheAskedMoveByTheEvaluatorsEstimator() {
        List<RgbFrame> still = stillShot();
        assertThat(named(still)).isEqualTo(Camera.STATIC);
        assertThat(named(CameraReframe.apply(still, views("The camera pans left.")))).isEqualTo(Camera.PAN_LEFT);
        assertThat(named(CameraReframe.apply(still, views("The camera pans right.")))).isEqualTo(Camera.PAN_RIGHT);
        assertThat(named(CameraReframe.apply(still, views("The camera zooms in.")))).isEqualTo(Camera.ZOOM_IN);
        assertThat(named(CameraReframe.apply(still, views("The camera zooms out.")))).isEqualTo(Camera.ZOOM_OUT);
    }

    @Test void aStillCameraLeavesTheFramesAsDrawn() {
        List<RgbFrame> still = stillShot();
        List<CameraView> views = views("The camera stays still.");
        assertThat(CameraReframe.moves(views)).isFalse();
        assertThat(CameraReframe.apply(still, views)).isSameAs(still);
        assertThat(CameraReframe.enlargement(views, 64, 64)).isEqualTo(1.0);
    }

    /** A zoom in stays inside the first frame, so that frame is kept bit for bit; a pan or zoom out needs more world. */
    @Test void theEnlargementIsTheSpanOfTheViews() {
        List<RgbFrame> still = stillShot();
        List<CameraView> zoomIn = views("The camera zooms in.");
        assertThat(CameraReframe.enlargement(zoomIn, 64, 64)).isEqualTo(1.0);
        assertThat(CameraReframe.apply(still, zoomIn).getFirst()).isEqualTo(still.getFirst());
        assertThat(CameraReframe.apply(still, zoomIn).getLast()).isNotEqualTo(still.getLast());
        assertThat(CameraReframe.enlargement(views("The camera pans left."), 64, 64)).isCloseTo(1 + 0.12 * 2, within(1e-9));
        assertThat(CameraReframe.enlargement(views("The camera zooms out."), 64, 64)).isCloseTo(1.5, within(1e-9));
        assertThat(CameraReframe.apply(still, views("The camera pans left.")).getFirst()).as("a pan starts on a part of the drawn frame")
                .isNotEqualTo(still.getFirst());
    }

    @Test void oneViewAFrameIsRequired() {
        List<RgbFrame> still = stillShot();
        assertThatThrownBy(() -> CameraReframe.apply(still.subList(0, 5), views("The camera pans left.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("17 camera views for 5 frames; allowed: one view a frame");
    }
}
