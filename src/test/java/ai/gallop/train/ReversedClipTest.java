package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.VideoFormat;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The negative of --reverse-weight: each clip's own frames, played backwards, encoded as its video is. */
class ReversedClipTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    private static FlowBatch batch(List<TrainingClip> clips, boolean reversed) {
        FlowBatch.Recipe recipe = new FlowBatch.Recipe(ModelConfig.micro(), ModelConfig.micro().videoTokeniser(), CLIP, TimestepSampler.logitNormal(1.0),
                ConditionDropout.standard(), 0, null, reversed, false, false, null);
        return FlowBatch.of(recipe, clips, 7, new double[]{0.5, 0.5});
    }

    private static TrainingClip backwards(TrainingClip clip) {
        return new TrainingClip(clip.seed(), clip.caption(), clip.frames().reversed(), clip.sound(), clip.labels().reversed(), List.of(), "", List.of(), clip.camera().reversed(),
                clip.subjects().reversed());
    }

    @Test void theReversedVideoIsTheCleanVideoOfTheClipPlayedBackwards() {
        try (PointerScope scope = new PointerScope()) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
            FlowBatch forwards = batch(clips, true), played = batch(clips.stream().map(ReversedClipTest::backwards).toList(), false);
            assertThat(batch(clips, false).reversedVideo()).isNull();
            assertThat(forwards.reversedVideo().equal(played.cleanVideo())).isTrue();
            assertThat(forwards.reversedVideo().equal(forwards.cleanVideo())).as("world clips move").isFalse();
        }
    }

    @Test void aStillClipIsItsOwnReverseSoTheTermOnlyScalesItsLoss() {
        try (PointerScope scope = new PointerScope()) {
            TrainingClip moving = ClipSource.render(new DataOrder(3), CLIP, 1, 0, false, List.of()).getFirst();
            TrainingClip still = new TrainingClip(moving.seed(), moving.caption(), Collections.nCopies(CLIP.frames(), moving.frames().getFirst()),
                    moving.sound(), Collections.nCopies(CLIP.frames(), moving.labels().getFirst()), List.of(), "", List.of(), List.of(), List.of());
            FlowBatch b = batch(List.of(still, still), true);
            assertThat(b.reversedVideo().equal(b.cleanVideo())).isTrue();
        }
    }
}
