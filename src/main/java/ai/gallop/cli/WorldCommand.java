package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.Version;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.ContactSheet;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.Png;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gallop world}: renders ground-truth clips (MP4, JSON, contact sheet) from seeds, a spec or a prompt. */
@Command(name = "world", mixinStandardHelpOptions = true,
        description = "Render ground-truth clips of the procedural world (MP4 + JSON + contact sheet) from seeds, a spec or a prompt.")
public final class WorldCommand implements Callable<Integer> {
    static final int MAX_COUNT = 1_000_000;

    @Option(names = "--count", description = "Number of random clips (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int count;

    @Option(names = "--seed", description = "Seed of the first clip; clip i uses seed + i (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/world")
    Path out;

    @Option(names = "--size", description = "WxH, 32 to 256 per side; 1:1, 16:9, 9:16, 4:3 or 3:4 (default: ${DEFAULT-VALUE}).", defaultValue = "64x64")
    String size;

    @Option(names = "--fps", description = "Frames per second, 8 to 24 (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int fps;

    @Option(names = "--seconds", description = "Length in seconds, 1 to 15 (default: ${DEFAULT-VALUE}; frames = fps * seconds + 1).", defaultValue = "2")
    double seconds;

    @Option(names = "--frames", description = "Frame count instead of --seconds (fps * 1 + 1 to fps * 15 + 1).")
    Integer frames;

    @Option(names = "--lang", description = "Caption language stored as the clip's prompt: en, zh, yue, ja, ko, de, fr (default: ${DEFAULT-VALUE}).", defaultValue = "en")
    String lang;

    @Option(names = "--spec", description = "Render this SceneSpec JSON file (its own format wins over --size/--fps/--seconds).")
    Path specFile;

    @Option(names = "--prompt", description = "Render what this prompt says (any of the 7 languages); unknown words are an error.")
    String prompt;

    @Option(names = "--first-frame", description = "Also write each clip's frame 0 as clip-NNNN-first.png, to try image-to-video "
            + "on it (gallop generate --image).")
    boolean firstFrame;

    @Override public Integer call() throws IOException {
        List<SceneSpec> specs = plan();
        Language language = Language.parse(lang);
        prepareFolder(out);
        World world = new World();
        try (ProgressBar bar = new ProgressBar("world", specs.size())) {
            for (int i = 0; i < specs.size(); i++) {
                write(world, specs.get(i), language, out.resolve(String.format(Locale.ROOT, "clip-%04d", i)), firstFrame);
                bar.step();
            }
        }
        System.out.println("wrote " + specs.size() + " clip" + (specs.size() == 1 ? "" : "s") + " to " + out);
        return GallopCli.EXIT_OK;
    }

    /** Everything is validated before the first file is written. */
    private List<SceneSpec> plan() {
        if (specFile != null && prompt != null) throw new BadInputException("--spec and --prompt exclude each other; give one");
        if ((specFile != null || prompt != null) && count != 1)
            throw new BadInputException("--count " + count + " with " + (specFile != null ? "--spec" : "--prompt") + "; allowed: 1");
        if (count < 1 || count > MAX_COUNT)
            throw new BadInputException("--count " + count + " is out of range; allowed: 1 to " + MAX_COUNT);
        if (specFile != null) {
            if (!Files.isRegularFile(specFile)) throw new BadInputException("no such spec file: " + specFile);
            return List.of(Json.read(specFile, SceneSpec.class));
        }
        VideoFormat format = format();
        if (prompt != null) {
            ParsedPrompt parsed = new World().parse(prompt);
            if (!parsed.unknownWords().isEmpty())
                throw new BadInputException("unknown word" + (parsed.unknownWords().size() > 1 ? "s " : " ")
                        + String.join(", ", parsed.unknownWords().stream().map(w -> "'" + w + "'").toList())
                        + " in the prompt; the world knows subjects " + Vocabulary.allowed(Vocabulary.Subject.class)
                        + " (see docs/world.md for every word)");
            return List.of(parsed.toSpec(seed, format));
        }
        World world = new World();
        List<SceneSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) specs.add(world.sample(seed + i, format));
        return specs;
    }

    private VideoFormat format() {
        int[] wh = VideoFormat.parseSize(size);
        return frames != null ? new VideoFormat(wh[0], wh[1], fps, frames) : VideoFormat.ofSeconds(wh[0], wh[1], fps, seconds);
    }

    static void prepareFolder(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create output folder " + dir + ": " + (e instanceof java.nio.file.FileAlreadyExistsException
                    ? "a file of that name is in the way" : GallopCli.describe(e)), e);
        }
        if (!Files.isWritable(dir)) throw new IOException("output folder " + dir + " is not writable");
    }

    private static void write(World world, SceneSpec spec, Language language, Path stem, boolean firstFrame) throws IOException {
        RenderedClip clip = world.render(spec);
        String caption = clip.truth().captions().get(language);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("generator", Version.NAME + " " + Version.VERSION + " world");
        tags.put("seed", Long.toString(spec.seed()));
        tags.put("prompt", caption);
        List<Double> eventTimes = clip.truth().events().stream().map(e -> e.time()).toList();
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(Path.of(stem + ".mp4"), f -> Mp4Writer.write(f, clip.video(), tags));
            files.add(Path.of(stem + ".json"), f -> Files.writeString(f, Json.write(clip.truth())));
            files.add(Path.of(stem + ".png"), f -> Png.write(f, ContactSheet.render(clip.video(), eventTimes, caption)));
            if (firstFrame) files.add(Path.of(stem + "-first.png"), f -> Png.write(f, clip.video().frames().getFirst()));
            files.commit();
        }
    }
}
