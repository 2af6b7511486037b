package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.model.AudioTokeniser;
import ai.gallop.media.Video;
import ai.gallop.world.CameraView;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.World;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GallopTest {
    static final String PROMPT = "a red ball bounces on a beach";
    static final VideoFormat SMALL = new VideoFormat(32, 32, 8, 9);

    @TempDir static Path tmp;
    static Path folder;

    @BeforeAll static void model() throws Exception {
        folder = TestModels.write(tmp.resolve("micro8"));
    }

    private static GenerationRequest request(String prompt, long seed, VideoFormat format, Integer steps, String sampler, RgbFrame first) {
        return new GenerationRequest(prompt, null, seed, format, true, steps, 4.0, sampler, first, List.of(), null, 2.0);
    }

    @Test void generatesPictureAndSoundDeterministicallyAndNamesItsModel() throws Exception {
        try (Gallop gallop = Gallop.load(folder)) {
            assertThat(gallop.id()).isEqualTo("gallop-micro8");
            assertThat(gallop.defaultFormat()).as("the format trainer.json records").isEqualTo(SMALL);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(folder.resolve("model.safetensors"))));
            assertThat(gallop.modelSha256()).isEqualTo(sha);
            List<Integer> heard = new ArrayList<>();
            Generated g = gallop.generate(request(PROMPT, 3, SMALL, 3, null, null), (stage, done, total) -> heard.add(done), new Cancellation());
            assertThat(heard).containsExactly(1, 2, 3);
            assertThat(g.video().frames()).hasSize(9);
            assertThat(g.video().sound().samples()).hasSize(18000);
            assertThat(g.video().frames().get(4)).as("the randomised heads make a picture, not a flat grey").isNotEqualTo(RgbFrame.blank(32, 32));
            assertThat(g.provenance()).doesNotContainKey("autoencoder_sha256").containsEntry("model_sha256", sha).containsEntry("seed", "3").containsEntry("sampler", "euler")
                    .containsEntry("steps", "3").containsEntry("guidance", "4.0").containsEntry("audio_guidance", "2.0").containsEntry("prompt", PROMPT);
            assertThat(g.captions()).containsExactly(PROMPT);
            assertThat(g.timings()).containsKeys("read prompt", "encode prompt", "prepare noise", "denoise", "decode");

            Generated again = gallop.generate(request(PROMPT, 3, SMALL, 3, null, null), ProgressListener.NONE, new Cancellation());
            assertThat(again.video()).as("same seed, same clip").isEqualTo(g.video());
            Generated other = gallop.generate(request(PROMPT, 4, SMALL, 3, null, null), ProgressListener.NONE, new Cancellation());
            assertThat(other.video().frames()).as("another seed, another clip").isNotEqualTo(g.video().frames());
            Generated heun = gallop.generate(request(PROMPT, 3, SMALL, 3, "heun", null), ProgressListener.NONE, new Cancellation());
            assertThat(heun.provenance()).containsEntry("sampler", "heun");
            assertThat(heun.video().frames()).as("Heun follows another path").isNotEqualTo(g.video().frames());
            GenerationRequest silent = new GenerationRequest(PROMPT, null, 3, SMALL, false, 3, 4.0, null, null, List.of(), null, 2.0);
            Video quiet = gallop.generate(silent, ProgressListener.NONE, new Cancellation()).video();
            assertThat(quiet.sound()).isNull();
            assertThat(quiet.frames()).as("dropping the sound leaves the picture as it was").isEqualTo(g.video().frames());
        }
    }

    @Test void imageToVideoStartsOnTheGivenFrame() throws Exception {
        RgbFrame first = new World().render(new World().sample(5, SMALL)).video().frames().getFirst();
        try (Gallop gallop = Gallop.load(folder)) {
            Generated g = gallop.generate(request(PROMPT, 1, SMALL, 2, null, first), ProgressListener.NONE, new Cancellation());
            assertThat(g.video().frames().getFirst()).isEqualTo(first);
            assertThat(g.provenance()).containsEntry("mode", "image-to-video");
            RgbFrame wrong = RgbFrame.blank(64, 64);
            assertThatThrownBy(() -> gallop.generate(request(PROMPT, 1, SMALL, 2, null, wrong), ProgressListener.NONE, new Cancellation()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("first frame is 64x64; allowed: the requested size 32x32");
        }
    }

    /**
     * A two-shot prompt, in English and in Mandarin, is generated shot by shot: up to the spec's cut frame the clip
     * is exactly the first shot's caption generated on its own (frames and sound), after it the second shot's.
     */
    @Test void aTwoShotPromptGivesAClipWithACutAtTheSpecsCutFrame() throws Exception {
        VideoFormat twoSeconds = new VideoFormat(32, 32, 8, 17);
        SceneSpec spec = new SpecSampler(s -> true, 1.0).sample(21, twoSeconds);
        assertThat(spec.shots()).hasSize(2);
        World world = new World();
        try (Gallop gallop = Gallop.load(folder)) {
            for (Language language : List.of(Language.EN, Language.ZH)) {
                String prompt = world.caption(spec, language);
                List<Integer> heard = new ArrayList<>();
                Generated g = gallop.generate(request(prompt, 8, twoSeconds, 2, null, null), (s, done, total) -> heard.add(done), new Cancellation());
                assertThat(g.spec().shots()).hasSize(2);
                int cut = g.spec().cutFrame();
                assertThat(cut).isEqualTo(8);
                assertThat(g.captions()).hasSize(2);
                assertThat(heard).as("a progress bar over both shots").containsExactly(1, 2, 3, 4);
                assertThat(g.video().frames()).hasSize(17);
                assertThat(g.video().sound().samples()).hasSize(17 * 2000);

                // the first shot, made on its own from its caption with the same seed (9 frames, the part's smallest clip)
                Generated firstShot = gallop.generate(request(g.captions().getFirst(), 8, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation());
                assertThat(g.video().frames().subList(0, cut)).isEqualTo(firstShot.video().frames().subList(0, cut));
                assertThat(Arrays.copyOf(g.video().sound().samples(), cut * 2000)).isEqualTo(Arrays.copyOf(firstShot.video().sound().samples(), cut * 2000));
                // and from the cut on, the second shot made on its own from its caption and its seed
                Generated secondShot = gallop.generate(request(g.captions().get(1), Gallop.shotSeed(8, 1), SMALL, 2, null, null),
                        ProgressListener.NONE, new Cancellation());
                assertThat(g.video().frames().subList(cut, 17)).isEqualTo(secondShot.video().frames());
                // its sound too, but for the first 2 ms, where it is moved to meet the first shot's without a step
                int join = cut * 2000, ramp = AudioTokeniser.SEAM_RAMP;
                float[] joined = g.video().sound().samples(), alone = secondShot.video().sound().samples();
                assertThat(Arrays.copyOfRange(joined, join + ramp, 17 * 2000)).isEqualTo(Arrays.copyOfRange(alone, ramp, (17 - cut) * 2000));
                float slope = joined[join - 1] - joined[join - 2];
                assertThat(joined[join] - joined[join - 1]).as("no step at the cut").isCloseTo(slope, within(1e-6f));
                assertThat(Math.abs(alone[0] - joined[join - 1] - slope)).as("the step there would have been").isGreaterThan(1e-4f);
                assertThat(g.video().frames().get(cut)).as("after the cut another shot begins").isNotEqualTo(firstShot.video().frames().get(cut));
            }
        }
    }

    /**
     * Extension appends the continuation to the clip as given, window by window (3 windows of 9 frames, each
     * starting on 3 frames of what is there), and depends only on the clip's last frames: a clip that differs in its
     * first frame gets the same continuation, one that differs in its last frame another.
     */
    @Test void extendingAClipKeepsItAndContinuesFromItsLastFrames() throws Exception {
        try (Gallop gallop = Gallop.load(folder)) {
            Video clip = gallop.generate(request(PROMPT, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video();
            VideoFormat twoMore = new VideoFormat(32, 32, 8, 17);
            List<Integer> heard = new ArrayList<>();
            Generated longer = gallop.generate(extend(clip, twoMore), (s, done, total) -> heard.add(done), new Cancellation());
            assertThat(longer.video().frames()).hasSize(9 + 16);
            assertThat(longer.video().frames().subList(0, 9)).isEqualTo(clip.frames());
            float[] sound = longer.video().sound().samples();
            assertThat(Arrays.copyOf(sound, 18000)).isEqualTo(clip.sound().samples());
            for (int join : new int[] {18000, 18000 + 6 * 2000, 18000 + 12 * 2000})   // the clip's end and each window's first kept frame
                assertThat(sound[join] - sound[join - 1]).as("no step at sample " + join).isCloseTo(sound[join - 1] - sound[join - 2], within(1e-6f));
            assertThat(longer.video().sound().samples()).hasSize(25 * 2000);
            assertThat(heard).as("three windows of 2 steps").containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(longer.provenance()).containsEntry("mode", "extend");

            List<RgbFrame> otherStart = new ArrayList<>(clip.frames());
            otherStart.set(0, RgbFrame.blank(32, 32));
            Generated sameEnd = gallop.generate(extend(new Video(8, otherStart, clip.sound()), twoMore), ProgressListener.NONE, new Cancellation());
            assertThat(sameEnd.video().frames().subList(9, 25)).as("only the last frames condition").isEqualTo(longer.video().frames().subList(9, 25));
            List<RgbFrame> otherEnd = new ArrayList<>(clip.frames());
            otherEnd.set(8, RgbFrame.blank(32, 32));
            Generated changed = gallop.generate(extend(new Video(8, otherEnd, clip.sound()), twoMore), ProgressListener.NONE, new Cancellation());
            assertThat(changed.video().frames().get(9)).as("the last frame conditions").isNotEqualTo(longer.video().frames().get(9));

            assertThatThrownBy(() -> gallop.generate(extend(clip, new VideoFormat(64, 64, 8, 17)), ProgressListener.NONE, new Cancellation()))
                    .hasMessage("the clip to extend is 32x32 at 8 fps; allowed: the requested 64x64 at 8 fps");
        }
    }

    /**
     * A model trained with camera noise samples each part from noise seen through the camera its prompt asks for: a
     * left pan's views move left, each shot of a two-shot clip starts its own, an extension window films from its
     * first frame; a model without it gets none. The same seed still gives the same bytes.
     */
    @Test void aModelTrainedWithCameraNoiseMovesItsNoiseAsThePromptsCamera() throws Exception {
        Path camera = TestModels.write(tmp.resolve("micro8-camera"));
        Files.writeString(camera.resolve("config.json"), TestModels.MICRO8.withFrameNoiseShare(0.9).withCameraNoise(true).toJson());
        String pan = "A red ball stands still in a meadow. The camera pans left.";
        VideoFormat twoSeconds = new VideoFormat(32, 32, 8, 17);
        try (Gallop gallop = Gallop.load(camera); Gallop plain = Gallop.load(folder)) {
            Gallop.Plan plan = gallop.plan(request(pan, 3, SMALL, 2, null, null));
            List<CameraView> views = gallop.cameraViews(plan, plan.parts().getFirst());
            assertThat(views).hasSize(9);
            assertThat(views.getFirst().offsetX()).isZero();
            assertThat(views.getLast().offsetX()).as("0.12 frame widths a second, for one second").isCloseTo(-0.12 * 32, within(1e-9));
            assertThat(plain.cameraViews(plain.plan(request(pan, 3, SMALL, 2, null, null)), plan.parts().getFirst())).isEmpty();

            SceneSpec twoShots = new SpecSampler(s -> true, 1.0).sample(21, twoSeconds);
            Gallop.Plan cut = gallop.plan(request(new World().caption(twoShots, Language.EN), 8, twoSeconds, 2, null, null));
            for (Gallop.Part part : cut.parts()) {
                List<CameraView> shot = gallop.cameraViews(cut, part);
                assertThat(shot).hasSize(part.generatedFrames());
                assertThat(Math.abs(shot.getFirst().offsetX()) + Math.abs(shot.getFirst().offsetY())).isZero();
                assertThat(shot.getFirst().zoom()).isEqualTo(1.0);
                assertThat(shot.getLast().equals(shot.getFirst())).isEqualTo(cut.spec().shots().get(part.index()).camera() == Camera.STATIC);
            }

            Video clip = gallop.generate(request(pan, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video();
            assertThat(gallop.generate(request(pan, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video().frames())
                    .isEqualTo(clip.frames());
            Gallop.Plan extension = gallop.plan(new GenerationRequest(pan, null, 5, twoSeconds, true, 2, 4.0, null, null, List.of(), null, 2.0, clip));
            for (Gallop.Part window : extension.parts()) assertThat(gallop.cameraViews(extension, window)).hasSize(window.generatedFrames());
            assertThat(gallop.generate(extend(clip, twoSeconds), ProgressListener.NONE, new Cancellation()).video().frames()).hasSize(25);
        }
    }

    /**
     * A model with camera positions places each part's video where the prompt's camera looks: the same weights draw a
     * panning prompt otherwise than with screen positions, a still one alike, and the same seed gives the same bytes.
     */
    @Test void aModelWithCameraPositionsPlacesItsVideoThroughThePromptsCamera() throws Exception {
        Path placed = TestModels.write(tmp.resolve("micro8-placed"));
        Files.writeString(placed.resolve("config.json"), TestModels.MICRO8.withCameraPositions(true).toJson());
        String pan = "A red ball stands still in a meadow. The camera pans left.", still = "A red ball stands still in a meadow. The camera stays still.";
        try (Gallop gallop = Gallop.load(placed); Gallop plain = Gallop.load(folder)) {
            Gallop.Plan plan = gallop.plan(request(pan, 3, SMALL, 2, null, null));
            assertThat(gallop.cameraViews(plan, plan.parts().getFirst())).hasSize(9);
            Video panned = gallop.generate(request(pan, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video();
            assertThat(gallop.generate(request(pan, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video().frames())
                    .isEqualTo(panned.frames());
            assertThat(plain.generate(request(pan, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("screen positions").isNotEqualTo(panned.frames());
            assertThat(gallop.generate(request(still, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("a still camera places the video on the screen").isEqualTo(
                            plain.generate(request(still, 3, SMALL, 2, null, null), ProgressListener.NONE, new Cancellation()).video().frames());
        }
    }

    /**
     * A model folder's sampling.json sets the guidance and smoothing a request gets when it names none (a request's own
     * still wins), and a broken one is refused in one line naming the file when the model loads.
     */
    @Test void aSamplingFileSetsTheModelsDefaultGuidance() throws Exception {
        Path guided = TestModels.write(tmp.resolve("micro8-sampling"));
        Files.writeString(guided.resolve(SamplingDefaults.FILE), SamplingDefaults.fileJson(2, 0.5));
        GenerationRequest unsaid = new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, null, null, null, List.of());
        try (Gallop gallop = Gallop.load(guided)) {
            assertThat(gallop.samplingDefaults().guidance()).isEqualTo(2);
            Generated g = gallop.generate(unsaid, ProgressListener.NONE, new Cancellation());
            assertThat(g.provenance()).containsEntry("guidance", "2.0").containsEntry("guidance_smoothing", "0.5");
            Generated own = gallop.generate(new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, 4.0, null, null, List.of(), null, null, null, 0.0),
                    ProgressListener.NONE, new Cancellation());
            assertThat(own.provenance()).containsEntry("guidance", "4.0").doesNotContainKey("guidance_smoothing");
        }
        Files.writeString(guided.resolve(SamplingDefaults.FILE), "{\"guidance\": 40}");
        assertThatThrownBy(() -> Gallop.load(guided)).isInstanceOf(java.io.IOException.class)
                .hasMessage(guided.resolve(SamplingDefaults.FILE) + ": guidance 40.0 is out of range; allowed: 0 to 30");
        Files.writeString(guided.resolve(SamplingDefaults.FILE), "{\"guidanceSmoothing\": \"a lot\"}");
        assertThatThrownBy(() -> Gallop.load(guided)).hasMessage(guided.resolve(SamplingDefaults.FILE)
                + ": guidanceSmoothing \"a lot\" is not a number; allowed: {\"guidance\": 0 to 30, \"guidanceSmoothing\": 0 to 1}, either optional");
        Files.writeString(guided.resolve(SamplingDefaults.FILE), "{");
        assertThatThrownBy(() -> Gallop.load(guided)).hasMessageStartingWith(guided.resolve(SamplingDefaults.FILE) + " is not valid JSON; allowed:");
    }

    private static GenerationRequest camera(String prompt, RgbFrame first, String control) {
        return new GenerationRequest(prompt, null, 3, SMALL, true, 2, 4.0, null, first, List.of(), null, 2.0, null, null, null, control);
    }

    /**
     * A camera move the prompt asks for is reframed by default: the drawn shot differs from the model's own and says so
     * in its provenance, a still prompt is left as drawn, a pan from a given first frame is left to the model (it would
     * change that frame) while a zoom in from it is reframed with the frame kept; a model that places its video in the
     * world draws the move itself, and an unknown control is refused in one line.
     */
    @Test void aCameraMoveIsReframedUnlessLeftToTheModel() throws Exception {
        String pan = "A red ball stands still in a meadow. The camera pans left.", still = "A red ball stands still in a meadow. The camera stays still.",
                zoom = "A red ball stands still in a meadow. The camera zooms in.";
        RgbFrame first = WorldRenderer.referenceImage(ball(Colour.RED), 32, 32);
        Path placed = TestModels.write(tmp.resolve("micro8-placed-reframe"));
        Files.writeString(placed.resolve("config.json"), TestModels.MICRO8.withCameraPositions(true).toJson());
        try (Gallop gallop = Gallop.load(folder); Gallop positions = Gallop.load(placed)) {
            assertThat(gallop.defaultCameraControl()).isEqualTo(GenerationRequest.REFRAME);
            assertThat(positions.defaultCameraControl()).isEqualTo(GenerationRequest.MODEL);
            Generated reframed = gallop.generate(camera(pan, null, null), ProgressListener.NONE, new Cancellation());
            Generated drawn = gallop.generate(camera(pan, null, "model"), ProgressListener.NONE, new Cancellation());
            assertThat(reframed.provenance()).containsEntry("camera_control", "reframe");
            assertThat(drawn.provenance()).doesNotContainKey("camera_control");
            assertThat(reframed.video().frames()).isNotEqualTo(drawn.video().frames());
            assertThat(reframed.video().sound()).as("the sound is the model's either way").isEqualTo(drawn.video().sound());
            assertThat(gallop.generate(camera(pan, null, " Reframe "), ProgressListener.NONE, new Cancellation()).video()).isEqualTo(reframed.video());

            assertThat(gallop.generate(camera(still, null, "reframe"), ProgressListener.NONE, new Cancellation()).video())
                    .isEqualTo(gallop.generate(camera(still, null, "model"), ProgressListener.NONE, new Cancellation()).video());
            Generated panFromFrame = gallop.generate(camera(pan, first, "reframe"), ProgressListener.NONE, new Cancellation());
            assertThat(panFromFrame.provenance()).doesNotContainKey("camera_control");
            assertThat(panFromFrame.video()).isEqualTo(gallop.generate(camera(pan, first, "model"), ProgressListener.NONE, new Cancellation()).video());
            Generated zoomFromFrame = gallop.generate(camera(zoom, first, "reframe"), ProgressListener.NONE, new Cancellation());
            assertThat(zoomFromFrame.provenance()).containsEntry("camera_control", "reframe");
            assertThat(zoomFromFrame.video().frames().getFirst()).isEqualTo(first);
            assertThat(zoomFromFrame.video().frames()).isNotEqualTo(gallop.generate(camera(zoom, first, "model"), ProgressListener.NONE, new Cancellation()).video().frames());

            assertThat(positions.generate(camera(pan, null, null), ProgressListener.NONE, new Cancellation()).provenance()).doesNotContainKey("camera_control");
        }
        assertThatThrownBy(() -> camera(pan, null, "dolly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camera control 'dolly' is not available; allowed: reframe, model");
    }

    private static GenerationRequest extend(Video clip, VideoFormat format) {
        return new GenerationRequest(PROMPT, null, 5, format, true, 2, 4.0, null, null, List.of(), null, 2.0, clip);
    }

    /**
     * A model trained with reference steps takes one reference image, of the clip's size, in both guidance passes: the
     * clip depends on it, the same reference gives the same bytes, and more than one or another size is refused.
     */
    @Test void aModelTrainedWithReferencesGeneratesFromOne() throws Exception {
        Path withReferences = TestModels.write(tmp.resolve("micro8-ref"));
        Files.writeString(withReferences.resolve(Gallop.TRAINER_FILE), TestModels.TRAINER_JSON_WITH_REFERENCES);
        RgbFrame red = WorldRenderer.referenceImage(ball(Colour.RED), 32, 32);
        RgbFrame blue = WorldRenderer.referenceImage(ball(Colour.BLUE), 32, 32);
        try (Gallop gallop = Gallop.load(withReferences)) {
            assertThat(gallop.capabilities().references()).isTrue();
            Generated fromRed = gallop.generate(withReferences(List.of(red)), ProgressListener.NONE, new Cancellation());
            assertThat(fromRed.provenance()).containsEntry("reference_images", "1");
            assertThat(gallop.generate(withReferences(List.of(red)), ProgressListener.NONE, new Cancellation()).video()).isEqualTo(fromRed.video());
            assertThat(gallop.generate(withReferences(List.of(blue)), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("another reference, another clip").isNotEqualTo(fromRed.video().frames());
            assertThat(gallop.generate(withReferences(List.of()), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("without a reference, text-to-video").isNotEqualTo(fromRed.video().frames());
            assertThatThrownBy(() -> gallop.generate(withReferences(List.of(red, blue)), ProgressListener.NONE, new Cancellation()))
                    .hasMessage("reference images: 2 given; allowed: at most 1 (gallop-micro8 was trained with one, of the clip's first subject)");
            assertThatThrownBy(() -> gallop.generate(withReferences(List.of(RgbFrame.blank(64, 64))), ProgressListener.NONE, new Cancellation()))
                    .hasMessage("reference image is 64x64; allowed: the requested size 32x32");
        }
        try (Gallop plain = Gallop.load(folder)) {
            assertThat(plain.capabilities().references()).as("a model without reference steps").isFalse();
        }
    }

    private static SubjectSpec ball(Colour colour) {
        return new SubjectSpec(Subject.BALL, colour, Size.LARGE,
                Action.STILL, null);
    }

    private static GenerationRequest withReferences(List<RgbFrame> references) {
        return new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, 4.0, null, null, references, null, 2.0);
    }

    /**
     * A model trained with edit steps edits a clip as an instruction says: the result has the clip's length (a length
     * off the frame patches is padded for the model and cut back), depends on the clip and on the instruction, and the
     * same request gives the same bytes; a clip of another format than the request's, and a model without edit steps,
     * are refused with one line.
     */
    @Test void aModelTrainedWithEditsEditsAClip() throws Exception {
        Path withEdits = TestModels.write(tmp.resolve("micro8-edit"));
        Files.writeString(withEdits.resolve(Gallop.TRAINER_FILE), TestModels.TRAINER_JSON_WITH_EDITS);
        World world = new World();
        Video red = world.render(world.parse(PROMPT).toSpec(3, SMALL)).video();
        Video blue = world.render(world.parse("a blue ball bounces on a beach").toSpec(3, SMALL)).video();
        try (Gallop gallop = Gallop.load(withEdits)) {
            assertThat(gallop.capabilities().edit()).isTrue();
            Generated edited = gallop.generate(edit("make the ball blue", red, SMALL), ProgressListener.NONE, new Cancellation());
            assertThat(edited.video().frames()).hasSize(9);
            assertThat(edited.provenance()).containsEntry("mode", "edit");
            GenerationRequest unguided = new GenerationRequest("make the ball blue", null, 3, SMALL, true, 2, null, null, null, List.of(), null, null,
                    null, null, red);
            assertThat(gallop.generate(unguided, ProgressListener.NONE, new Cancellation()).provenance())
                    .as("an edit's own default guidance").containsEntry("guidance", Double.toString(Gallop.DEFAULT_EDIT_GUIDANCE));
            assertThat(gallop.generate(edit("make the ball blue", red, SMALL), ProgressListener.NONE, new Cancellation()).video())
                    .isEqualTo(edited.video());
            assertThat(gallop.generate(edit("make the ball green", red, SMALL), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("another instruction, another clip").isNotEqualTo(edited.video().frames());
            assertThat(gallop.generate(edit("make the ball blue", blue, SMALL), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("another clip to edit, another result").isNotEqualTo(edited.video().frames());
            VideoFormat ten = new VideoFormat(32, 32, 8, 10);
            Video longer = new Video(8, world.render(world.parse(PROMPT).toSpec(3, new VideoFormat(32, 32, 8, 11))).video().frames().subList(0, 10), null);
            assertThat(gallop.generate(edit("make the ball blue", longer, ten), ProgressListener.NONE, new Cancellation()).video().frames())
                    .as("10 frames, made as 11 and cut back").hasSize(10);
            assertThatThrownBy(() -> gallop.generate(edit("make the ball blue", longer, SMALL), ProgressListener.NONE, new Cancellation()))
                    .hasMessage("the clip to edit is 32x32 at 8 fps with 10 frames; allowed: the requested 32x32 at 8 fps with 9 frames");
        }
        try (Gallop plain = Gallop.load(folder)) {
            assertThat(plain.capabilities().edit()).as("a model without edit steps").isFalse();
            assertThatThrownBy(() -> plain.check(edit("make the ball blue", red, SMALL)))
                    .hasMessageStartingWith("a clip to edit: gallop-micro8 at " + folder + " was not trained to edit clips; allowed: a model trained with gallop train --edit-share");
        }
        assertThatThrownBy(() -> new GenerationRequest("make the ball blue", null, 3, SMALL, true, 2, 4.0, null, red.frames().getFirst(), List.of(),
                null, 2.0, null, null, red)).hasMessage("a clip to edit excludes a first frame, a clip to extend and reference images; allowed: the clip and an instruction");
    }

    @Test void aModelWithLogMelSoundMakesItsSoundFromBandEnergiesUnguidedByDefault() throws Exception {
        Path mel = TestModels.write(tmp.resolve("micro8-mel"), TestModels.MICRO8.withMelBands(16));
        try (Gallop gallop = Gallop.load(mel)) {
            GenerationRequest plain = new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, 4.0, null, null, List.of(), null, null);
            Generated g = gallop.generate(plain, ProgressListener.NONE, new Cancellation());
            assertThat(g.provenance()).as("the sound unguided unless asked").containsEntry("guidance", "4.0").containsEntry("audio_guidance", "1.0");
            float[] sound = g.video().sound().samples();
            assertThat(sound).hasSize(18000);
            assertThat(rms(sound)).as("band energies decoded into a waveform, not silence").isGreaterThan(1e-3);
            assertThat(gallop.generate(plain, ProgressListener.NONE, new Cancellation()).video()).as("same seed, same clip").isEqualTo(g.video());
            GenerationRequest guided = new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, 4.0, null, null, List.of(), null, 4.0);
            Generated loud = gallop.generate(guided, ProgressListener.NONE, new Cancellation());
            assertThat(loud.provenance()).containsEntry("audio_guidance", "4.0");
            assertThat(loud.video().sound().samples()).as("a scale asked for is used").isNotEqualTo(sound);
        }
        try (Gallop waveform = Gallop.load(folder)) {
            GenerationRequest plain = new GenerationRequest(PROMPT, null, 3, SMALL, true, 2, 4.0, null, null, List.of(), null, null);
            assertThat(waveform.guidance(plain).audio()).as("a waveform model keeps the picture's scale").isEqualTo(4.0);
        }
    }

    /**
     * A model with the source skip hears the clip it edits: its sound changes the result's, same clip same bytes; a
     * model without the skip does not hear it; a clip whose sound is at another rate than the model's is refused.
     */
    @Test void aModelWithTheSourceSkipHearsTheClipItEdits() throws Exception {
        Path skip = TestModels.write(tmp.resolve("micro8-skip"), TestModels.MICRO8.withSourceSkip(true));
        Files.writeString(skip.resolve(Gallop.TRAINER_FILE), TestModels.TRAINER_JSON_WITH_EDITS);
        Path plain = TestModels.write(tmp.resolve("micro8-plain-edit"));
        Files.writeString(plain.resolve(Gallop.TRAINER_FILE), TestModels.TRAINER_JSON_WITH_EDITS);
        World world = new World();
        Video loud = world.render(world.parse(PROMPT).toSpec(3, SMALL)).video();
        Video silent = new Video(loud.fps(), loud.frames(), null);
        try (Gallop gallop = Gallop.load(skip)) {
            Video heard = gallop.generate(edit("make the ball blue", loud, SMALL), ProgressListener.NONE, new Cancellation()).video();
            assertThat(gallop.generate(edit("make the ball blue", loud, SMALL), ProgressListener.NONE, new Cancellation()).video()).isEqualTo(heard);
            assertThat(gallop.generate(edit("make the ball blue", silent, SMALL), ProgressListener.NONE, new Cancellation()).video().sound().samples())
                    .as("the clip's sound reaches the result's").isNotEqualTo(heard.sound().samples());
            Video resampled = new Video(loud.fps(), loud.frames(), new Sound(new float[44100], 44100));
            assertThatThrownBy(() -> gallop.generate(edit("make the ball blue", resampled, SMALL), ProgressListener.NONE, new Cancellation()))
                    .hasMessage("the clip to edit has sound at 44100 Hz; allowed: 16000 Hz, as " + gallop.id() + " hears it");
        }
        try (Gallop gallop = Gallop.load(plain)) {
            assertThat(gallop.generate(edit("make the ball blue", silent, SMALL), ProgressListener.NONE, new Cancellation()).video())
                    .as("without the skip the clip's sound is not heard").isEqualTo(gallop.generate(edit("make the ball blue", loud, SMALL),
                            ProgressListener.NONE, new Cancellation()).video());
        }
    }

    private static GenerationRequest edit(String instruction, Video clip, VideoFormat format) {
        return new GenerationRequest(instruction, null, 3, format, true, 2, 4.0, null, null, List.of(), null, 2.0, null, null, clip);
    }

    @Test void cancellationStopsWithinOneStep() throws Exception {
        try (Gallop gallop = Gallop.load(folder)) {
            for (String sampler : List.of("euler", "heun")) {
                Cancellation cancel = new Cancellation();
                AtomicInteger last = new AtomicInteger();
                assertThatThrownBy(() -> gallop.generate(request(PROMPT, 1, SMALL, 20, sampler, null), (stage, done, total) -> {
                    last.set(done);
                    if (done == 2) cancel.cancel();
                }, cancel)).isInstanceOf(CancellationException.class);
                assertThat(last.get()).as(sampler).isEqualTo(2);
            }
        }
    }

    @Test void whatTheModelCannotMakeIsRefusedWithOneLine() throws Exception {
        try (Gallop gallop = Gallop.load(folder)) {
            assertThatThrownBy(() -> gallop.check(new VideoFormat(36, 36, 8, 9)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("size 36x36 does not fit gallop-micro8's 8-pixel patches; allowed: sides divisible by 8")
                    .hasMessageContaining("was trained at 32x32, 8 fps, 1 s").hasMessageNotContaining("\n");
            assertThatThrownBy(() -> gallop.check(new VideoFormat(32, 32, 9, 10)))
                    .hasMessageStartingWith("10 frames (1 s at 9 fps) do not fit gallop-micro8's 2-frame patches; allowed:");
            assertThatThrownBy(() -> gallop.check(VideoFormat.ofSeconds(256, 256, 24, 15)))
                    .hasMessageStartingWith("a 256x256 clip of 15 s at 24 fps is ");
            assertThat(gallop.sizeForRatio("16:9")).containsExactly(56, 32);
            assertThat(gallop.sizeForRatio("1:1")).containsExactly(32, 32);
            assertThatThrownBy(() -> gallop.sizeForRatio("2:1")).hasMessage("ratio '2:1' is not supported; allowed: 1:1, 16:9, 9:16, 4:3, 3:4");
            GenerationRequest refs = new GenerationRequest(PROMPT, null, 1, SMALL, true, 2, null, null, null, List.of(RgbFrame.blank(32, 32)));
            assertThatThrownBy(() -> gallop.generate(refs, ProgressListener.NONE, new Cancellation()))
                    .hasMessageStartingWith("reference images: gallop-micro8 was not trained with reference images");
        }
        assertThatThrownBy(() -> Gallop.load(tmp.resolve("nothing-here"))).hasMessageStartingWith("no model at ");
        assertThatThrownBy(() -> new GenerationRequest(PROMPT, null, 1, SMALL, true, 2, null, "ddim", null, List.of()))
                .hasMessage("sampler 'ddim' is not available; allowed: euler, heun, ancestral");
        assertThatThrownBy(() -> new GenerationRequest(PROMPT, null, 1, SMALL, true, 2, null, null, null, List.of(), 0.0, null))
                .hasMessage("shift 0.0 is out of range; allowed: above 0, at most 100");
        assertThatThrownBy(() -> new GenerationRequest(PROMPT, null, 1, SMALL, true, 2, null, null, null, List.of(), null, 40.0))
                .hasMessage("audio guidance 40.0 is out of range; allowed: 0 to 30");
    }

    /** The root mean square of a sound's samples. */
    static double rms(float[] samples) {
        double energy = 0;
        for (float x : samples) energy += x * x;
        return Math.sqrt(energy / samples.length);
    }
}
