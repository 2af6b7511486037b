package ai.gallop.train;

import ai.gallop.eval.PromptSuite;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What would subjects drawn as object tokens be worth to the evaluator? {@code oracle} takes a model's eval clips and
 * paints over each text-to-video clip, frame by frame, the subjects of the world's own render of its prompt: each
 * subject's crop through the object autoencoder ({@link ObjectTokenProbe}), or with {@code crop} the crop itself,
 * placed by its true box. Every other clip is copied. Scoring the folder ({@code gallop eval --videos}) gives the
 * ceiling of a generator that draws the scene as the model does and the subjects' tokens perfectly.
 * Not a test; run by hand (docs/training.md, "One token per subject"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.ObjectCompositeProbe oracle OBJECT_AE_DIR EVAL_DIR OUT [crop]
 * </pre>
 */
public final class ObjectCompositeProbe {
    private ObjectCompositeProbe() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || !args[0].equals("oracle")) {
            System.err.println("usage: ObjectCompositeProbe oracle OBJECT_AE_DIR EVAL_DIR OUT [crop]");
            System.exit(2);
        }
        oracle(Path.of(args[1]), Path.of(args[2], "videos"), Path.of(args[3]), args.length > 4 && args[4].equals("crop"));
    }

    static void oracle(Path objectAutoencoder, Path videos, Path out, boolean cropItself) throws IOException {
        World world = new World();
        try (ObjectTokenProbe.ObjectAutoencoder model = ObjectTokenProbe.ObjectAutoencoder.load(objectAutoencoder.resolve(ObjectTokenProbe.WEIGHTS))) {
            int painted = repaint(videos, out, entry -> {
                RenderedClip truth = world.render(entry.spec());
                return (k, picture) -> {
                    ObjectTokenProbe.Frame frame = ObjectTokenProbe.frame(truth, Math.min(k, truth.video().frames().size() - 1), model.side);
                    List<float[]> sprites = new ArrayList<>();
                    if (cropItself) frame.crops().forEach(c -> sprites.add(c.rgba()));
                    else ObjectTokenProbe.codes(model, frame.crops(), sprites);
                    for (int i = 0; i < frame.crops().size(); i++) ObjectTokenProbe.paste(picture, frame.crops().get(i).box(), sprites.get(i), model.side);
                };
            });
            System.out.println(painted + " text-to-video clips painted into " + out);
        }
    }

    /** Paints subjects over frame {@code k} of one clip, in place. */
    interface FramePainter { void paint(int k, RgbFrame picture); }

    /** What paints the frames of one text-to-video prompt's clip. */
    interface ClipPainter { FramePainter of(PromptSuite.Entry entry); }

    /**
     * Every dev prompt's clip in {@code videos} (ID.mp4) into {@code out}: a text-to-video one with each frame painted,
     * sound kept; the rest copied. Returns how many were painted.
     */
    static int repaint(Path videos, Path out, ClipPainter painter) throws IOException {
        Files.createDirectories(out);
        int painted = 0;
        for (PromptSuite.Entry e : PromptSuite.load("dev").entries()) {
            Path made = videos.resolve(e.id() + ".mp4");
            if (!Files.exists(made)) continue;
            if (e.task() != PromptSuite.Task.T2V) {
                Files.copy(made, out.resolve(e.id() + ".mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            Video base = Mp4Reader.read(made).video();
            FramePainter frames = painter.of(e);
            List<RgbFrame> pictures = new ArrayList<>();
            for (int k = 0; k < base.frames().size(); k++) {
                RgbFrame picture = base.frames().get(k).copy();
                frames.paint(k, picture);
                pictures.add(picture);
            }
            Mp4Writer.write(out.resolve(e.id() + ".mp4"), new Video(base.fps(), pictures, base.sound()), Map.of());
            painted++;
        }
        return painted;
    }
}
