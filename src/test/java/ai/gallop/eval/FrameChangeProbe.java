package ai.gallop.eval;

import ai.gallop.Cancellation;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much a clip changes from one frame to the next: the mean absolute difference of consecutive frames' RGB values
 * (0-255), for every frame transition, over the MP4s of each folder given (an eval's videos folder), or over
 * {@code world:N} world clips of seeds 1000 to 1000 + N - 1 encoded as an eval encodes its clips, or
 * {@code gen:MODEL:N:STEPS:GUIDANCE} a model's clips of those clips' English captions (seed i for the i-th), in memory
 * without the MP4 encoder (compare them with {@code raw:N}, the world's clips in memory). The world's clips
 * change by 3-4 levels a frame; a model whose frames are drawn one by one changes by several times that, which
 * reads as flicker and grain, hides a camera move, and breaks the tracker. Not a test; run by hand
 * (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.FrameChangeProbe world:70 /tmp/ev-x/videos ...
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.FrameChangeProbe raw:6 gen:runs/x/checkpoints/step-00001200:6:16:9
 * </pre>
 */
public final class FrameChangeProbe {
    private FrameChangeProbe() {}

    public static void main(String[] args) throws IOException {
        for (String source : args) {
            List<List<RgbFrame>> clips = source.startsWith("world:") ? world(Integer.parseInt(source.substring(6)))
                    : source.startsWith("raw:") ? raw(Integer.parseInt(source.substring(4)))
                    : source.startsWith("gen:") ? generated(source.substring(4).split(":")) : folder(Path.of(source));
            int transitions = clips.getFirst().size() - 1;
            double[] change = new double[transitions];
            for (List<RgbFrame> frames : clips) {
                double[] curve = MotionPeaks.motionCurve(frames);  // mean |frame k - frame k-1| / 255
                for (int k = 0; k < transitions; k++) change[k] += 255 * curve[k] / clips.size();
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-32s %3d clips, mean %5.2f; per transition:", source, clips.size(),
                    Arrays.stream(change).average().orElseThrow()));
            for (double c : change) line.append(String.format(Locale.ROOT, " %4.1f", c));
            System.out.println(line);
        }
    }

    private static List<List<RgbFrame>> folder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> mp4s = files.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
            if (mp4s.isEmpty()) throw new IllegalArgumentException(dir + " holds no .mp4; allowed: an eval's videos folder");
            List<List<RgbFrame>> clips = new ArrayList<>();
            for (Path p : mp4s) clips.add(Mp4Reader.read(p).video().frames());
            int frames = clips.getFirst().size();
            return clips.stream().filter(c -> c.size() == frames).toList();
        }
    }

    private static List<List<RgbFrame>> raw(int count) {
        World world = new World();
        List<List<RgbFrame>> clips = new ArrayList<>();
        for (int i = 0; i < count; i++) clips.add(world.render(world.sample(1000 + i, VideoFormat.DEFAULT)).video().frames());
        return clips;
    }

    /** MODEL, N, STEPS, GUIDANCE: the model's clips of the first N world clips' English captions. */
    private static List<List<RgbFrame>> generated(String[] spec) throws IOException {
        World world = new World();
        int count = Integer.parseInt(spec[1]);
        List<List<RgbFrame>> clips = new ArrayList<>();
        try (Gallop gallop = Gallop.load(Path.of(spec[0]))) {
            for (int i = 0; i < count; i++) {
                String caption = world.caption(world.sample(1000 + i, VideoFormat.DEFAULT), Language.EN);
                GenerationRequest request = new GenerationRequest(caption, null, i, VideoFormat.DEFAULT, false, Integer.valueOf(spec[2]),
                        Double.valueOf(spec[3]), null, null, List.of(), null, null, null);
                clips.add(gallop.generate(request, (stage, done, total) -> { }, new Cancellation()).video().frames());
            }
        }
        return clips;
    }

    /** World clips through the same MP4 encoder an eval's clips go through, so the codec's share is alike. */
    private static List<List<RgbFrame>> world(int count) throws IOException {
        World world = new World();
        Path dir = Files.createTempDirectory("frame-change");
        try {
            for (int i = 0; i < count; i++) {
                RenderedClip clip = world.render(world.sample(1000 + i, VideoFormat.DEFAULT));
                Mp4Writer.write(dir.resolve(String.format(Locale.ROOT, "clip-%04d.mp4", i)), clip.video(), Map.of());
            }
            return folder(dir);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }
}
