package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;
import ai.gallop.world.VideoFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StillBaselineTest {
    static final String PROMPT = "a red horse gallops across a green meadow";

    @Test void holdsTheOraclesFirstFrameWithSilence() {
        GenerationRequest request = GenerationRequest.text(PROMPT, 5, new VideoFormat(64, 64, 8, 17));
        Video oracle = new WorldOracle().generate(request, ProgressListener.NONE, new Cancellation()).video();
        Video still = new StillBaseline().generate(request, ProgressListener.NONE, new Cancellation()).video();
        assertThat(still.frames()).hasSize(17).allMatch(f -> f.equals(oracle.frames().getFirst()));
        assertThat(oracle.frames().getLast()).as("the oracle moves, so the baseline differs from it").isNotEqualTo(oracle.frames().getFirst());
        assertThat(still.sound()).isNotNull();
        assertThat(still.sound().seconds()).isCloseTo(17 / 8.0, org.assertj.core.data.Offset.offset(1e-3));
        for (float sample : still.sound().samples()) assertThat(sample).isZero();
    }

    @Test void holdsAGivenFirstFrameAndIsDeterministic() {
        RgbFrame first = RgbFrame.blank(64, 64);
        first.set(3, 4, 0x00FF00);
        GenerationRequest request = new GenerationRequest(PROMPT, null, 1, new VideoFormat(64, 64, 8, 9), false, null, null, null, first, List.of());
        Generated a = new StillBaseline().generate(request, ProgressListener.NONE, new Cancellation());
        Generated b = new StillBaseline().generate(request, ProgressListener.NONE, new Cancellation());
        assertThat(a.video()).isEqualTo(b.video());
        assertThat(a.video().frames()).allMatch(first::equals);
        assertThat(a.video().sound()).isNull();
        assertThat(new StillBaseline().capabilities().imageToVideo()).isTrue();
    }

    @Test void refusesAFirstFrameOfAnotherSizeAndStopsWhenCancelled() {
        GenerationRequest wrong = new GenerationRequest(PROMPT, null, 1, new VideoFormat(64, 64, 8, 9), false, null, null, null,
                RgbFrame.blank(32, 32), List.of());
        assertThatThrownBy(() -> new StillBaseline().generate(wrong, ProgressListener.NONE, new Cancellation()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: the requested size 64x64");
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        assertThatThrownBy(() -> new StillBaseline().generate(GenerationRequest.text(PROMPT, 1, VideoFormat.DEFAULT), ProgressListener.NONE, cancelled))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
