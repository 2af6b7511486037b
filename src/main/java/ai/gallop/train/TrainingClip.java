package ai.gallop.train;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.world.Vocabulary.Language;

import java.util.List;

/** One rendered training clip: frames, sound, and the caption it is trained with (in one of the world's languages). */
public record TrainingClip(long specSeed, Language language, String caption, List<RgbFrame> frames, Sound sound) {
    public TrainingClip {
        frames = List.copyOf(frames);
    }
}
