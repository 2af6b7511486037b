package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

import ai.gallop.Version;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference point, not a model: the first frame of what the prompt describes (the world oracle's first frame,
 * or the caller's first frame for image-to-video) held still for the whole clip, with a silent sound track when
 * sound is asked for. It gets the scene and the look right and the motion and the sound wrong, so in the arena it
 * marks the floor a model must rise above on motion and sound while the oracle marks the ceiling.
 */
public final class StillBaseline implements VideoGenerator {
    public static final String ID = "still-baseline";
    /** The world's sound rate, used for the silent track when no oracle clip was rendered (image-to-video). */
    static final int SILENCE_SAMPLE_RATE = 16_000;

    private final World world = new World();

    @Override public String id() { return ID; }

    @Override public Capabilities capabilities() {
        return new Capabilities(VideoFormat.MIN_SIDE, VideoFormat.MAX_SIDE, VideoFormat.MIN_FPS, VideoFormat.MAX_FPS,
                VideoFormat.MAX_SECONDS, true, false, true, false);
    }

    @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        if (!request.references().isEmpty() || request.editing())
            throw new IllegalArgumentException(ID + " does not take reference images or clips to edit; allowed: a prompt, optionally with a first frame");
        VideoFormat format = request.format();
        cancellation.throwIfCancelled();
        listener.progress("parse", 0, 1);
        ParsedPrompt parsed = world.parse(request.prompt());
        SceneSpec spec = parsed.toSpec(request.seed(), format);
        RgbFrame first;
        int sampleRate = SILENCE_SAMPLE_RATE;
        if (request.imageToVideo()) {
            first = request.firstFrame();
            if (first.width() != format.width() || first.height() != format.height())
                throw new IllegalArgumentException("first frame is " + first.width() + "x" + first.height()
                        + "; allowed: the requested size " + format.width() + "x" + format.height());
        } else {
            cancellation.throwIfCancelled();
            listener.progress("render", 0, 1);
            Video oracle = world.render(spec).video();
            first = oracle.frames().getFirst();
            if (oracle.sound() != null) sampleRate = oracle.sound().sampleRate();
        }
        listener.progress("render", 1, 1);
        cancellation.throwIfCancelled();
        List<RgbFrame> frames = Collections.nCopies(format.frames(), first);
        Sound sound = request.sound() ? Sound.silence(format.playSeconds(), sampleRate) : null;
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("generator", Version.NAME + " " + Version.VERSION + " " + ID);
        provenance.put("seed", Long.toString(request.seed()));
        provenance.put("prompt", request.prompt());
        return new Generated(new Video(format.fps(), frames, sound), spec, parsed.unknownWords(), provenance,
                (System.nanoTime() - start) / 1e9);
    }
}
