package ai.gallop.train;

import ai.gallop.media.Mp4Writer;
import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.media.Video;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.CameraView;
import ai.gallop.world.VideoFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Training on a folder of the user's own clips: fitting, captions, windows, errors, and a real training run. */
class FootageFolderTest {
    private static final VideoFormat CLIP = TrainerTest.CLIP;  // 32x32, 9 frames at 8 fps
    private static final int RATE = ModelConfig.micro().sampleRate();

    /** A wide clip: blue field, a white square moving right one column per frame, a click each second. */
    static void writeClip(Path file, int width, int height, int fps, int frames) throws Exception {
        List<RgbFrame> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            RgbFrame f = RgbFrame.blank(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) f.set(x, y, x >= k && x < k + 8 && y >= 16 && y < 24 ? 0xFFFFFF : 0x2040C0);
            out.add(f);
        }
        float[] sound = new float[(int) Math.round(frames / (double) fps * 44100)];
        for (int i = 0; i < sound.length; i++) sound[i] = i % 44100 < 400 ? (float) Math.sin(i * 0.3) : 0f;
        Files.createDirectories(file.getParent());
        Mp4Writer.write(file, new Video(fps, out, new Sound(sound, 44100)), Map.of());
    }

    private static Path folder(Path dir) throws Exception {
        writeClip(dir.resolve("a.mp4"), 96, 48, 12, 36);
        Files.writeString(dir.resolve("a.txt"), "  a white square slides right over blue\n");
        writeClip(dir.resolve("more/b.mp4"), 48, 48, 24, 60);
        Files.writeString(dir.resolve("more/b.json"), "{\"caption\": \"a square on blue\", \"source\": \"test\"}");
        return dir;
    }

    @Test
    void clipsAreFittedToTheRunAndWindowsArePureFunctionsOfTheStep(@TempDir Path dir) throws Exception {
        FootageFolder footage = FootageFolder.open(folder(dir), CLIP, RATE);
        assertThat(footage.size()).isEqualTo(2);
        DataOrder order = new DataOrder(3);
        List<TrainingClip> clips = footage.clips(order, 6, 0);
        assertThat(clips).hasSize(6);
        for (TrainingClip clip : clips) {
            assertThat(clip.caption()).isIn("a white square slides right over blue", "a square on blue");
            assertThat(clip.frames()).hasSize(CLIP.frames());
            assertThat(clip.frames().getFirst().width()).isEqualTo(32);
            assertThat(clip.frames().getFirst().height()).isEqualTo(32);
            assertThat(clip.sound().sampleRate()).isEqualTo(RATE);
            assertThat(clip.sound().samples()).hasSize((int) Math.round(CLIP.playSeconds() * RATE));
            assertThat(clip.labels()).isEmpty();
            int corner = clip.frames().getFirst().get(0, 0);
            assertThat(corner & 0xFF).as("the blue field survives coding and scaling").isGreaterThan(150);
            assertThat(corner >> 16 & 0xFF).isLessThan(80);
        }
        assertThat(footage.clips(order, 6, 0)).isEqualTo(clips);
        assertThat(footage.clips(order, 6, 1)).isNotEqualTo(clips);
        assertThat(clips.stream().map(TrainingClip::caption).distinct()).as("both clips are drawn").hasSize(2);
    }

    /**
     * NAME.json's camera views reach each window from its own first frame, in the run's pixels: a pan of 2 source pixels
     * a frame at half the size is 1 a frame wherever the window starts; a wrong count or a zoom of 0 is refused in one
     * line, and a clip without views is still.
     */
    @Test
    void cameraViewsInTheJsonReachEachWindowFromItsFirstFrame(@TempDir Path dir) throws Exception {
        writeClip(dir.resolve("pan.mp4"), 64, 64, 8, 17);
        StringBuilder pan = new StringBuilder("{\"caption\": \"the camera pans left\", \"camera\": [");
        for (int k = 0; k < 17; k++) pan.append(k == 0 ? "" : ", ").append("{\"offsetX\": ").append(-2 * k).append(", \"offsetY\": 0, \"zoom\": 1}");
        Files.writeString(dir.resolve("pan.json"), pan.append("]}").toString());
        FootageFolder footage = FootageFolder.open(dir, CLIP, RATE);
        for (int step = 0; step < 4; step++)
            for (TrainingClip clip : footage.clips(new DataOrder(5), 2, step))
                for (int j = 0; j < CLIP.frames(); j++) assertThat(clip.camera().get(j)).isEqualTo(new CameraView(-j, 0, 1));
        Files.writeString(dir.resolve("pan.json"), "{\"caption\": \"x\", \"camera\": [{\"offsetX\": 0, \"offsetY\": 0, \"zoom\": 1}]}");
        assertThatThrownBy(() -> FootageFolder.open(dir, CLIP, RATE))
                .hasMessage("footage pan.mp4: \"camera\" has 1 views for 17 frames; allowed: \"camera\": [{\"offsetX\": X, \"offsetY\": Y, \"zoom\": Z above 0}, ...], one view per frame of the clip");
        Files.writeString(dir.resolve("pan.json"), "{\"caption\": \"x\", \"camera\": [" + "{\"offsetX\": 0, \"offsetY\": 0, \"zoom\": 0}, ".repeat(16)
                + "{\"offsetX\": 0, \"offsetY\": 0, \"zoom\": 0}]}");
        assertThatThrownBy(() -> FootageFolder.open(dir, CLIP, RATE)).hasMessageStartingWith("footage pan.mp4: camera view 0 is {").hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("pan.json"), "{\"caption\": \"x\"}");
        assertThat(FootageFolder.open(dir, CLIP, RATE).clips(new DataOrder(5), 1, 0).getFirst().camera()).isEmpty();
    }

    /** A window's views from its first frame put every world point where the clip's own views put it. */
    @Test
    void viewsFromAWindowsFirstFrameAgreeWithTheClipsViews() {
        List<CameraView> clip = List.of(new CameraView(0, 0, 1), new CameraView(-3, 1, 1.2), new CameraView(-5, 2, 1.5), new CameraView(-8, 2.5, 1.9));
        List<CameraView> window = FootageFolder.fromFirst(clip, 1, 3);
        assertThat(window.getFirst()).isEqualTo(CameraView.STILL);
        for (int j = 0; j < 3; j++)
            for (double world : new double[]{-7, 12.5, 40}) {
                double inFirst = clip.get(1).screenX(world, 32);        // where the window's first frame shows the point
                assertThat(window.get(j).screenX(inFirst, 32)).isCloseTo(clip.get(1 + j).screenX(world, 32), org.assertj.core.api.Assertions.within(1e-9));
                double inFirstY = clip.get(1).screenY(world, 32);
                assertThat(window.get(j).screenY(inFirstY, 32)).isCloseTo(clip.get(1 + j).screenY(world, 32), org.assertj.core.api.Assertions.within(1e-9));
            }
        assertThat(FootageFolder.fromFirst(List.of(), 0, 3)).isEmpty();
    }

    @Test
    void theSubjectMaskOfFootageIsEmptySoEveryPixelWeighsOne(@TempDir Path dir) throws Exception {
        FootageFolder footage = FootageFolder.open(folder(dir), CLIP, RATE);
        FlowBatch.Recipe recipe = new FlowBatch.Recipe(ModelConfig.micro(), ModelConfig.micro().videoTokeniser(), CLIP, ai.gallop.diffusion.TimestepSampler.logitNormal(1),
                ai.gallop.diffusion.ConditionDropout.standard(), 9, null, false, false, false, null);
        FlowBatch batch = FlowBatch.of(recipe, footage.clips(new DataOrder(1), 2, 0), 1, new double[]{0.5, 0.5});
        assertThat(batch.pixelWeight().eq(new org.bytedeco.pytorch.Scalar(1.0)).all().item_bool()).isTrue();
    }

    @Test
    void badFoldersAreRefusedInOneLineNamingTheClip(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("none"), CLIP, RATE)).hasMessageStartingWith("footage folder ")
                .hasMessageContaining("does not exist; allowed: a folder of .mp4 clips");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("empty"), CLIP, RATE)).hasMessageContaining("holds no .mp4 clips");

        writeClip(dir.resolve("nocap/x.mp4"), 32, 32, 8, 12);
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("nocap"), CLIP, RATE)).hasMessageStartingWith("footage x.mp4 has no caption; allowed:");

        writeClip(dir.resolve("short/s.mp4"), 32, 32, 8, 6);
        Files.writeString(dir.resolve("short/s.txt"), "short");
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("short"), CLIP, RATE))
                .hasMessage("footage s.mp4 is 0.63 s long; allowed: at least 1.00 s, the length of the run's clips (--seconds)");

        Files.createDirectories(dir.resolve("junk"));
        Files.writeString(dir.resolve("junk/j.mp4"), "not a video");
        Files.writeString(dir.resolve("junk/j.txt"), "junk");
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("junk"), CLIP, RATE)).hasMessageStartingWith("footage j.mp4 is not a readable video (");

        writeClip(dir.resolve("badjson/k.mp4"), 32, 32, 8, 12);
        Files.writeString(dir.resolve("badjson/k.json"), "{\"title\": \"no caption field\"}");
        assertThatThrownBy(() -> FootageFolder.open(dir.resolve("badjson"), CLIP, RATE))
                .hasMessage("footage caption k.json has no \"caption\" text; allowed: {\"caption\": \"...\"}");
    }

    /** The world run's options with footage from {@code data} instead, and the given weight of the reversed clip. */
    private static TrainOptions onFootage(TrainOptions world, Path data, double reverseWeight) {
        return world.toBuilder().data(data.toString()).languages(null).reverseWeight(reverseWeight).distill(null).build();
    }

    @Test
    void aFootageRunCanPushAwayFromItsClipsPlayedBackwards(@TempDir Path dir) throws Exception {
        Path data = folder(dir.resolve("data"));
        TrainOptions world = TrainerTest.options(ModelConfig.micro(), 1, 1e-3, 1);
        double plain, reversed;
        try (Trainer trainer = Trainer.open(dir.resolve("plain"), onFootage(world, data, 0))) {
            plain = trainer.trainStep().loss();
        }
        try (Trainer trainer = Trainer.open(dir.resolve("reversed"), onFootage(world, data, 0.3))) {
            reversed = trainer.trainStep().loss();
        }
        assertThat(reversed).as("the logged loss is the plain fit").isEqualTo(plain);
    }

    @Test
    void aRunTrainsOnFootageAndResumesWithIt(@TempDir Path dir) throws Exception {
        Path data = folder(dir.resolve("data"));
        TrainOptions world = TrainerTest.options(ModelConfig.micro(), 2, 1e-3, 2);
        TrainOptions options = onFootage(world, data, 0);
        Path run = dir.resolve("run");
        try (Trainer trainer = Trainer.open(run, options)) {
            assertThat(trainer.dataDescription()).isEqualTo("2 footage clips from " + data);
            assertThat(trainer.clipsOf(0).getFirst().caption()).isIn("a white square slides right over blue", "a square on blue");
            trainer.trainStep();
            trainer.trainStep();
            trainer.checkpoint();
        }
        try (Trainer resumed = Trainer.open(run, options.withRunLength(3, 2, 2, 1))) {
            assertThat(resumed.step()).isEqualTo(2);
            assertThat(resumed.dataDescription()).startsWith("2 footage clips");
        }
        assertThatThrownBy(() -> Trainer.open(run, world.withRunLength(3, 2, 2, 1))).hasMessageContaining("was trained with data " + data + " (asked: none)");
    }
}
