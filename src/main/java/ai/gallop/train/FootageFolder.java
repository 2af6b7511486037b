package ai.gallop.train;

import ai.gallop.Json;
import ai.gallop.media.FrameScaler;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.world.CameraView;
import ai.gallop.world.VideoFormat;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A folder of the user's own clips as training data instead of the world: every {@code .mp4} under it (sorted by
 * path), each with its caption beside it in {@code NAME.txt} (the whole file) or {@code NAME.json}
 * ({@code {"caption": "..."}}). Clips are decoded once when the folder opens and fitted to the run's format
 * (centre crop and scale, the nearest frame at the run's rate, the sound resampled to the model's rate), so a
 * step only cuts windows; which clip and where is a pure function of (run seed, step, slot), like the world's
 * data order, so a resumed run sees the same windows. Footage has no label maps: every pixel weighs 1.
 *
 * <p>{@code NAME.json} may also say where the camera looks in every frame of the clip, for the options that follow
 * the camera ({@code --camera-positions}, {@code --camera-noise}): {@code "camera": [{"offsetX": 0, "offsetY": 0,
 * "zoom": 1}, ...]}, one view a frame in the clip's own pixels, as {@link CameraView} defines them and as the world's
 * ground truth lists them ({@code frames[i].camera}). Each window gets the views from its own first frame on (its
 * first view still); a clip without them is filmed by a still camera.
 */
final class FootageFolder {
    private static final String ALLOWED = "allowed: a folder of .mp4 clips, each with NAME.txt or NAME.json {\"caption\": \"...\"} beside it";
    private static final String CAMERA_ALLOWED = "allowed: \"camera\": [{\"offsetX\": X, \"offsetY\": Y, \"zoom\": Z above 0}, ...], one view per frame of the clip";

    /**
     * One clip at the run's size and rate; {@code sound} starts with frame 0; {@code camera} one view per frame in the
     * run's pixels, or empty.
     */
    private record Footage(String name, String caption, List<RgbFrame> frames, float[] sound, List<CameraView> camera) {}

    private final Path folder;
    private final VideoFormat format;
    private final int sampleRate;
    private final List<Footage> clips;

    private FootageFolder(Path folder, VideoFormat format, int sampleRate, List<Footage> clips) {
        this.folder = folder;
        this.format = format;
        this.sampleRate = sampleRate;
        this.clips = clips;
    }

    /**
     * Reads and fits every clip.
     *
     * @throws IllegalArgumentException with one line naming the folder or clip and what is allowed: no such
     *     folder, no clips, a clip without caption, an unreadable clip, a clip shorter than the run's clips
     */
    static FootageFolder open(Path folder, VideoFormat format, int sampleRate) throws IOException {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("footage folder " + folder + " does not exist; " + ALLOWED);
        List<Path> videos;
        try (Stream<Path> files = Files.walk(folder)) {
            videos = files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4"))
                    .sorted().toList();
        }
        if (videos.isEmpty()) throw new IllegalArgumentException("footage folder " + folder + " holds no .mp4 clips; " + ALLOWED);
        List<Footage> clips = new ArrayList<>(videos.size());
        for (Path video : videos) clips.add(read(folder.relativize(video).toString(), video, format, sampleRate));
        return new FootageFolder(folder, format, sampleRate, List.copyOf(clips));
    }

    int size() { return clips.size(); }

    Path folder() { return folder; }

    /** The clips of one step: for each slot a clip and a window start drawn from (run seed, step, slot). */
    List<TrainingClip> clips(DataOrder order, int batch, int step) {
        int length = format.frames(), samples = (int) Math.round(format.playSeconds() * sampleRate);
        List<TrainingClip> out = new ArrayList<>(batch);
        for (int slot = 0; slot < batch; slot++) {
            long seed = order.specSeed(step, slot);
            SplittableRandom pick = new SplittableRandom(seed);
            Footage clip = clips.get(pick.nextInt(clips.size()));
            int start = pick.nextInt(clip.frames().size() - length + 1);
            int from = (int) Math.round((double) start / format.fps() * sampleRate);
            float[] sound = Arrays.copyOfRange(clip.sound(), Math.min(from, clip.sound().length), Math.min(from, clip.sound().length) + samples);
            out.add(new TrainingClip(seed, clip.caption(), clip.frames().subList(start, start + length), new Sound(sound, sampleRate), List.of(),
                    List.of(), "", List.of(), fromFirst(clip.camera(), start, length), List.of()));
        }
        return out;
    }

