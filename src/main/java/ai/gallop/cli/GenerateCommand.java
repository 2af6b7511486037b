package ai.gallop.cli;

import ai.gallop.Cancellation;
import ai.gallop.Json;
import ai.gallop.ProgressListener;
import ai.gallop.Version;
import ai.gallop.diffusion.Guidance;
import ai.gallop.diffusion.Sampler;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.ContactSheet;
import ai.gallop.media.FrameScaler;
import ai.gallop.media.Gif;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.media.Watermark;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.Generated;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * {@code gallop generate "PROMPT"}: text-, image- or reference-to-video with sound from a trained model, a clip
 * extended ({@code --extend}) or edited ({@code --video IN.mp4 --edit "make the ball blue"}, with the edit model). Writes OUT/NAME.mp4
 * (H.264 + AAC, provenance in its tags), OUT/NAME.png (contact sheet: frames and waveform) and OUT/NAME.json (the
 * request, the parsed spec, the model's SHA-256, the sampler and the time of each stage). Every option is checked
 * before the model loads and nothing is written before the clip is complete; the three files appear together or
 * not at all, also when the run is cancelled (Ctrl-C stops it within one denoising step).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a video with sound from a prompt (and optionally a first frame or reference images), or extend or edit a clip, with a trained model: MP4 + contact sheet + metadata JSON.")
public final class GenerateCommand implements Callable<Integer> {
    /** Exit code of a cancelled run (128 + SIGINT, as shells report Ctrl-C). */
    static final int EXIT_CANCELLED = 130;
    static final String DEFAULT_MODEL = "models/gallop-tiny";
    /** The model an edit gets when --model is not given: the shipped model was not trained to edit. */
    static final String DEFAULT_EDIT_MODEL = "models/gallop-tiny-edit";
    /** The most clips one command makes: a choice among variations, not a data set (gallop world and eval make those). */
    static final int MAX_COUNT = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** The largest prompt file read: 100 prompts of the longest allowed length in 4-byte characters, and comments. */
    static final long MAX_PROMPTS_BYTES = 4L << 20;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "What the clip shows (en, zh, yue, ja, ko, de, fr); "
            + "\"... then cut to ...\" gives two shots. Left out with --edit, whose instruction is the prompt, and with --prompts.")
    String prompt;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Generate for every prompt in this UTF-8 text file, one a line (blank "
            + "lines and lines starting with # skipped), loading the model once; each prompt's clips get the seeds --seed, --seed + 1, ... "
            + "and the bytes they get alone, named LINE-WORDS-seedS (LINE: the prompt's line number).")
    Path promptsFile;

    /** What to generate: the prompt, the edit's instruction or the file's prompts, each with its name's prefix. */
    private List<Prompt> prompts;

    /** A prompt and its line in --prompts (0 for one given on the command line). */
    private record Prompt(String text, int line) {
        /** The start of its clips' names: none for the command line's prompt, "007-" for line 7 of --prompts. */
        String prefix() { return line == 0 ? "" : String.format(Locale.ROOT, "%03d-", line); }
    }

    /** One clip to make: the request and the prompt it came from. */
    private record Job(GenerationRequest request, Prompt prompt) {}

    @Option(names = "--model", paramLabel = "FOLDER", description = "Model folder or training run (default: ${DEFAULT-VALUE}, found from any working folder).",
            defaultValue = DEFAULT_MODEL)
    Path model;

    @Option(names = "--seed", description = "Seed of the noise: the same seed gives the same bytes (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--count", paramLabel = "N", description = "Clips to make, 1 to " + MAX_COUNT + ", with seeds --seed, --seed + 1, ...; each gets its own three files (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int count;

    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt: what the unconditional pass steers away from.")
    String negative;

    @Option(names = "--steps", description = "Denoising steps, 1 to 1000 (default: " + Gallop.DEFAULT_STEPS + "; a distilled model's own steps).")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "G", description = "Classifier-free guidance of the picture, 0 to 30 (default: " + Gallop.DEFAULT_GUIDANCE + ", " + Gallop.DEFAULT_EDIT_GUIDANCE + " for an edit; 1 = off, the default of a distilled model, whose guidance is in its weights).")
    Double guidance;

    @Option(names = "--audio-guidance", paramLabel = "G", description = "Classifier-free guidance of the sound, 0 to 30 (default: the picture's; " + Gallop.MEL_AUDIO_GUIDANCE + " for a model with log-mel sound).")
    Double audioGuidance;

    @Option(names = "--guidance-smoothing", paramLabel = "W", description = "Averages this much of the picture's guidance push over neighbouring frames, 0 (off, the default) to 1: steadier frames, less motion.")
    Double guidanceSmoothing;

    @Option(names = "--sampler", description = "euler, heun or ancestral (default: " + Gallop.DEFAULT_SAMPLER + ").")
    String sampler;

    @Option(names = "--camera-control", paramLabel = "HOW", description = "How a camera move the prompt asks for is made: reframe (the "
            + "default: the shot the model draws, filmed again through that camera; not for a pan or zoom out from a given first frame) "
            + "or model (left to the model).")
    String cameraControl;

    @Option(names = "--shift", description = "Timestep shift at inference, above 0 to 100 (default: " + Gallop.DEFAULT_SHIFT + "; a distilled model's own).")
    Double shift;

    @Option(names = "--seconds", description = "Length in seconds (default: the model's training length).")
    Double seconds;

    @Option(names = "--size", paramLabel = "WxH", description = "Frame size; sides must fit the model's patches (default: the model's training size).")
    String size;

    @Option(names = "--ratio", paramLabel = "W:H", description = "Aspect ratio instead of --size: 1:1, 16:9, 9:16, 4:3 or 3:4, at about the training size's area.")
    String ratio;

    @Option(names = "--fps", description = "Frames per second, 8 to 24 (default: the model's training rate).")
    Integer fps;

    @Option(names = "--image", paramLabel = "FIRST.png", description = "Image-to-video: the clip starts on this frame (its size is the clip's unless --size says otherwise).")
    Path image;

    @Option(names = "--no-audio", description = "Leave the sound out of the MP4.")
    boolean noAudio;

    @Option(names = "--gif", description = "Also write NAME.gif: the clip as a looping GIF without sound, scaled up by whole pixels to at "
            + "least " + Gif.MIN_LONG_SIDE + " pixels on its longer side, for pages where an MP4 does not play.")
    boolean gif;

    @Option(names = "--watermark", description = "Draw a small visible 'AI' mark on every frame (and tag the file).")
    boolean watermark;

    @Option(names = "--out", paramLabel = "FOLDER", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/generate")
    Path out;

    @Option(names = "--name", description = "File name stem (default: words of the prompt and the seed).")
    String name;

    @Option(names = "--ref", paramLabel = "IMAGE.png", description = "Reference-to-video: a picture of the subject (a PNG, cropped "
            + "and scaled to the clip's size); needs a model trained with --reference-share, which takes one.")
    List<Path> references;

    @Option(names = "--video", paramLabel = "IN.mp4", description = "Edit this clip as --edit says, keeping its size, rate and length "
            + "(default model: " + DEFAULT_EDIT_MODEL + ", trained with --edit-share and --source-skip, which hears the clip's sound at 16 kHz and "
            + "keeps it where it can).")
    Path video;

    @Option(names = "--edit", paramLabel = "TEXT", description = "The instruction for --video, e.g. \"make the ball blue\" (the edit model "
            + "was trained on recolourings: \"make the KIND COLOUR\", clauses joined by commas, in any of the 7 languages).")
    String edit;

    @Option(names = "--extend", paramLabel = "IN.mp4", description = "Continue this clip by --seconds (default: the model's training length), conditioning on its last frames.")
    Path extend;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Set to stop the run; Ctrl-C sets it. Tests set it too. */
    Cancellation cancellation = new Cancellation();
    /** Hears the generation's progress besides the progress bar (tests). */
    ProgressListener observer = ProgressListener.NONE;

    @Override public Integer call() throws IOException {
        // System.out, as WorldCommand: picocli swaps a subcommand's writer when System.out is replaced (tests capture it)
        PrintStream stdout = System.out, stderr = System.err;
        // 1. every option that does not need the model, before anything is loaded or written
        checkOptions();
        RgbFrame first = image == null ? null : readImage("--image", image);
        List<RgbFrame> pictures = references == null ? List.of() : references.stream().map(file -> readImage("--ref", file)).toList();
        Video prefix = extend == null ? null : readClip("--extend", extend);
        Video source = video == null ? null : readClip("--video", video);
        boolean modelGiven = spec.commandLine().getParseResult().hasMatchedOption("--model");
        Path folder = modelFolder(source != null && !modelGiven ? Path.of(DEFAULT_EDIT_MODEL) : model, modelGiven);
        // Ctrl-C or SIGTERM from here on cancels: the sampler stops at its next step, no file is written, and the JVM
        // waits until the model is closed and the message printed (GracefulStop)
        try (GracefulStop stop = new GracefulStop("gallop-generate-cancel", 30, cancellation::cancel)) {
            // 2. the model, and the clip format it can make
            int made = 0, total = prompts.size() * count;
            try (Gallop gallop = Gallop.load(folder)) {
                VideoFormat format = source != null ? new VideoFormat(source.width(), source.height(), source.fps(), source.frames().size())
                        : format(gallop, first, prefix);
                List<RgbFrame> refs = pictures.stream().map(p -> FrameScaler.fit(p, format.width(), format.height())).toList();
                List<Job> jobs = new ArrayList<>();
                for (Prompt p : prompts) {
                    for (int i = 0; i < count; i++)
                        jobs.add(new Job(new GenerationRequest(p.text(), negative, seed + i, format, !noAudio, steps, guidance, sampler,
                                first, refs, shift, audioGuidance, prefix, guidanceSmoothing, source, cameraControl), p));
                    gallop.check(jobs.getLast().request());  // the model's own checks, still before any work; no check depends on the seed
                    List<String> ignored = source != null ? List.of() : new World().parse(p.text()).unknownWords();  // an edit's instruction is read whole
                    if (!ignored.isEmpty()) stdout.println((p.line() == 0 ? "" : "line " + p.line() + ": ") + "ignored words: " + String.join(", ", ignored));
                }
                if (negative != null && !gallop.guidance(jobs.getFirst().request()).needsUnconditional())  // no unconditional pass: nothing to steer away from
                    stdout.println("ignored negative prompt: guidance 1 runs no unconditional pass" + (gallop.samplingDefaults().distilled()
                            ? " (this distilled model's default; its guidance is in its weights)" : "") + "; give --guidance above 1 to use it");
                Set<String> said = new HashSet<>();  // a two-shot prompt's captions may differ from seed to seed; each cut is said once
                for (Job job : jobs) {
                    GenerationRequest request = job.request();
                    Map<String, String> unread = gallop.unreadText(request);
                    unread.forEach((text, end) -> {
                        String line = "ignored the end of the " + text + ", past the " + (gallop.config().maxTextTokens() - 2)
                                + " UTF-8 bytes " + gallop.id() + " reads of a caption: \"" + end + "\"";
                        if (said.add(line)) stdout.println(line);
                    });
                    if (gallop.reframeWouldMoveFirstFrame(request) && said.add("camera"))
                        stdout.println("camera: the pan or zoom out is left to the model; reframing it would change the first frame (--image)");
                    stdout.flush();
                    // 3. generate, with a progress bar over the denoising steps
                    Generated generated = generateWithBar(gallop, request, total == 1 ? "generate" : "clip " + (made + 1) + "/" + total);
                    // 4. the files, together or not at all
                    Path[] written = write(gallop, request, job.prompt(), generated, unread, folder);
                    made++;
                    stdout.printf(Locale.ROOT, "wrote %s and %s (%.3g s of video in %.1f s)%n",
                            String.join(", ", Arrays.stream(written, 0, written.length - 1).map(Path::toString).toList()), written[written.length - 1],
                            (generated.video().frames().size() - 1) / (double) generated.video().fps(), generated.seconds());
                }
                return GallopCli.EXIT_OK;
            } catch (CancellationException e) {
                stderr.println("gallop generate: cancelled; " + (made == 0 ? "no files written"
                        : made + " of " + total + " clips written, the one under way was not"));
                stderr.flush();
                return EXIT_CANCELLED;
            }
        }
    }

    /** The file name stem of a prompt's clip with this seed: --name as given for one clip, with the seed for several. */
    private String stem(Prompt p, long clipSeed) {
        return name == null ? p.prefix() + defaultName(p.text(), clipSeed) : count == 1 ? name : name + "-seed" + clipSeed;
    }

    /** One-line errors for every option value that is wrong whatever the model. */
    private void checkOptions() {
        if (references != null) {
            if (references.size() > GenerationRequest.MAX_REFERENCES)
                throw new BadInputException("--ref: " + references.size() + " images; allowed: at most " + GenerationRequest.MAX_REFERENCES);
            for (Path file : references) if (!Files.isRegularFile(file)) throw new BadInputException("--ref " + file + " does not exist; allowed: a PNG file");
        }
        if (edit != null && video == null)
            throw new BadInputException("--edit needs the clip to edit; allowed: --video IN.mp4 --edit \"make the ball blue\"");
        if (video != null) {
            if (edit == null) throw new BadInputException("--video needs an instruction; allowed: --video IN.mp4 --edit \"make the ball blue\"");
            if (edit.isBlank()) throw new BadInputException("--edit is empty; allowed: an instruction such as \"make the ball blue\"");
            if (prompt != null) throw new BadInputException("an edit's instruction goes in --edit; allowed: --video IN.mp4 --edit \"make the ball blue\" without a prompt");
            if (image != null || extend != null || references != null)
                throw new BadInputException("--video excludes --image, --extend and --ref; allowed: the clip and an --edit instruction");
            if (size != null || ratio != null || fps != null || seconds != null)
                throw new BadInputException("--video keeps the clip's size, rate and length; allowed: leave out --size, --ratio, --fps and --seconds");
            if (!Files.isRegularFile(video)) throw new BadInputException("--video " + video + " does not exist; allowed: an MP4 file");
            prompt = edit;  // from here on the instruction is the prompt: checked, written and shown as one
        }
        if (extend != null && image != null) throw new BadInputException("--extend and --image exclude each other; give one");
        if (extend != null && !Files.isRegularFile(extend)) throw new BadInputException("--extend " + extend + " does not exist; allowed: an MP4 file");
        if (promptsFile != null) prompts = readPrompts();
        else {
            if (prompt == null || prompt.isBlank()) throw new BadInputException("the prompt is empty; describe the video to generate, e.g. \"a red ball bounces on a beach\"");
            if (prompt.length() > GenerationRequest.MAX_PROMPT_CHARS)
                throw new BadInputException("the prompt has " + prompt.length() + " characters; allowed: at most " + GenerationRequest.MAX_PROMPT_CHARS);
            prompts = List.of(new Prompt(prompt, 0));
        }
        if (seed < 0 || seed > Integer.MAX_VALUE) throw new BadInputException("--seed " + seed + " is out of range; allowed: 0 to " + Integer.MAX_VALUE);
        if (count < 1 || count > MAX_COUNT) throw new BadInputException("--count " + count + " is out of range; allowed: 1 to " + MAX_COUNT);
        if (seed + count - 1 > Integer.MAX_VALUE)
            throw new BadInputException("--seed " + seed + " with --count " + count + " runs past the last seed; allowed: seeds up to " + Integer.MAX_VALUE);
        if (prompts.size() * count > MAX_COUNT)
            throw new BadInputException("--prompts " + promptsFile + " has " + prompts.size() + " prompts, " + prompts.size() * count
                    + " clips with --count " + count + "; allowed: at most " + MAX_COUNT + " clips a command");
        checkSampling(steps, guidance, audioGuidance, guidanceSmoothing, sampler, shift);
        cameraControl = checkCameraControl(cameraControl);
        if (seconds != null && !(seconds >= VideoFormat.MIN_SECONDS && seconds <= VideoFormat.MAX_SECONDS))
            throw new BadInputException("--seconds " + seconds + " is out of range; allowed: " + VideoFormat.MIN_SECONDS + " to " + VideoFormat.MAX_SECONDS);
        if (fps != null && (fps < VideoFormat.MIN_FPS || fps > VideoFormat.MAX_FPS))
            throw new BadInputException("--fps " + fps + " is out of range; allowed: " + VideoFormat.MIN_FPS + " to " + VideoFormat.MAX_FPS);
        if (size != null && ratio != null) throw new BadInputException("--size and --ratio exclude each other; give one");
        if (size != null) {
            int[] wh = parseSize(size);
            new VideoFormat(wh[0], wh[1], VideoFormat.MIN_FPS, VideoFormat.MIN_FPS + 1);  // one-line error for a size no clip can have
        }
        if (ratio != null && Arrays.stream(VideoFormat.RATIOS).noneMatch(r -> (r[0] + ":" + r[1]).equals(ratio.trim())))
            throw new BadInputException("--ratio '" + ratio + "' is not supported; allowed: 1:1, 16:9, 9:16, 4:3, 3:4");
        if (name != null && !NAME.matcher(name).matches())
            throw new BadInputException("--name '" + name + "' is not a plain file name; allowed: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100");
        if (image != null && !Files.isRegularFile(image)) throw new BadInputException("--image " + image + " does not exist; allowed: a PNG file");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException("--out " + out + " is a file; allowed: a folder (created if missing)");
    }

    /** The prompts of --prompts, each named after its line; one-line errors for what a prompt on the command line would get. */
    private List<Prompt> readPrompts() {
        if (video != null) throw new BadInputException("--prompts makes new clips; allowed: without --video and --edit");
        if (prompt != null) throw new BadInputException("--prompts and a PROMPT exclude each other; give one");
        if (name != null) throw new BadInputException("--prompts names each clip after its line, prompt and seed; allowed: without --name");
        String allowed = "allowed: a UTF-8 text file of at most " + (MAX_PROMPTS_BYTES >> 20) + " MB, one prompt a line";
        if (!Files.isRegularFile(promptsFile)) throw new BadInputException("--prompts " + promptsFile + " does not exist; " + allowed);
        List<String> lines;
        try {
            long bytes = Files.size(promptsFile);
            if (bytes > MAX_PROMPTS_BYTES) throw new BadInputException("--prompts " + promptsFile + " has " + bytes + " bytes; " + allowed);
            lines = Files.readAllLines(promptsFile, StandardCharsets.UTF_8);  // refuses malformed UTF-8
        } catch (IOException e) {
            throw new BadInputException("--prompts " + promptsFile + " is not readable UTF-8 text (" + GallopCli.describe(e) + "); " + allowed);
        }
        List<Prompt> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) continue;
            if (text.length() > GenerationRequest.MAX_PROMPT_CHARS)
                throw new BadInputException("--prompts " + promptsFile + " line " + (i + 1) + " has " + text.length() + " characters; allowed: at most "
                        + GenerationRequest.MAX_PROMPT_CHARS + " a prompt");
            found.add(new Prompt(text, i + 1));
        }
        if (found.isEmpty())
            throw new BadInputException("--prompts " + promptsFile + " has no prompts; allowed: one prompt a line (blank lines and lines starting with # are skipped)");
        return found;
    }

    private static int[] parseSize(String text) {
        try {
            return VideoFormat.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--size '" + text + "' is not WIDTHxHEIGHT; allowed: e.g. 64x64 or 112x64");
        }
    }

    /** --camera-control, which generate and eval share: its value as a request keeps it, null for the generator's default. */
    static String checkCameraControl(String cameraControl) {
        try {
            return GenerationRequest.cameraControlNamed(cameraControl);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--camera-control '" + cameraControl + "' is unknown; allowed: " + String.join(", ", GenerationRequest.CAMERA_CONTROLS));
        }
    }

    /** The sampling options generate and eval share; null means the generator's default. */
    static void checkSampling(Integer steps, Double guidance, Double audioGuidance, Double guidanceSmoothing, String sampler, Double shift) {
        if (steps != null && (steps < 1 || steps > Sampler.MAX_STEPS))
            throw new BadInputException("--steps " + steps + " is out of range; allowed: 1 to " + Sampler.MAX_STEPS);
        checkGuidance("--guidance", guidance);
        checkGuidance("--audio-guidance", audioGuidance);
        checkSmoothing("--guidance-smoothing", guidanceSmoothing);
        if (sampler != null && !Sampler.NAMES.contains(sampler.trim().toLowerCase(Locale.ROOT)))
            throw new BadInputException("--sampler '" + sampler + "' is not available; allowed: " + String.join(", ", Sampler.NAMES));
        if (shift != null && !(shift > 0 && shift <= Sampler.MAX_SHIFT))
            throw new BadInputException("--shift " + shift + " is out of range; allowed: above 0, at most " + (int) Sampler.MAX_SHIFT);
    }

    static void checkGuidance(String option, Double g) {
        if (g != null && !(g >= 0 && g <= Guidance.MAX))
            throw new BadInputException(option + " " + g + " is out of range; allowed: 0 to " + (int) Guidance.MAX + " (1 = no guidance)");
    }

    static void checkSmoothing(String option, Double w) {
        if (w != null && !Guidance.validSmoothing(w)) throw new BadInputException(option + " " + w + " is out of range; allowed: 0 (off) to 1");
    }

    private static RgbFrame readImage(String option, Path file) {
        try {
            return Png.read(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(option + " " + file + " is not a readable PNG (" + GallopCli.describe(e) + "); allowed: an 8-bit RGB or RGBA PNG");
        }
    }

    private static Video readClip(String option, Path file) {
        try {
            return Mp4Reader.read(file).video();
        } catch (IOException | RuntimeException e) {
            String reason = GallopCli.describe(e).replace("cannot read " + file.toAbsolutePath() + ": ", "");
            throw new BadInputException(option + " " + file + " is not a readable video (" + reason + "); allowed: an MP4 such as gallop generate writes");
        }
    }

    /**
     * The model folder: an absolute path as given; a relative one from the working folder when it is there,
     * else from the Gallop folder (bin/gallop sets gallop.home), so the default works from any working folder.
     */
    static Path modelFolder(Path given, boolean explicit) throws IOException {
        String home = System.getProperty("gallop.home");
        Path candidate = given;
        if (!given.isAbsolute() && home != null && !(explicit && Files.exists(given))) candidate = Path.of(home).resolve(given);
        if (!Files.exists(candidate))
            throw new IOException("no model at " + given + (candidate.equals(given) ? "" : " (looked in " + candidate + ")")
                    + "; allowed: --model FOLDER with config.json and model.safetensors, or a training run folder"
                    + (explicit ? "" : " (the shipped model is not in this checkout yet; train one with: gallop train --preset tiny --out runs/NAME)"));
        return candidate;
    }

    /**
     * The clip format from --size/--ratio, --fps and --seconds, each defaulting to what the model was trained on
     * (to the first frame's size, or to the extended clip's size and rate; --seconds is then the time to add).
     */
    private VideoFormat format(Gallop gallop, RgbFrame first, Video prefix) {
        VideoFormat d = gallop.defaultFormat();
        int[] wh = size != null ? parseSize(size)
                : ratio != null ? gallop.sizeForRatio(ratio)
                : first != null ? new int[]{first.width(), first.height()}
                : prefix != null ? new int[]{prefix.width(), prefix.height()}
                : new int[]{d.width(), d.height()};
        int rate = fps != null ? fps : prefix != null ? prefix.fps() : d.fps();
        VideoFormat format = VideoFormat.ofSeconds(wh[0], wh[1], rate, seconds != null ? seconds : d.seconds());
        if (prefix != null) {
            if (prefix.width() != format.width() || prefix.height() != format.height() || prefix.fps() != format.fps())
                throw new BadInputException("--extend " + extend + " is " + prefix.width() + "x" + prefix.height() + " at " + prefix.fps()
                        + " fps; allowed: a continuation of the same size and rate (leave out --size, --ratio and --fps)");
            return format;  // the model checks the windows it will generate
        }
        if (first != null && (first.width() != format.width() || first.height() != format.height()))
            throw new BadInputException("--image " + image + " is " + first.width() + "x" + first.height() + "; allowed: an image of the clip's size "
                    + format.width() + "x" + format.height() + " (or leave out --size and --ratio to use the image's size)");
        gallop.check(format);
        return format;
    }

    private Generated generateWithBar(Gallop gallop, GenerationRequest request, String label) {
        try (ProgressBar bar = new ProgressBar(label, gallop.denoisingSteps(request))) {
            return gallop.generate(request, (stage, done, total) -> {
                if (Sampler.STAGE.equals(stage)) bar.stepTo(done);
                observer.progress(stage, done, total);
            }, cancellation);
        }
    }

    /** Writes NAME.mp4, NAME.png and NAME.json into the output folder, all three or none. */
    private Path[] write(Gallop gallop, GenerationRequest request, Prompt source, Generated generated, Map<String, String> unread,
                         Path modelFolder) throws IOException {
        String stem = stem(source, request.seed());
        cancellation.throwIfCancelled();
        Video clip = watermark ? Watermark.apply(generated.video(), Watermark.TEXT) : generated.video();
        Map<String, String> tags = new LinkedHashMap<>(generated.provenance());
        if (watermark) tags.put("watermark", "visible '" + Watermark.TEXT + "' mark, bottom right");
        WorldCommand.prepareFolder(out);
        Path mp4 = out.resolve(stem + ".mp4"), png = out.resolve(stem + ".png"), json = out.resolve(stem + ".json");
        Map<String, Double> timings = new LinkedHashMap<>(generated.timings());
        try (AtomicFiles files = new AtomicFiles()) {
            long t0 = System.nanoTime();
            files.add(mp4, f -> Mp4Writer.write(f, clip, tags));
            timings.put("mux", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            files.add(png, f -> ContactSheet.write(f, clip, List.of(), request.prompt(), ContactSheet.given(request.firstFrame(), request.references(),
                    request.editing() ? request.edit().frames() : List.of())));
            timings.put("contact sheet", (System.nanoTime() - t0) / 1e9);
            Path animation = gif ? out.resolve(stem + ".gif") : null;
            if (gif) {
                t0 = System.nanoTime();
                files.add(animation, f -> Gif.write(f, clip));
                timings.put("gif", (System.nanoTime() - t0) / 1e9);
            }
            timings.put("total", generated.seconds() + timings.get("mux") + timings.get("contact sheet") + timings.getOrDefault("gif", 0.0));
            files.add(json, f -> Files.writeString(f, Json.write(metadata(gallop, request, source, generated, unread, timings, modelFolder, mp4, png, animation))));
            cancellation.throwIfCancelled();
            files.commit();
            return gif ? new Path[]{mp4, png, json, animation} : new Path[]{mp4, png, json};
        }
    }

    private Map<String, Object> metadata(Gallop gallop, GenerationRequest request, Prompt source, Generated generated, Map<String, String> unread,
                                         Map<String, Double> timings, Path modelFolder, Path mp4, Path png, Path animation) {
        Map<String, String> p = generated.provenance();
        VideoFormat f = request.format();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", p.get("generator"));
        m.put("prompt", request.prompt());
        if (source.line() > 0) {  // a clip of a batch names where its prompt came from
            m.put("prompts_file", promptsFile.toString());
            m.put("prompts_line", source.line());
        }
        m.put("negative_prompt", request.negativePrompt());
        m.put("seed", request.seed());
        m.put("mode", request.imageToVideo() ? "image-to-video" : request.extension() ? "extend" : request.editing() ? "edit"
                : !request.references().isEmpty() ? "reference-to-video" : "text-to-video");
        if (image != null) m.put("image", image.toString());
        if (references != null && !references.isEmpty()) m.put("references", references.stream().map(Path::toString).toList());
        if (extend != null) {
            m.put("extended", extend.toString());
            m.put("extended_frames", request.extend().frames().size());
        }
        if (video != null) m.put("edited", video.toString());
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        modelInfo.put("folder", modelFolder.toString());
        modelInfo.put("checkpoint", gallop.folder().toString());
        modelInfo.put("name", gallop.id());
        modelInfo.put("sha256", gallop.modelSha256());
        gallop.autoencoderSha256().ifPresent(sha -> modelInfo.put("autoencoder_sha256", sha));
        modelInfo.put("weights", gallop.usesEma() ? "ema" : "raw");
        modelInfo.put("parameters", gallop.config().parameterCount());
        m.put("model", modelInfo);
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("width", f.width());
        format.put("height", f.height());
        format.put("fps", f.fps());
        format.put("frames", f.frames());
        format.put("seconds", f.seconds());
        m.put("format", format);
        m.put("sound", request.sound());
        m.put("sampler", p.get("sampler"));
        m.put("steps", Integer.parseInt(p.get("steps")));
        m.put("shift", Double.parseDouble(p.get("shift")));
        m.put("guidance", Double.parseDouble(p.get("guidance")));
        m.put("audio_guidance", Double.parseDouble(p.get("audio_guidance")));
        if (p.containsKey("guidance_smoothing")) m.put("guidance_smoothing", Double.parseDouble(p.get("guidance_smoothing")));
        if (p.containsKey("camera_control")) m.put("camera_control", p.get("camera_control"));
        m.put("watermark", watermark);
        m.put("shots", generated.captions());
        m.put("ignored_words", generated.ignoredWords());
        m.put("unread_text", unread);
        m.put("spec", generated.spec());
        m.put("timings_seconds", timings);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("video", mp4.getFileName().toString());
        files.put("contact_sheet", png.getFileName().toString());
        if (animation != null) files.put("gif", animation.getFileName().toString());
        m.put("files", files);
        m.put("version", Version.NAME + " " + Version.VERSION);
        return m;
    }

    /** "a-red-ball-bounces-seed7": the prompt's first ASCII words (at most 40 characters) and the seed. */
    static String defaultName(String prompt, long seed) {
        StringBuilder slug = new StringBuilder();
        for (String word : prompt.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.isEmpty()) continue;
            if (slug.length() + word.length() + 1 > 40) break;
            if (!slug.isEmpty()) slug.append('-');
            slug.append(word);
        }
        return (slug.isEmpty() ? "clip" : slug) + "-seed" + seed;
    }
}
