package ai.gallop.diffusion;

import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.TokenLayout;
import ai.gallop.model.VideoTokeniser;
import ai.gallop.world.CameraView;

import java.util.ArrayList;
import java.util.List;

/**
 * Video token positions in the world: for a model with {@link ModelConfig#cameraPositions}, each video token's row and
 * column are where the centre of its patch looks in the world through the camera view of the token frame's first
 * frame, in patches. Why: the tiny models never draw a camera move (docs/training.md, "Which way it moves"); with
 * screen positions a pan asks attention to find a piece of the world at a position that drifts frame by frame, with
 * world positions that piece keeps one place, and what a pan changes is which places the screen shows. A still camera
 * gives the screen positions, so footage without camera views and still shots look as before.
 */
public final class CameraPlaces {
    private CameraPlaces() {}

    /**
     * The layout with each clip's video tokens at their world places ({@code cameras}: one list of views per frame
     * for each batch item, empty for a still camera), or the layout unchanged when the model keeps screen positions
     * or no clip's camera moves.
     */
    public static TokenLayout apply(ModelConfig config, TokenLayout layout, List<List<CameraView>> cameras) {
        if (!config.cameraPositions() || cameras.stream().allMatch(List::isEmpty)) return layout;
        VideoTokeniser tokeniser = config.videoTokeniser();
        int width = layout.width(), height = layout.height(), patch = config.pixelsPerPatch();
        int rows = height / patch, cols = width / patch;
        List<float[]> places = new ArrayList<>();
        for (List<CameraView> views : cameras) {
            if (!views.isEmpty() && views.size() != layout.frames())
                throw new IllegalArgumentException(views.size() + " camera views for " + layout.frames() + " frames; allowed: one per frame or none");
            float[] place = new float[2 * layout.count(Modality.VIDEO)];
            for (int j = 0, i = 0; j < layout.tokenFrames(); j++) {
                CameraView view = views.isEmpty() ? CameraView.STILL : views.get(tokeniser.firstFrameOf(j));
                for (int y = 0; y < rows; y++)
                    for (int x = 0; x < cols; x++, i++) {
                        place[2 * i] = (float) (view.worldY((y + 0.5) * patch, height) / patch - 0.5);
                        place[2 * i + 1] = (float) (view.worldX((x + 0.5) * patch, width) / patch - 0.5);
                    }
            }
            places.add(place);
        }
        return layout.withVideoPlaces(places);
    }
}
