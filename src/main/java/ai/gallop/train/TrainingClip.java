package ai.gallop.train;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.world.CameraView;
import ai.gallop.world.SubjectSpec;

import java.util.List;

/**
 * One training clip: frames, sound, the caption it is trained with and, for world clips, the label maps (per
 * frame, one byte per pixel, 0 = background) that weight the loss toward subjects; footage has none (empty).
 *
 * @param seed what drew the clip: the world spec's seed, or the draw of a footage window
 * @param twin the frames of the same world clip with its subjects in other colours, which the caption does not
 *             describe (see {@link ai.gallop.world.SpecSampler#recoloured}); empty unless the run asks for them
 * @param twinInstruction what turns the twin back into this clip ("make the ball blue", in the caption's language;
 *             {@link ai.gallop.world.EditInstruction}): an edit example's instruction; empty without a twin
 * @param references the clip's reference images, clip-sized: for a world clip its first subject alone
 *             ({@link ai.gallop.world.WorldRenderer#referenceImage}); footage has none (empty)
 * @param camera where the camera looks in each frame, for a world clip ({@link ai.gallop.world.WorldRenderer#cameraViews});
 *             footage has none (empty), which camera noise treats as a still camera
 * @param subjects for each frame of a world clip, the subjects of its shot: label i + 1 in that frame's label map is
 *             subject i ({@link SemanticTargets}); footage has none (empty)
 */
public record TrainingClip(long seed, String caption, List<RgbFrame> frames, Sound sound, List<byte[]> labels, List<RgbFrame> twin,
                           String twinInstruction, List<RgbFrame> references, List<CameraView> camera, List<List<SubjectSpec>> subjects) {
    public TrainingClip {
        frames = List.copyOf(frames);
        labels = List.copyOf(labels);
        twin = List.copyOf(twin);
        references = List.copyOf(references);
        camera = List.copyOf(camera);
        subjects = List.copyOf(subjects);
        if (!labels.isEmpty() && labels.size() != frames.size())
            throw new IllegalArgumentException(labels.size() + " label maps for " + frames.size() + " frames; expected one per frame or none");
        if (!twin.isEmpty() && twin.size() != frames.size())
            throw new IllegalArgumentException(twin.size() + " twin frames for " + frames.size() + " frames; expected one per frame or none");
        if (twin.isEmpty() != twinInstruction.isEmpty())
            throw new IllegalArgumentException("a twin needs the instruction that turns it into the clip, and only a twin has one");
        if (!camera.isEmpty() && camera.size() != frames.size())
            throw new IllegalArgumentException(camera.size() + " camera views for " + frames.size() + " frames; expected one per frame or none");
        if (!subjects.isEmpty() && (subjects.size() != frames.size() || labels.isEmpty()))
            throw new IllegalArgumentException(subjects.size() + " subject lists for " + frames.size() + " frames" + (labels.isEmpty() ? " without label maps" : "")
                    + "; expected one per frame with label maps, or none");
    }

    /** A clip without a twin, reference images or camera views: footage. */
    public TrainingClip(long seed, String caption, List<RgbFrame> frames, Sound sound, List<byte[]> labels) {
        this(seed, caption, frames, sound, labels, List.of(), "", List.of(), List.of(), List.of());
    }

    /**
     * The frames as a subject mask: white where a subject is, black elsewhere (all black without label maps), so
     * the video tokeniser can patch it.
     */
    List<RgbFrame> subjectMask() {
        RgbFrame first = frames.getFirst();
        if (labels.isEmpty()) return frames.stream().map(f -> RgbFrame.blank(first.width(), first.height())).toList();
        return labels.stream().map(label -> {
            byte[] rgb = new byte[label.length * 3];
            for (int i = 0; i < label.length; i++)
                if (label[i] != 0) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) 255;
            return new RgbFrame(first.width(), first.height(), rgb);
        }).toList();
    }
}
