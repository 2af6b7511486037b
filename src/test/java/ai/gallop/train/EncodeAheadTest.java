package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.AutoencoderConfig;
import ai.gallop.model.FrameAutoencoder;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.VideoTokeniser;
import ai.gallop.world.VideoFormat;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The clip renderer's thread encodes a step's clips ahead of it; the step must get the tokens it would have made itself. */
class EncodeAheadTest {
    private static final VideoFormat CLIP = new VideoFormat(32, 32, 8, 9);

    private static FlowBatch.Recipe recipe(ModelConfig config, VideoTokeniser tokens, boolean reversed) {
        return new FlowBatch.Recipe(config, tokens, CLIP, TimestepSampler.logitNormal(1.0), ConditionDropout.standard(), 0, null,
                reversed, false, false, null);
    }

    @Test void tokensEncodedOnAnotherThreadMakeTheSameBatchAsTheStepsOwn() throws Exception {
        AutoencoderConfig small = new AutoencoderConfig("small", 16, 16, 2, 1, 8);
        ModelConfig latent = ModelConfig.micro().withLatents(small, 1);
        try (PointerScope scope = new PointerScope(); FrameAutoencoder ae = new FrameAutoencoder(small, 1)) {
            List<TrainingClip> clips = ClipSource.render(new DataOrder(3), CLIP, 2, 0, false, List.of());
            for (FlowBatch.Recipe recipe : List.of(recipe(ModelConfig.micro(), ModelConfig.micro().videoTokeniser(), false),
                    recipe(latent, new VideoTokeniser(latent, ae), false))) {
                float[][] ahead = CompletableFuture.supplyAsync(() -> FlowBatch.encodeAhead(recipe, clips)).get();
                FlowBatch own = FlowBatch.of(recipe, clips, 7, null), given = FlowBatch.of(recipe, clips, 7, null, ahead);
                assertThat(ahead.length).isEqualTo(2);
                assertThat(given.cleanVideo().equal(own.cleanVideo())).as(recipe.config().latent() ? "latents" : "pixels").isTrue();
                assertThat(given.input().video().equal(own.input().video())).as("the same noise and times").isTrue();
            }
            assertThat(FlowBatch.encodeAhead(recipe(ModelConfig.micro(), ModelConfig.micro().videoTokeniser(), true), clips))
                    .as("frames also played backwards are encoded in one pass by the step").isNull();
        }
    }
}
