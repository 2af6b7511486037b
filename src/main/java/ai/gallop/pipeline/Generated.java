package ai.gallop.pipeline;

import ai.gallop.media.Video;
import ai.gallop.world.SceneSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished generation: the video, the spec the prompt was read as (null for an edit, whose prompt is an instruction), the prompt words the generator
 * ignored, provenance to store in the file's metadata, the wall time it took, the captions the generator
 * was conditioned on (one per shot) and the seconds spent in each stage, in the order the stages ran.
 */
public record Generated(Video video, SceneSpec spec, List<String> ignoredWords, Map<String, String> provenance,
                        double seconds, List<String> captions, Map<String, Double> timings) {
    public Generated {
        ignoredWords = List.copyOf(ignoredWords);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        captions = List.copyOf(captions);
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** A generation that reports neither captions nor stage times. */
    public Generated(Video video, SceneSpec spec, List<String> ignoredWords, Map<String, String> provenance, double seconds) {
        this(video, spec, ignoredWords, provenance, seconds, List.of(), Map.of());
    }
}
