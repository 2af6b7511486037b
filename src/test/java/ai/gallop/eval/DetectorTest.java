package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Colour;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DetectorTest {
    private final ColourSegmenter segmenter = new ColourSegmenter();
    private final CameraEstimator camera = new CameraEstimator();

    @Test void segmenterFindsEachColouredShapeAndIgnoresTheTexture() {
        RgbFrame f = SyntheticFrames.background(64, 64, 0, 0, 1);
        SyntheticFrames.disc(f, 20, 20, 7, Colour.RED);
        SyntheticFrames.rect(f, 40, 36, 56, 50, Colour.BLUE);
        List<Blob> blobs = segmenter.segment(f);
        assertThat(blobs).extracting(Blob::colour).containsExactly(Colour.BLUE, Colour.RED);
        Blob disc = blobs.get(1);
        assertThat(disc.cx()).isCloseTo(20, within(0.3));
        assertThat(disc.area()).isCloseTo((int) Math.round(Math.PI * 49), within(12));
        assertThat(blobs.getFirst().boxWidth()).isEqualTo(16);
    }

    @Test void segmenterDropsBackgroundSizedRegions() {
        RgbFrame f = RgbFrame.blank(64, 64);
        SyntheticFrames.rect(f, 0, 0, 64, 64, Colour.GREEN);
        SyntheticFrames.disc(f, 32, 32, 6, Colour.YELLOW);
        assertThat(segmenter.segment(f)).extracting(Blob::colour).containsExactly(Colour.YELLOW);
    }

    @Test void shapeDescriptorsSeparateDiscBoxAndStar() {
        RgbFrame f = RgbFrame.blank(96, 48);
        SyntheticFrames.disc(f, 16, 24, 12, Colour.RED);
        SyntheticFrames.rect(f, 36, 12, 60, 36, Colour.BLUE);
        SyntheticFrames.star(f, 80, 24, 14, 0.3, Colour.YELLOW);
        List<Blob> blobs = segmenter.segment(f);
        ShapeDescriptor disc = descriptorOf(blobs, Colour.RED), box = descriptorOf(blobs, Colour.BLUE), star = descriptorOf(blobs, Colour.YELLOW);
        assertThat(disc.fill()).isCloseTo(Math.PI / 4, within(0.05));
        assertThat(box.fill()).isGreaterThan(0.99);
        assertThat(star.solidity()).isLessThan(0.8);
        assertThat(disc.solidity()).isGreaterThan(0.9);
        assertThat(star.lobes()).isEqualTo(5);
        assertThat(disc.lobes()).isLessThanOrEqualTo(1);
        assertThat(box.holes()).isZero();
    }

    @Test void holesAreCounted() {
        RgbFrame f = RgbFrame.blank(64, 64);
        SyntheticFrames.rect(f, 10, 10, 40, 30, Colour.RED);
        SyntheticFrames.rect(f, 15, 15, 20, 20, Colour.WHITE);
        SyntheticFrames.rect(f, 28, 15, 33, 20, Colour.WHITE);
        Blob red = segmenter.segment(f).stream().filter(b -> b.colour() == Colour.RED).findFirst().orElseThrow();
        assertThat(ShapeDescriptor.of(red).holes()).isEqualTo(2);
    }

    @Test void cameraEstimatorRecoversPanAndZoomOverTexture() {
        RgbFrame a = SyntheticFrames.background(64, 64, 0, 0, 1);
        RgbFrame panned = SyntheticFrames.background(64, 64, -2.5, 0, 1);   // camera moved left: content moves right
        CameraMotion pan = camera.estimate(a, panned, List.of(), List.of());
        assertThat(pan.dx()).isCloseTo(2.5, within(0.2));
        assertThat(pan.scale()).isCloseTo(1, within(0.01));
        RgbFrame zoomed = SyntheticFrames.background(64, 64, 0, 0, 1.04);
        CameraMotion zoom = camera.estimate(a, zoomed, List.of(), List.of());
        assertThat(zoom.scale()).isCloseTo(1.04, within(0.006));
        assertThat(Math.abs(zoom.dx())).isLessThan(0.3);
    }

    @Test void cameraClassificationFollowsTheAccumulatedMotion() {
        List<RgbFrame> frames = new ArrayList<>();
        for (int t = 0; t < 9; t++) frames.add(SyntheticFrames.background(64, 64, 1.5 * t, 0, 1));
        List<CameraMotion> motions = new ArrayList<>();
        for (int t = 1; t < frames.size(); t++) motions.add(camera.estimate(frames.get(t - 1), frames.get(t), List.of(), List.of()));
        assertThat(camera.classify(motions, camera.estimateAcross(frames.getFirst(), frames.getLast(), List.of(), List.of()), 64)).isEqualTo(Camera.PAN_RIGHT);
        List<CameraMotion> still = List.of(CameraMotion.NONE, CameraMotion.NONE);
        assertThat(camera.classify(still, CameraMotion.NONE, 64)).isEqualTo(Camera.STATIC);
    }

    @Test void trackerFollowsTwoSubjectsThatPassEachOther() {
        List<List<Blob>> blobs = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            RgbFrame f = SyntheticFrames.background(64, 64, 0, 0, 1);
            SyntheticFrames.disc(f, 10 + 4 * t, 20, 5, Colour.RED);
            SyntheticFrames.disc(f, 54 - 4 * t, 44, 5, Colour.RED);
            blobs.add(segmenter.segment(f));
        }
        List<Track> tracks = new Tracker().track(0, blobs, 64, 64);
        assertThat(tracks).hasSize(2);
        for (Track tr : tracks) {
            assertThat(tr.presentCount()).isEqualTo(12);
            double y0 = tr.at(0).cy();
            assertThat(tr.blobs()).allSatisfy(b -> assertThat(b.cy()).isCloseTo(y0, within(0.5)));
        }
    }

    @Test void shotCutsAreFoundWhereTheBackgroundJumps() {
        List<RgbFrame> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) frames.add(t < 6 ? SyntheticFrames.background(64, 64, t, 0, 1) : SyntheticFrames.background(64, 64, 300 + t, 170, 1.7));
        List<CameraMotion> motions = new ArrayList<>(List.of(CameraMotion.NONE));
        for (int t = 1; t < frames.size(); t++) motions.add(camera.estimate(frames.get(t - 1), frames.get(t), List.of(), List.of()));
        assertThat(new ShotCutDetector().cuts(frames, motions, Collections.nCopies(frames.size(), List.of()))).containsExactly(6);
    }

    @Test void psnrAndSsimAreExactForIdenticalPicturesAndFallWithNoise() {
        RgbFrame a = SyntheticFrames.background(64, 64, 0, 0, 1);
        assertThat(ImageFidelity.psnr(a, a)).isEqualTo(ImageFidelity.MAX_PSNR);
        assertThat(ImageFidelity.ssim(a, a)).isCloseTo(1, within(1e-9));
        RgbFrame noisy = SyntheticFrames.noisy(a, 20, 1);
        assertThat(ImageFidelity.psnr(a, noisy)).isBetween(20.0, 24.0);
        assertThat(ImageFidelity.ssim(a, noisy)).isLessThan(0.6);
    }

    private static ShapeDescriptor descriptorOf(List<Blob> blobs, Colour c) {
        return ShapeDescriptor.of(blobs.stream().filter(b -> b.colour() == c).findFirst().orElseThrow());
    }
}
