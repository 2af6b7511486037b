package ai.gallop.pipeline;

import ai.gallop.media.Video;
import ai.gallop.world.SceneSpec;

import java.util.List;
import java.util.Map;

/**
 * A finished generation: the video, the spec the prompt was read as, the prompt words the generator
 * ignored, provenance to store in the file's metadata, and the wall time it took.
 */
public record Generated(Video video, SceneSpec spec, List<String> ignoredWords, Map<String, String> provenance,
                        double seconds) {
    public Generated {
        ignoredWords = List.copyOf(ignoredWords);
        provenance = Map.copyOf(provenance);
    }
}
