package ai.gallop.world;

import ai.gallop.Json;
import ai.gallop.world.Vocabulary.Language;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact truth of a rendered clip, in the spirit of CLEVRER's per-frame annotations: the spec,
 * every frame's camera and subjects, every sound event and the captions. docs/ground-truth.md
 * describes each field. Serialised with {@link Json}; numbers are rounded so the bytes are stable.
 */
public record GroundTruth(SceneSpec spec, List<FrameTruth> frames, List<SoundEvent> events,
                          Map<Language, String> captions, List<ShotTruth> shots, int sampleRate, int schemaVersion) {
    public static final int SCHEMA_VERSION = 1;

    public GroundTruth {
        Objects.requireNonNull(spec, "spec");
        frames = List.copyOf(frames);
        events = List.copyOf(events);
        shots = List.copyOf(shots);
        // an EnumMap so the captions are always written in the same (declaration) order
        EnumMap<Language, String> ordered = new EnumMap<>(Language.class);
        if (captions != null) ordered.putAll(captions);
        captions = Collections.unmodifiableMap(ordered);
    }

    public static GroundTruth fromJson(String json) { return Json.read(json, GroundTruth.class); }
}