    private static Footage read(String name, Path video, VideoFormat format, int sampleRate) throws IOException {
        JsonNode json = sidecar(video);
        String caption = caption(name, video, json);
        ai.gallop.media.DecodedMedia media;
        try {
            media = Mp4Reader.read(video, sampleRate);
        } catch (IOException e) {
            throw new IllegalArgumentException("footage " + name + " is not a readable video (" + e.getMessage().replace("cannot read " + video.toAbsolutePath() + ": ", "") + "); " + ALLOWED);
        }
        List<RgbFrame> source = media.video().frames();
        double sourceFps = media.info().fps() > 0 ? media.info().fps() : media.video().fps();
        // nearest source frame for each tick of the run's rate, as far as the footage reaches
        int available = (int) Math.floor((source.size() - 1) * format.fps() / sourceFps + 1e-9) + 1;
        if (available < format.frames())
            throw new IllegalArgumentException(String.format(Locale.ROOT, "footage %s is %.2f s long; allowed: at least %.2f s, the length of the run's clips (--seconds)",
                    name, (source.size() - 1) / sourceFps, format.seconds()));
        List<CameraView> views = camera(name, json, source.size());
        double scale = FrameScaler.scale(media.video().width(), media.video().height(), format.width(), format.height());
        List<RgbFrame> frames = new ArrayList<>(available);
        List<CameraView> camera = new ArrayList<>();
        for (int k = 0; k < available; k++) {
            int index = Math.min(source.size() - 1, (int) Math.round(k * sourceFps / format.fps()));
            frames.add(FrameScaler.fit(source.get(index), format.width(), format.height()));
            if (!views.isEmpty()) {  // offsets in the run's pixels; a centred crop keeps the centre
                CameraView v = views.get(index);
                camera.add(new CameraView(v.offsetX() * scale, v.offsetY() * scale, v.zoom()));
            }
        }
        Sound sound = media.video().sound();
        return new Footage(name, caption, List.copyOf(frames), sound == null ? new float[0] : sound.samples(), List.copyOf(camera));
    }

    /**
     * A window's views seen from its first frame, which becomes the still view: frame j's offset relative to frame 0's,
     * in frame 0's pixels, and its zoom over frame 0's. Empty for footage without views.
     */
    static List<CameraView> fromFirst(List<CameraView> camera, int start, int length) {
        if (camera.isEmpty()) return List.of();
        CameraView first = camera.get(start);
        List<CameraView> out = new ArrayList<>(length);
        for (int j = 0; j < length; j++) {
            CameraView v = camera.get(start + j);
            out.add(new CameraView((v.offsetX() - first.offsetX()) * first.zoom(), (v.offsetY() - first.offsetY()) * first.zoom(), v.zoom() / first.zoom()));
        }
        return out;
    }

    /** The camera views NAME.json gives, one per source frame, or none. */
    private static List<CameraView> camera(String name, JsonNode json, int frames) {
        JsonNode camera = json == null ? null : json.path("camera");
        if (camera == null || camera.isMissingNode()) return List.of();
        if (!camera.isArray() || camera.size() != frames)
            throw new IllegalArgumentException("footage " + name + ": \"camera\" has " + (camera.isArray() ? camera.size() + " views" : "no list")
                    + " for " + frames + " frames; " + CAMERA_ALLOWED);
        List<CameraView> views = new ArrayList<>(frames);
        for (JsonNode v : camera) {
            if (!v.path("offsetX").isNumber() || !v.path("offsetY").isNumber() || !v.path("zoom").isNumber() || !(v.path("zoom").asDouble() > 0))
                throw new IllegalArgumentException("footage " + name + ": camera view " + views.size() + " is " + v + "; " + CAMERA_ALLOWED);
            views.add(new CameraView(v.path("offsetX").asDouble(), v.path("offsetY").asDouble(), v.path("zoom").asDouble()));
        }
        return views;
    }

    /** The clip's file beside it with another extension: NAME.txt, NAME.json. */
    private static Path sibling(Path video, String extension) {
        String file = video.getFileName().toString();
        return video.resolveSibling(file.substring(0, file.length() - ".mp4".length()) + extension);
    }

    /** NAME.json, parsed once for its caption and camera views, or null when the clip has none. */
    private static JsonNode sidecar(Path video) {
        Path json = sibling(video, ".json");
        if (!Files.isRegularFile(json)) return null;
        try {
            return Json.MAPPER.readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("footage caption " + json.getFileName() + " is not valid JSON; allowed: {\"caption\": \"...\"}");
        }
    }

    private static String caption(String name, Path video, JsonNode json) throws IOException {
        Path txt = sibling(video, ".txt");
        String caption;
        if (Files.isRegularFile(txt)) caption = Files.readString(txt, StandardCharsets.UTF_8);
        else if (json != null) {
            JsonNode node = json.path("caption");
            if (!node.isTextual())
                throw new IllegalArgumentException("footage caption " + sibling(video, ".json").getFileName() + " has no \"caption\" text; allowed: {\"caption\": \"...\"}");
            caption = node.asText();
        } else throw new IllegalArgumentException("footage " + name + " has no caption; " + ALLOWED);
        caption = caption.strip();
        if (caption.isEmpty()) throw new IllegalArgumentException("footage " + name + " has an empty caption; " + ALLOWED);
        return caption;
    }
}
