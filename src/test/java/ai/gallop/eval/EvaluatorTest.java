package ai.gallop.eval;

import ai.gallop.Json;
import ai.gallop.media.Mp4Reader;
import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.ShotSpec;
import ai.gallop.world.SubjectSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole judge on world renders written to MP4 and read back, clean and corrupted. */
class EvaluatorTest {
    /** 24 fps: a 250 ms delay is six frames, so periodic sounds do not line up again. */
    private static final VideoFormat FORMAT = new VideoFormat(64, 64, 24, 49);
    private static final World WORLD = new World();
    private static final List<RenderedClip> CLIPS = new ArrayList<>();
    private static final List<String> PROMPTS = new ArrayList<>();
    private final Evaluator evaluator = new Evaluator();

    @BeforeAll
    static void render() {
        List<ShotSpec> shots = List.of(
                shot(Scene.BEACH, Camera.STATIC, new SubjectSpec(Subject.BALL, Colour.RED, Size.LARGE, Action.BOUNCE, Direction.NONE)),
                shot(Scene.MEADOW, Camera.STATIC, new SubjectSpec(Subject.BOX, Colour.BLUE, Size.LARGE, Action.JUMP, Direction.NONE)),
                shot(Scene.STUDIO, Camera.PAN_LEFT, new SubjectSpec(Subject.STAR, Colour.YELLOW, Size.LARGE, Action.BOUNCE, Direction.NONE)),
                shot(Scene.NIGHT_SKY, Camera.STATIC, new SubjectSpec(Subject.BIRD, Colour.WHITE, Size.LARGE, Action.FLY, Direction.RIGHT)));
        for (int i = 0; i < shots.size(); i++) {
            SceneSpec spec = SceneSpec.of(40 + i, FORMAT, shots.get(i));
            CLIPS.add(WORLD.render(spec));
            PROMPTS.add(WORLD.caption(spec, Language.EN));
        }
    }

    private static ShotSpec shot(Scene scene, Camera camera, SubjectSpec subject) {
        return new ShotSpec(scene, camera, List.of(subject), List.of());
    }

