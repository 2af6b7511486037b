package ai.gallop.diffusion;

import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.TokenLayout;
import ai.gallop.world.CameraView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CameraPlacesTest {
    // micro: 4-pixel patches, 2 frames a token after frame 0; 16x16 pixels = 4x4 patches; 5 frames = token frames {0}, {1,2}, {3,4}
    private static final ModelConfig PLACED = ModelConfig.micro().withCameraPositions(true);
    private static final TokenLayout LAYOUT = TokenLayout.of(PLACED, 3, 0, 16, 16, 5, 8, 4);

    private static List<CameraView> views(double dxPerFrame, double zoomPerFrame) {
        List<CameraView> out = new ArrayList<>();
        for (int f = 0; f < 5; f++) out.add(new CameraView(dxPerFrame * f, 0, Math.pow(zoomPerFrame, f)));
        return out;
    }

    private static int video(int tokenFrame, int row, int col) { return LAYOUT.start(Modality.VIDEO) + tokenFrame * 16 + row * 4 + col; }

    @Test
    void aStillCameraOrAScreenPositionedModelKeepsTheLayout() {
        assertThat(CameraPlaces.apply(PLACED, LAYOUT, List.of(List.of(), List.of()))).isSameAs(LAYOUT);
        assertThat(CameraPlaces.apply(ModelConfig.micro(), LAYOUT, List.of(views(2, 1)))).isSameAs(LAYOUT);
    }

    @Test
    void aPanMovesEachTokenFramesColumnsByTheCameraOffsetInPatches() {
        TokenLayout placed = CameraPlaces.apply(PLACED, LAYOUT, List.of(views(2, 1), List.of()));
        assertThat(placed.placedItems()).isEqualTo(2);
        for (int row = 0; row < 4; row++)
            for (int col = 0; col < 4; col++) {
                assertThat(placed.position(0, video(0, row, col), 3)).as("frame 0 is the screen").isEqualTo(col);
                assertThat(placed.position(0, video(1, row, col), 3)).as("frame 1: 2 px = half a patch").isCloseTo(col + 0.5f, within(1e-5f));
                assertThat(placed.position(0, video(2, row, col), 3)).as("frame 3: 6 px").isCloseTo(col + 1.5f, within(1e-5f));
                assertThat(placed.position(0, video(2, row, col), 2)).isEqualTo(row);
                assertThat(placed.position(1, video(2, row, col), 3)).as("the other clip's camera is still").isEqualTo(col);
            }
        for (int t = 0; t < LAYOUT.tokens(); t++)
            if (t < LAYOUT.start(Modality.VIDEO) || t >= LAYOUT.start(Modality.AUDIO))
                for (int axis = 0; axis < TokenLayout.AXES; axis++)
                    assertThat(placed.position(0, t, axis)).as("text and sound stay").isEqualTo(LAYOUT.position(t, axis));
        assertThatThrownBy(() -> placed.position(3, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("by item");
    }

    @Test
    void aZoomInDrawsThePlacesTogetherAboutTheCentre() {
        TokenLayout placed = CameraPlaces.apply(PLACED, LAYOUT, List.of(views(0, 2)));  // frame 3 at zoom 8
        float left = placed.position(0, video(2, 0, 0), 3), right = placed.position(0, video(2, 0, 3), 3);
        assertThat(right - left).as("3 patches seen at zoom 8").isCloseTo(3 / 8f, within(1e-5f));
        assertThat((left + right) / 2).as("about the centre").isCloseTo(1.5f, within(1e-5f));
    }

    @Test
    void anEditsSourceTokensMoveWithTheVideoTheyFace() {
        TokenLayout edit = LAYOUT.withEditSource(), placed = CameraPlaces.apply(PLACED, edit, List.of(views(2, 1)));
        int lv = edit.count(Modality.VIDEO);
        for (int i = 0; i < lv; i++)
            for (int axis = 0; axis < TokenLayout.AXES; axis++)
                if (axis != 0) assertThat(placed.position(0, edit.start(Modality.SOURCE) + i, axis)).isEqualTo(placed.position(0, edit.start(Modality.VIDEO) + i, axis));
        TokenLayout placedFirst = CameraPlaces.apply(PLACED, LAYOUT, List.of(views(2, 1)));
        assertThatThrownBy(placedFirst::withEditSource).as("the source would not move").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cameraViewsForAnotherFrameCountAreRefused() {
        assertThatThrownBy(() -> CameraPlaces.apply(PLACED, LAYOUT, List.of(views(2, 1).subList(0, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 camera views for 5 frames");
    }
}
