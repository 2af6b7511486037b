package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image-to-video: does the clip start from the given picture and keep what it showed? VBench uses
 * DINO and DreamSim against the input image; here the first frame is compared exactly (PSNR, SSIM)
 * and the subjects found in the image must stay present, in the same colour and kind, through the
 * first shot of the frames the model made ({@link #judgedFrames}).
 */
public final class ImageToVideoDimensions {
    public static final String FIRST_FRAME_PSNR = "i2v_first_frame_psnr", FIRST_FRAME_SSIM = "i2v_first_frame_ssim",
            SUBJECT = "i2v_subject", BACKGROUND = "i2v_background";
    public static final List<String> NAMES = List.of(FIRST_FRAME_PSNR, FIRST_FRAME_SSIM, SUBJECT, BACKGROUND);
    /** PSNR (dB) that maps to a score of 1: beyond it two 8-bit pictures look the same. */
    static final double FULL_PSNR = 40;

    private ImageToVideoDimensions() {}

    /**
     * The frames the judge analyses: the whole of a text-to-video clip ({@code image} null); of an image-to-video clip,
     * the frames the model made, every one after the first, which is the image given back (a clip of one frame is
     * taken as it is). The given frame would otherwise answer for the model: a clip that jumped away from it after
     * frame 0 was seen as a one-frame first shot holding the image's subjects, and scored as if it had kept them
     * (gallop-tiny's dev clips did so in 66 of 77 image-to-video prompts).
     */
    public static Video judgedFrames(Video video, RgbFrame image) {
        List<RgbFrame> frames = video.frames();
        return image == null || frames.size() < 2 ? video : new Video(video.fps(), frames.subList(1, frames.size()), video.sound());
    }

    /**
     * Scores in [0, 1]: PSNR / 40 dB (capped) and SSIM (negative values clamped to 0) of the clip's {@code first}
     * frame against the image, the fraction of first-shot frames of {@code made} (the analysis of
     * {@link #judgedFrames}) in which each image subject is tracked with its colour and kind, and 1 - the histogram
     * distance between each of those frames' background and the image's background.
     */
    public static Map<String, Double> score(RgbFrame first, PictureAnalysis made, RgbFrame image, ShapeClassifier shapes) {
        if (image.width() != first.width() || image.height() != first.height())
            throw new IllegalArgumentException("image " + image.width() + "x" + image.height() + " does not match the video "
                    + first.width() + "x" + first.height() + "; allowed: the same size");
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(FIRST_FRAME_PSNR, Math.min(1, ImageFidelity.psnr(image, first) / FULL_PSNR));
        out.put(FIRST_FRAME_SSIM, Math.clamp(ImageFidelity.ssim(image, first), 0.0, 1.0));
        List<Blob> imageSubjects = new ColourSegmenter().segment(image);
        ShotAnalysis shot = made.shots().getFirst();
        double kept = 0;
        for (Blob b : imageSubjects) {
            var kind = shapes.classify(b, image);
            int best = 0;
            for (SubjectTrack t : shot.subjects())
                if (t.colour() == b.colour() && t.kind() == kind) best = Math.max(best, t.track().presentCount());
            kept += best / (double) shot.length();
        }
        out.put(SUBJECT, imageSubjects.isEmpty() ? 1 : kept / imageSubjects.size());
        double[] imageBackground = ColourHistogram.of(image, CameraEstimator.backgroundMask(image.width(), image.height(), imageSubjects, List.of()));
        double similarity = 0;
        for (int f = shot.start(); f < shot.end(); f++) {
            boolean[] mask = CameraEstimator.backgroundMask(made.width(), made.height(), made.blobs().get(f), List.of());
            similarity += 1 - ColourHistogram.distance(imageBackground, ColourHistogram.of(made.frames().get(f), mask));
        }
        out.put(BACKGROUND, similarity / shot.length());
        return Collections.unmodifiableMap(out);
    }
}
