package ai.gallop.eval;

import ai.gallop.Cancellation;
import ai.gallop.media.Video;
import ai.gallop.pipeline.Gallop;
import ai.gallop.pipeline.GenerationRequest;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import ai.gallop.world.Vocabulary.Camera;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Does a model follow the camera sentence? For one-subject prompts that differ only in it ("The camera pans left."
 * against the four other moves), generated from the same seeds (1 and 2 unless given), it names each clip's camera
 * move with the evaluator's estimator and prints the confusion matrix. Because a class is all or nothing, it also
 * prints the measured motion each asked move gets on average: the horizontal shift in pixels, its frame-to-frame
 * steps summed (content moving right is positive, what a left pan shows), and the zoom, its steps multiplied. A model
 * that ignores the sentence gives every row the same distribution and the same motion. MODEL {@code world} renders what each prompt says instead, the
 * yardstick of what the estimator sees in a clip that does move. With {@code i2v} the model gets the world's first
 * frame of each prompt (image-to-video), so it has the scene's texture to move and only has to move it. With
 * {@code extend} it gets the world clip's first second, already moving the asked way, and only the second it adds is
 * measured: whether the model can carry on a move it is shown, rather than start one. Not a test; run by hand
 * (docs/training.md):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.eval.CameraProbe MODEL|world [STEPS GUIDANCE [FIRST_SEED LAST_SEED [i2v|extend]]]
 * </pre>
 */
public final class CameraProbe {
    private CameraProbe() {}

    private static final World WORLD = new World();

    // textured scenes, where the estimator can see the background move; no held-out kind-scene pairing (world.HeldOut)
    private static final List<String> SUBJECTS = List.of(
            "A huge red ball stands still in a meadow.", "A huge blue car stands still on a city street.",
            "A huge white horse stands still on a beach.", "A huge yellow box stands still on a city street.",
            "A huge green bird stands still in a meadow.");

    private static final List<String> SENTENCES = List.of(
            "The camera stays still.", "The camera pans left.", "The camera pans right.", "The camera zooms in.", "The camera zooms out.");

    public static void main(String[] args) throws Exception {
        Integer steps = args.length > 1 ? Integer.valueOf(args[1]) : null;
        Double guidance = args.length > 2 ? Double.valueOf(args[2]) : null;
        long firstSeed = args.length > 3 ? Long.parseLong(args[3]) : 1, lastSeed = args.length > 4 ? Long.parseLong(args[4]) : 2;
        String mode = args.length > 5 ? args[5] : "t2v";
        Camera[] moves = Camera.values();
        int[][] confusion = new int[moves.length][moves.length];
        double[] shift = new double[moves.length], logZoom = new double[moves.length];
        int perMove = 0;
        PictureAnalyzer analyzer = new PictureAnalyzer();
        boolean world = args[0].equals("world");
        try (Gallop gallop = world ? null : Gallop.load(Path.of(args[0]))) {
            for (long seed = firstSeed; seed <= lastSeed; seed++)
                for (String subject : SUBJECTS) {
                    perMove++;
                    for (int m = 0; m < moves.length; m++) {
                        PictureAnalysis picture = analyzer.analyse(clip(gallop, subject + " " + SENTENCES.get(m), seed, steps, guidance, mode));
                        ShotAnalysis shot = picture.shots().getFirst();
                        confusion[m][shot.camera().ordinal()]++;
                        for (CameraMotion motion : shot.motions()) {
                            shift[m] += motion.dx();
                            logZoom[m] += Math.log(motion.scale());
                        }
                    }
                }
        }
        System.out.printf(Locale.ROOT, "%-10s", "asked\\got");
        for (Camera got : moves) System.out.printf(Locale.ROOT, " %9s", got.id());
        System.out.printf(Locale.ROOT, " %12s %9s%n", "shift (px)", "zoom");
        int right = 0;
        for (int m = 0; m < moves.length; m++) {
            System.out.printf(Locale.ROOT, "%-10s", moves[m].id());
            for (int g = 0; g < moves.length; g++) System.out.printf(Locale.ROOT, " %9d", confusion[m][g]);
            System.out.printf(Locale.ROOT, " %12.2f %9.3f%n", shift[m] / perMove, Math.exp(logZoom[m] / perMove));
            right += confusion[m][m];
        }
        System.out.printf(Locale.ROOT, "followed %d of %d (%.3f; chance 0.2)%n", right, perMove * moves.length, right / (double) (perMove * moves.length));
    }

    private static Video clip(Gallop gallop, String prompt, long seed, Integer steps, Double guidance, String mode) {
        Video world = gallop == null || !mode.equals("t2v") ? WORLD.render(WORLD.parse(prompt).toSpec(seed, VideoFormat.DEFAULT)).video() : null;
        int shown = VideoFormat.DEFAULT.fps() + 1;  // the first second and the frame that ends it
        if (gallop == null) return mode.equals("extend") ? tail(world, shown - 1) : world;
        VideoFormat format = mode.equals("extend") ? VideoFormat.ofSeconds(64, 64, VideoFormat.DEFAULT.fps(), 1) : VideoFormat.DEFAULT;
        Video extend = mode.equals("extend") ? new Video(world.fps(), world.frames().subList(0, shown), null) : null;
        GenerationRequest request = new GenerationRequest(prompt, null, seed, format, false, steps, guidance, null,
                mode.equals("i2v") ? world.frames().getFirst() : null, List.of(), null, null, extend);
        Video made = gallop.generate(request, (stage, done, total) -> { }, new Cancellation()).video();
        return extend != null ? tail(made, shown - 1) : made;
    }

    /** The clip from frame {@code from} on: the last shown frame and what follows it. */
    private static Video tail(Video video, int from) {
        return new Video(video.fps(), video.frames().subList(from, video.frames().size()), null);
    }
}