    private ClipReport throughMp4(Video video, String prompt, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".mp4");
        Mp4Writer.write(file, video, Map.of());
        return evaluator.evaluate(file, prompt, null);
    }

    private static Sound delayed(Sound s, double seconds) {
        float[] x = s.samples(), y = new float[x.length];
        int d = (int) Math.round(seconds * s.sampleRate());
        System.arraycopy(x, 0, y, d, x.length - d);
        return new Sound(y, s.sampleRate());
    }

    private static double mean(List<ClipReport> reports, String dimension) {
        return reports.stream().mapToDouble(r -> r.score(dimension)).average().orElseThrow();
    }

    @Test
    void realRendersThroughMp4ScoreHighOnMeaningAndSoundAndAShiftedSoundDropsSync(@TempDir Path dir) throws IOException {
        List<ClipReport> clean = new ArrayList<>(), shifted = new ArrayList<>();
        for (int i = 0; i < CLIPS.size(); i++) {
            Video v = CLIPS.get(i).video();
            clean.add(throughMp4(v, PROMPTS.get(i), dir, "clean-" + i));
            shifted.add(throughMp4(new Video(v.fps(), v.frames(), delayed(v.sound(), 0.25)), PROMPTS.get(i), dir, "late-" + i));
        }
        for (String d : List.of(SemanticDimensions.OBJECT_CLASS, SemanticDimensions.COLOUR, SemanticDimensions.ACTION, SemanticDimensions.SCENE,
                SemanticDimensions.CAMERA_MOTION, SoundDimensions.SOUND_PRESENT, SoundDimensions.AMBIENCE))
            assertThat(mean(clean, d)).as(d).isGreaterThanOrEqualTo(0.99);
        for (String d : List.of(SoundDimensions.ONSET_PRECISION, SoundDimensions.ONSET_RECALL, SoundDimensions.ONSET_SYNC))
            assertThat(mean(clean, d)).as(d).isGreaterThanOrEqualTo(0.8);
        assertThat(mean(clean, SoundDimensions.AV_ALIGN)).isGreaterThanOrEqualTo(0.5);
        for (String d : List.of(SoundDimensions.ONSET_PRECISION, SoundDimensions.ONSET_RECALL, SoundDimensions.ONSET_SYNC, SoundDimensions.AV_ALIGN))
            assertThat(mean(clean, d) - mean(shifted, d)).as(d + " drop").isGreaterThanOrEqualTo(0.3);
        System.out.printf("clean vs late: precision %.3f/%.3f recall %.3f/%.3f sync %.3f/%.3f av_align %.3f/%.3f%n",
                mean(clean, SoundDimensions.ONSET_PRECISION), mean(shifted, SoundDimensions.ONSET_PRECISION),
                mean(clean, SoundDimensions.ONSET_RECALL), mean(shifted, SoundDimensions.ONSET_RECALL),
                mean(clean, SoundDimensions.ONSET_SYNC), mean(shifted, SoundDimensions.ONSET_SYNC),
                mean(clean, SoundDimensions.AV_ALIGN), mean(shifted, SoundDimensions.AV_ALIGN));
    }

    @Test
    void reportsEveryDimensionInRangeWithItsGroupAndTheSameBytesTwice() {
        RenderedClip clip = CLIPS.getFirst();
        ClipReport a = evaluator.evaluate(clip.video(), PROMPTS.getFirst(), clip.video().frames().getFirst());
        ClipReport b = evaluator.evaluate(clip.video(), PROMPTS.getFirst(), clip.video().frames().getFirst());
        assertThat(Json.write(a)).isEqualTo(Json.write(b));
        assertThat(a.dimensions()).allSatisfy(d -> assertThat(d.score()).isBetween(0.0, 1.0));
        assertThat(a.dimensions().stream().map(ClipReport.Dimension::group).distinct())
                .containsExactly(DimensionGroup.SEMANTIC, DimensionGroup.QUALITY, DimensionGroup.I2V, DimensionGroup.SOUND);
        assertThat(a.score(ImageToVideoDimensions.FIRST_FRAME_PSNR)).isEqualTo(1.0);
        assertThat(a.diagnostics().subjects()).extracting(ClipReport.SubjectFound::kind).containsExactly(Subject.BALL);
        assertThat(a.diagnostics().visualEvents()).isNotEmpty();
        assertThat(a.features()).hasSize(ClipFeatures.LENGTH);
        assertThat(Json.write(a)).contains("\"group\" : \"i2v\"", "\"scene\" : \"beach\"");
    }

    /**
     * Image-to-video is judged on the frames the model made: a clip that gives the image back as frame 0 and then
     * shows another scene without its subject must not be scored on the given frame (it used to be, as a one-frame
     * first shot holding the image's subject).
     */
    @Test
    void anImageToVideoClipThatJumpsAwayFromTheGivenFrameLosesItsSubject() {
        RenderedClip ball = CLIPS.getFirst(), box = CLIPS.get(1);
        RgbFrame image = ball.video().frames().getFirst();
        List<RgbFrame> jumped = new ArrayList<>(box.video().frames());
        jumped.set(0, image);
        Video away = new Video(ball.video().fps(), jumped, ball.video().sound());
        ClipReport kept = evaluator.evaluate(ball.video(), PROMPTS.getFirst(), image);
        ClipReport lost = evaluator.evaluate(away, PROMPTS.getFirst(), image);
        for (String d : List.of(ImageToVideoDimensions.SUBJECT, SemanticDimensions.OBJECT_CLASS, SemanticDimensions.COLOUR, SemanticDimensions.SCENE))
            assertThat(kept.score(d) - lost.score(d)).as(d + " drop").isGreaterThanOrEqualTo(0.9);
        assertThat(lost.score(ImageToVideoDimensions.FIRST_FRAME_PSNR)).isEqualTo(1.0);
        assertThat(kept.diagnostics().shots().getFirst().start()).isZero();
        assertThat(kept.diagnostics().shots().getLast().end()).isEqualTo(ball.video().frames().size());
        assertThat(kept.diagnostics().visualEvents()).isNotEmpty();
    }

    @Test
    void aVideoWithoutSoundIsScoredAsSilence() {
        Video v = CLIPS.getFirst().video();
        ClipReport r = evaluator.evaluate(new Video(v.fps(), v.frames(), null), PROMPTS.getFirst(), null);
        assertThat(r.score(SoundDimensions.SOUND_PRESENT)).isZero();
        assertThat(r.score(SoundDimensions.ONSET_RECALL)).isZero();
        assertThat(r.score(SoundDimensions.AMBIENCE)).isZero();
        assertThat(r.score(SemanticDimensions.OBJECT_CLASS)).isEqualTo(1.0);
        assertThat(r.notes()).contains("no sound track: scored as silence");
    }

    @Test
    void aPromptWithNoKnownWordScoresNoSemanticDimensionAndSaysSo() {
        Video v = CLIPS.getFirst().video();
        ClipReport r = evaluator.evaluate(v, "zorp blargh", null);
        assertThat(r.dimensions()).noneMatch(d -> d.group() == DimensionGroup.SEMANTIC);
        assertThat(r.score(SoundDimensions.AMBIENCE)).isNull();
        assertThat(r.score(QualityDimensions.TEMPORAL_FLICKERING)).isNotNull();
        assertThat(r.diagnostics().unknownWords()).containsExactly("zorp", "blargh");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("semantic dimensions and ambience not scored"));
    }

    @Test
    void missingEmptyAndNonVideoFilesAreOneLineIoErrors(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        for (Path p : List.of(dir.resolve("missing.mp4"), text, empty))
            assertThatThrownBy(() -> evaluator.evaluate(p, "a red ball", null))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("cannot read").hasMessageNotContaining("\n");
    }

    @Test
    void aOneFrameClipGetsScoresNotACrash() {
        Video v = CLIPS.getFirst().video();
        ClipReport r = evaluator.evaluate(new Video(v.fps(), v.frames().subList(0, 1), v.sound()), PROMPTS.getFirst(), null);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("fewer than 3 frames"));
        assertThat(r.dimensions()).allSatisfy(d -> assertThat(d.score()).isBetween(0.0, 1.0));
    }
}
