package ai.gallop.eval;

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
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.WorldRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoundDimensionsTest {

    private static RenderedClip bouncingBall(Scene scene) {
        ShotSpec shot = new ShotSpec(scene, Camera.STATIC,
                List.of(new SubjectSpec(Subject.BALL, Colour.RED, Size.LARGE, Action.BOUNCE, Direction.NONE)), List.of());
        return new WorldRenderer().render(SceneSpec.of(7, new VideoFormat(64, 64, 24, 49), shot));
    }

    private static double[] events(RenderedClip clip) {
        return clip.truth().events().stream().mapToDouble(e -> e.frame() / 24.0).toArray();
    }

    @Test
    void aCleanRenderScoresFullMarksOnItsOwnEvents() {
        RenderedClip clip = bouncingBall(Scene.BEACH);
        var r = SoundDimensions.evaluate(clip.video(), events(clip), new int[]{0}, List.of(Scene.BEACH));
        assertThat(r.silent()).isFalse();
        assertThat(r.scores()).containsKeys(SoundDimensions.NAMES.toArray(String[]::new));
        assertThat(r.scores().get(SoundDimensions.SOUND_PRESENT)).isEqualTo(1.0);
        assertThat(r.scores().get(SoundDimensions.ONSET_PRECISION)).isEqualTo(1.0);
        assertThat(r.scores().get(SoundDimensions.ONSET_RECALL)).isEqualTo(1.0);
        assertThat(r.scores().get(SoundDimensions.ONSET_SYNC)).isGreaterThan(0.9);
        assertThat(r.scores().get(SoundDimensions.AMBIENCE)).isEqualTo(1.0);
        assertThat(r.ambience().getFirst().ambience()).isEqualTo(Ambience.WAVES);
        assertThat(SoundDimensions.evaluate(clip.video(), events(clip), new int[]{0}, List.of(Scene.CITY_STREET))
                .scores().get(SoundDimensions.AMBIENCE)).isZero();
    }

    @Test
    void silentAndMissingTracksGetTheDocumentedScoresNotAnError() {
        RenderedClip clip = bouncingBall(Scene.STUDIO);
        Video v = clip.video();
        for (Sound sound : new Sound[]{null, new Sound(new float[0], 16_000), Sound.silence(v.seconds(), 16_000)}) {
            var r = SoundDimensions.evaluate(new Video(v.fps(), v.frames(), sound), events(clip), new int[]{0}, List.of(Scene.STUDIO));
            assertThat(r.silent()).isTrue();
            assertThat(r.onsets()).isEmpty();
            assertThat(r.ambience()).isEmpty();
            assertThat(r.scores().get(SoundDimensions.SOUND_PRESENT)).isZero();
            assertThat(r.scores().get(SoundDimensions.ONSET_PRECISION)).isZero();
            assertThat(r.scores().get(SoundDimensions.ONSET_RECALL)).isZero();
            assertThat(r.scores().get(SoundDimensions.ONSET_SYNC)).isZero();
            assertThat(r.scores().get(SoundDimensions.AMBIENCE)).isZero();
        }
    }

    @Test
    void theStudiosRoomToneIsQuietButNotSilent() {
        ShotSpec still = new ShotSpec(Scene.STUDIO, Camera.STATIC,
                List.of(new SubjectSpec(Subject.BOX, Colour.BLUE, Size.SMALL, Action.STILL, Direction.NONE)), List.of());
        Sound roomTone = new WorldRenderer().render(SceneSpec.of(3, VideoFormat.DEFAULT, still)).video().sound();
        assertThat(SilenceDetector.peakDbfs(roomTone)).isBetween(SilenceDetector.SILENT_PEAK_DBFS + 10, -30.0);
        assertThat(SilenceDetector.isSilent(roomTone)).isFalse();
        assertThat(SilenceDetector.isSilent(Sound.silence(1, 16_000))).isTrue();
        assertThat(SilenceDetector.isSilent(null)).isTrue();
    }

    @Test
    void aStillVideoWithoutSoundOrEventsLeavesTheSyncDimensionsUnscored() {
        List<RgbFrame> frames = new ArrayList<>();
        for (int k = 0; k < 9; k++) frames.add(RgbFrame.blank(32, 32));
        var r = SoundDimensions.evaluate(new Video(8, frames, null), new double[0], new int[]{0}, List.of());
        // nothing to match: no free 1 from the empty-set rule (it lifted a frozen floor above real clips)
        assertThat(r.scores()).doesNotContainKeys(SoundDimensions.ONSET_PRECISION, SoundDimensions.ONSET_RECALL,
                SoundDimensions.ONSET_SYNC, SoundDimensions.AV_ALIGN);
        assertThat(r.scores()).containsEntry(SoundDimensions.SOUND_PRESENT, 0.0);
        assertThat(r.scores()).doesNotContainKey(SoundDimensions.AMBIENCE);
    }

    @Test
    void badShotStartsAreRejectedWithOneLine() {
        List<RgbFrame> frames = new ArrayList<>();
        for (int k = 0; k < 9; k++) frames.add(RgbFrame.blank(32, 32));
        Video v = new Video(8, frames, null);
        assertThatThrownBy(() -> SoundDimensions.evaluate(v, new double[0], new int[]{2}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 0");
        assertThatThrownBy(() -> SoundDimensions.evaluate(v, new double[0], new int[]{0, 12}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 9");
    }
}
