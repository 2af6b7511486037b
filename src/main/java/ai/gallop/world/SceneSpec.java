package ai.gallop.world;

import java.util.List;
import java.util.Objects;

/**
 * Everything the world needs to render a clip, picture and sound: the format, one or two shots and
 * the frame at which the second shot starts. {@code seed} picks what the words leave open (exact
 * positions, speeds, phases, texture details), so a spec renders to the same bytes every time.
 */
public record SceneSpec(long seed, VideoFormat format, List<ShotSpec> shots, int cutFrame) {
    public static final int MAX_SHOTS = 2;

    public SceneSpec {
        Objects.requireNonNull(format, "format");
        shots = List.copyOf(shots);
        if (shots.isEmpty() || shots.size() > MAX_SHOTS)
            throw new IllegalArgumentException(shots.size() + " shots; allowed: 1 or " + MAX_SHOTS);
        if (shots.size() == 1 && cutFrame != 0)
            throw new IllegalArgumentException("cutFrame " + cutFrame + " given for a single shot; allowed: 0");
        if (shots.size() == 2 && (cutFrame < 2 || cutFrame > format.frames() - 2))
            throw new IllegalArgumentException("cutFrame " + cutFrame + " is out of range; allowed: 2 to " + (format.frames() - 2));
    }

    /** A single-shot spec. */
    public static SceneSpec of(long seed, VideoFormat format, ShotSpec shot) {
        return new SceneSpec(seed, format, List.of(shot), 0);
    }

    /** Index of the shot that frame k belongs to. */
    public int shotAt(int frame) { return shots.size() > 1 && frame >= cutFrame ? 1 : 0; }

    /** First frame of shot s. */
    public int shotStart(int shot) { return shot == 0 ? 0 : cutFrame; }

    /** One past the last frame of shot s. */
    public int shotEnd(int shot) { return shot == shots.size() - 1 ? format.frames() : cutFrame; }
}
