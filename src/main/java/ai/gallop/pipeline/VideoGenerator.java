package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

/**
 * Anything that turns a request into a video: a trained model, the world's ground-truth oracle, a
 * baseline. The service, the CLI and the arena talk to generators only through this interface.
 */
public interface VideoGenerator {
    /** A stable name, e.g. "gallop-tiny" or "world-oracle", shown in the arena once votes reveal it. */
    String id();

    /** What the generator can make, so callers can refuse early with a clear message. */
    Capabilities capabilities();

    Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation);

    /** Sizes, rates and modes a generator supports; {@code edit}: it edits a given clip as an instruction says. */
    record Capabilities(int minSide, int maxSide, int minFps, int maxFps, double maxSeconds, boolean imageToVideo,
                        boolean references, boolean sound, boolean edit) {}
}
