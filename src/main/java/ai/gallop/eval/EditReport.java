package ai.gallop.eval;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Video;

import java.util.List;

/**
 * How well a model edits world clips: each edit starts from the world's clip with its subjects in other colours and
 * asks, in words, for the prompt's colours back, so the world's own render of the prompt is the exact answer. PSNR
 * against that answer counts everything at once (subjects repainted, the rest kept); the unedited clip's PSNR and
 * colour score are what doing nothing gets.
 *
 * @param clips        one line per edit
 * @param psnr         mean PSNR of the edits against the answers, dB
 * @param sourcePsnr   mean PSNR of the unedited clips against the answers, dB
 * @param colour       mean colour score of the edits (the evaluator's colour dimension, against the prompt), over clips that
 *                     have one; null when none has
 * @param sourceColour the same for the unedited clips
 */
public record EditReport(List<Clip> clips, double psnr, double sourcePsnr, Double colour, Double sourceColour) {
    public static final String FILE = "edit.json";

    /** One edit: its instruction, and PSNR and colour score of the edit and of the unedited clip (colour null when the prompt names none). */
    public record Clip(String id, String instruction, double psnr, double sourcePsnr, Double colour, Double sourceColour) {}

    public static EditReport of(List<Clip> clips) {
        if (clips.isEmpty()) throw new IllegalArgumentException("no edits to report; allowed: one or more");
        return new EditReport(List.copyOf(clips), clips.stream().mapToDouble(Clip::psnr).average().orElseThrow(),
                clips.stream().mapToDouble(Clip::sourcePsnr).average().orElseThrow(),
                mean(clips.stream().map(Clip::colour).toList()), mean(clips.stream().map(Clip::sourceColour).toList()));
    }

    private static Double mean(List<Double> scores) {
        List<Double> present = scores.stream().filter(java.util.Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Mean per-frame PSNR of two clips of the same size and length, dB. */
    public static double psnr(Video a, Video b) {
        List<RgbFrame> x = a.frames(), y = b.frames();
        if (x.size() != y.size())
            throw new IllegalArgumentException("clips of " + x.size() + " and " + y.size() + " frames; allowed: two clips of the same length");
        double sum = 0;
        for (int i = 0; i < x.size(); i++) sum += ImageFidelity.psnr(x.get(i), y.get(i));
        return sum / x.size();
    }
}
