package ai.gallop.diffusion;

import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;

/** Anything that predicts clean tokens from noisy ones: the transformer's forward, or a toy in tests. */
@FunctionalInterface
public interface Denoiser {
    ModelOutput predict(ModelInput input);
}
