package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

import ai.gallop.Version;
import ai.gallop.media.Video;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world's renderer as a generator: it renders the ground-truth clip of what the prompt says.
 * It is the ceiling every model is measured against in the arena and the evaluator, and a real
 * generator for developing the service before a model is trained. It cannot follow a first frame
 * it did not render, so it does not offer image-to-video.
 */
public final class WorldOracle implements VideoGenerator {
    public static final String ID = "world-oracle";

    private final World world = new World();

    @Override public String id() { return ID; }

    @Override public Capabilities capabilities() {
        return new Capabilities(VideoFormat.MIN_SIDE, VideoFormat.MAX_SIDE, VideoFormat.MIN_FPS, VideoFormat.MAX_FPS,
                VideoFormat.MAX_SECONDS, false, false, true, false);
    }

    @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        if (request.imageToVideo() || !request.references().isEmpty() || request.editing())
            throw new IllegalArgumentException(ID + " renders from text only; allowed: a prompt without images");
        cancellation.throwIfCancelled();
        listener.progress("parse", 0, 1);
        ParsedPrompt parsed = world.parse(request.prompt());
        SceneSpec spec = parsed.toSpec(request.seed(), request.format());
        cancellation.throwIfCancelled();
        listener.progress("render", 0, 1);
        RenderedClip clip = world.render(spec);
        listener.progress("render", 1, 1);
        Video video = request.sound() ? clip.video() : new Video(clip.video().fps(), clip.video().frames(), null);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("generator", Version.NAME + " " + Version.VERSION + " " + ID);
        provenance.put("seed", Long.toString(request.seed()));
        provenance.put("prompt", request.prompt());
        return new Generated(video, spec, parsed.unknownWords(), provenance, (System.nanoTime() - start) / 1e9);
    }
}
