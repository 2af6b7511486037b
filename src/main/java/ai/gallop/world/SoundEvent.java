package ai.gallop.world;

import java.util.Objects;

/**
 * One discrete sound of the clip, placed at the instant of the frame that shows its cause:
 * {@code time == frame / fps} exactly (rounded to the millisecond in JSON). {@code loudness} is
 * the gain the sound was mixed at, which follows the subject's size on screen.
 */
public record SoundEvent(Type type, double time, int frame, int shot, int subject, double loudness) {
    /** hoof: a hoof touching the ground (gallop); thump: a bounce contact or a jump landing;
     *  flap: the start of a wing's downstroke (fly); bubble: a bubble leaving a fish (swim). */
    public enum Type { HOOF, THUMP, FLAP, BUBBLE }

    public SoundEvent {
        Objects.requireNonNull(type, "event type");
        if (frame < 0 || shot < 0 || subject < 0)
            throw new IllegalArgumentException("event frame " + frame + ", shot " + shot + ", subject " + subject + " must not be negative");
    }
}
