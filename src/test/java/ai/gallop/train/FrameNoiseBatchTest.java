package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.FrameNoiseTest;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.CameraView;
import ai.gallop.world.VideoFormat;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A model's frame noise share reaches the noise the trainer mixes into its clips. */
class FrameNoiseBatchTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    /** The noise of a batch whose every clip sits at t = 0.5 with no clean condition: (x_t - x0 / 2) * 2. */
    private static Tensor noise(ModelConfig config, List<TrainingClip> clips) {
        FlowBatch.Recipe recipe = new FlowBatch.Recipe(config, config.videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                new ConditionDropout(0, 0, 0, 0, 0, 0, 0), 0, null, false, false, false, null);
        FlowBatch batch = FlowBatch.of(recipe, clips, 7, new double[]{0.5, 0.5, 0.5, 0.5});
        return batch.input().video().sub(batch.cleanVideo().mul(new Scalar(0.5))).mul(new Scalar(2.0));   // [B, Lv, pv]
    }

    @Test void theTrainingNoiseOfAModelWithAShareCorrelatesAcrossFramesByIt() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 4, 0, false, List.of());
            ModelConfig micro = ModelConfig.micro();
            int tokenFrames = micro.videoTokeniser().tokenFrames(CLIP.frames());
            // 4 clips x 64 positions x 48 values per frame: the estimate's standard error is about 0.01
            assertThat(FrameNoiseTest.correlation(noise(micro, clips), tokenFrames, micro.patchFrames(), 2, 7, 0)).isCloseTo(0, within(0.06));
            assertThat(FrameNoiseTest.correlation(noise(micro.withFrameNoiseShare(0.7), clips), tokenFrames, micro.patchFrames(), 2, 7, 0))
                    .isCloseTo(0.7, within(0.06));
        }
    }

    @Test void cameraNoiseMovesTheSharedNoiseWithEachClipsCamera() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> world = ClipSource.render(new DataOrder(3), CLIP, 4, 0, false, List.of());
            // the view moves right by one patch (4 pixels) a frame: what a token showed, the token to its left shows next
            List<CameraView> pan = new ArrayList<>();
            for (int f = 0; f < CLIP.frames(); f++) pan.add(new CameraView(4 * f, 0, 1));
            List<TrainingClip> panning = world.stream().map(c -> new TrainingClip(c.seed(), c.caption(), c.frames(), c.sound(), c.labels(),
                    c.twin(), c.twinInstruction(), c.references(), pan, c.subjects())).toList();
            List<TrainingClip> footage = world.stream().map(c -> new TrainingClip(c.seed(), c.caption(), c.frames(), c.sound(), List.of())).toList();
            ModelConfig camera = ModelConfig.micro().withFrameNoiseShare(0.7).withCameraNoise(true);
            int tokenFrames = camera.videoTokeniser().tokenFrames(CLIP.frames()), pf = camera.patchFrames(), right = 1;
            // frames 2 and 1 are token slots 3 and 2; a token and its right-hand neighbour a frame earlier show the same place and
            // share 0.7 (7 of 8 pairs of 8 x 8 tokens are such neighbours: the last column's pairs with the next row's first)
            Tensor moving = noise(camera, panning);
            assertThat(FrameNoiseTest.correlation(moving, tokenFrames, pf, 3, 2, right)).isCloseTo(0.7 * 7 / 8, within(0.06));
            assertThat(FrameNoiseTest.correlation(moving, tokenFrames, pf, 3, 2, 0)).isCloseTo(0, within(0.06));
            // footage has no camera: its shared noise holds still, as without camera noise
            Tensor still = noise(camera, footage);
            assertThat(FrameNoiseTest.correlation(still, tokenFrames, pf, 3, 2, 0)).isCloseTo(0.7, within(0.06));
            assertThat(FrameNoiseTest.correlation(still, tokenFrames, pf, 3, 2, right)).isCloseTo(0, within(0.06));
        }
    }
}
