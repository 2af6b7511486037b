package ai.gallop.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each token sits in the one sequence and in space-time. The sequence is always text, then
 * reference images, then an edit's source clip, then video, then audio; every item of a batch has the same layout,
 * save the rows and columns of its video that {@link #withVideoPlaces} may give each item.
 *
 * <p>Positions have four axes, each rotating its own slice of every attention head (RoPE):
 * <ul>
 * <li>text: the text token's index (a byte, or a window of {@link ModelConfig#textStride()} encoded bytes),
 *     for text tokens only (0 for the rest);</li>
 * <li>time: seconds times {@link ModelConfig#ropeTicksPerSecond()}, for video and audio on ONE axis, so
 *     a sound and the frame that causes it share a position. A video token frame sits at the instant
 *     of its first frame (k / fps), an audio token at the start of its window. Reference image k sits
 *     at -(k + 1) seconds, before the clip, so images are told apart and never mistaken for a frame;</li>
 * <li>row and column: the patch grid index, for images and video.</li>
 * </ul>
 * An edit's source clip sits where the clip it becomes sits (same time, row and column, so a source patch and
 * the patch it turns into face each other), told apart only by {@link #SOURCE_TEXT_POSITION} on the text axis.
 */
public final class TokenLayout {
    public static final int AXES = 4;
    /**
     * The text-axis position of an edit's source tokens (every other picture token sits at 0). Negative, so no
     * caption token shares it; 32 turns the text axis' fastest pair 32 radians and its slowest (theta 10^4, 4 pairs)
     * 0.03, enough for attention to tell a source patch from the patch it becomes.
     */
    public static final int SOURCE_TEXT_POSITION = -32;

    private final int[] counts = new int[Modality.values().length];
    private final float[] positions;  // [tokens, AXES] row-major
    private final float[][] itemPositions;  // null: every batch item has `positions`; else one [tokens, AXES] array per item
    private final int textBytes, width, height, frames, fps, tokenFrames, patchFrames;

    private TokenLayout(int[] counts, float[] positions, float[][] itemPositions, int textBytes, int width, int height, int frames, int fps,
                        int tokenFrames, int patchFrames) {
        System.arraycopy(counts, 0, this.counts, 0, counts.length);
        this.positions = positions;
        this.itemPositions = itemPositions;
        this.textBytes = textBytes;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.fps = fps;
        this.tokenFrames = tokenFrames;
        this.patchFrames = patchFrames;
    }

    /**
     * The layout of a clip of {@code frames} frames of width x height at fps, preceded by a caption of
     * {@code textTokens} token ids (bytes, BOS and EOS; the sequence holds them as {@link ModelConfig#textSequenceTokens}) and {@code referenceImages} images of the clip's size, followed by
     * {@code audioTokens} audio tokens (0 for a silent clip).
     */
    public static TokenLayout of(ModelConfig config, int textTokens, int referenceImages, int width, int height,
                                 int frames, int fps, int audioTokens) {
        if (textTokens < 1 || textTokens > config.maxTextTokens())
            throw new IllegalArgumentException("text length " + textTokens + " is out of range; allowed: 1 to " + config.maxTextTokens());
        if (referenceImages < 0 || referenceImages > 9)
            throw new IllegalArgumentException(referenceImages + " reference images; allowed: 0 to 9");
        if (fps < 1) throw new IllegalArgumentException("fps " + fps + " is out of range; allowed: at least 1");
        if (audioTokens < 0) throw new IllegalArgumentException("audio token count " + audioTokens + " is negative; allowed: 0 or more");
        VideoTokeniser video = config.videoTokeniser();
        AudioTokeniser audio = config.audioTokeniser();
        int tokenFrames = video.tokenFrames(frames), perFrame = video.tokensPerFrame(width, height);
        int rows = height / config.pixelsPerPatch(), cols = width / config.pixelsPerPatch();
        int[] counts = {config.textSequenceTokens(textTokens), referenceImages * perFrame, 0, tokenFrames * perFrame, audioTokens};
        float[] pos = new float[Arrays.stream(counts).sum() * AXES];
        double ticks = config.ropeTicksPerSecond();
        int n = 0;
        for (int i = 0; i < counts[0]; i++) n = put(pos, n, i, 0, 0, 0);
        for (int k = 0; k < referenceImages; k++)
            for (int y = 0; y < rows; y++)
                for (int x = 0; x < cols; x++) n = put(pos, n, 0, -(k + 1) * ticks, y, x);
        for (int j = 0; j < tokenFrames; j++)
            for (int y = 0; y < rows; y++)
                for (int x = 0; x < cols; x++) n = put(pos, n, 0, video.firstFrameOf(j) / (double) fps * ticks, y, x);
        for (int i = 0; i < audioTokens; i++) n = put(pos, n, 0, audio.timeOf(i) * ticks, 0, 0);
        return new TokenLayout(counts, pos, null, textTokens, width, height, frames, fps, tokenFrames, config.patchFrames());
    }

    /**
     * This layout with an edit's source clip: as many clean tokens as the video has, before it, each at its video
     * token's place with the text axis at {@link #SOURCE_TEXT_POSITION}.
     */
    public TokenLayout withEditSource() {
        if (count(Modality.SOURCE) > 0) return this;
        if (itemPositions != null) throw new IllegalStateException("add the edit source before the video places");
        int[] withSource = counts.clone();
        int lv = count(Modality.VIDEO), videoStart = start(Modality.VIDEO);
        withSource[Modality.SOURCE.ordinal()] = lv;
        float[] pos = new float[positions.length + lv * AXES];
        System.arraycopy(positions, 0, pos, 0, videoStart * AXES);
        System.arraycopy(positions, videoStart * AXES, pos, videoStart * AXES, lv * AXES);
        for (int i = 0; i < lv; i++) pos[(videoStart + i) * AXES] = SOURCE_TEXT_POSITION;
        System.arraycopy(positions, videoStart * AXES, pos, (videoStart + lv) * AXES, positions.length - videoStart * AXES);
        return new TokenLayout(withSource, pos, null, textBytes, width, height, frames, fps, tokenFrames, patchFrames);
    }

    /**
     * This layout with each batch item's video tokens at rows and columns of their own: {@code places} holds one
     * [Lv * 2] array per item, a token's row then its column, in patches and in any real value (a model with
     * {@link ModelConfig#cameraPositions} puts each token where it looks in the world). An edit's source tokens move
     * with the video tokens they face. The layout then fits batches of exactly {@code places.size()} items.
     */
    public TokenLayout withVideoPlaces(List<float[]> places) {
        int lv = count(Modality.VIDEO);
        int[] starts = count(Modality.SOURCE) > 0 ? new int[]{start(Modality.VIDEO), start(Modality.SOURCE)} : new int[]{start(Modality.VIDEO)};
        float[][] items = new float[places.size()][];
        for (int b = 0; b < items.length; b++) {
            float[] place = places.get(b);
            if (place.length != 2 * lv)
                throw new IllegalArgumentException(place.length + " video place values for item " + b + "; expected 2 per video token (" + 2 * lv + ")");
            items[b] = positions.clone();
            for (int i = 0; i < lv; i++)
                for (int start : starts) {
                    items[b][(start + i) * AXES + 2] = place[2 * i];
                    items[b][(start + i) * AXES + 3] = place[2 * i + 1];
                }
        }
        return new TokenLayout(counts, positions, items, textBytes, width, height, frames, fps, tokenFrames, patchFrames);
    }

    private static int put(float[] pos, int n, double text, double time, double row, double col) {
        pos[n * AXES] = (float) text;
        pos[n * AXES + 1] = (float) time;
        pos[n * AXES + 2] = (float) row;
        pos[n * AXES + 3] = (float) col;
        return n + 1;
    }

    public int count(Modality m) { return counts[m.ordinal()]; }

    /** Index of the modality's first token in the sequence. */
    public int start(Modality m) {
        int s = 0;
        for (int i = 0; i < m.ordinal(); i++) s += counts[i];
        return s;
    }

    public int tokens() { return Arrays.stream(counts).sum(); }

    /** The caption's token ids (bytes, BOS and EOS) before the text encoder groups them. */
    public int textBytes() { return textBytes; }

    public int width() { return width; }

    public int height() { return height; }

    public int frames() { return frames; }

    public int fps() { return fps; }

    /** Video token frames: frame 0 alone, then one per {@link #patchFrames()} frames ({@link VideoTokeniser#tokenFrames}). */
    public int tokenFrames() { return tokenFrames; }

    /** Frames held one after the other in each video token's values. */
    public int patchFrames() { return patchFrames; }

    /** Position of token i on an axis (0 text index, 1 time ticks, 2 row, 3 column), for a layout every item shares. */
    public float position(int token, int axis) {
        if (itemPositions != null) throw new IllegalStateException("this layout places each batch item's video tokens apart; ask by item");
        return positions[token * AXES + axis];
    }

    /** Position of batch item b's token i on an axis; the same for every item unless {@link #withVideoPlaces} set them. */
    public float position(int item, int token, int axis) {
        return (itemPositions == null ? positions : itemPositions[item])[token * AXES + axis];
    }

    /** Batch items whose video tokens have places of their own ({@link #withVideoPlaces}), or 0: every item alike. */
    public int placedItems() { return itemPositions == null ? 0 : itemPositions.length; }

    /** A contiguous run of tokens that one weight set of a modality-specific layer handles. */
    record Segment(Modality.Stream stream, int start, int length) {}

    /** The non-empty runs of tokens per {@link Modality.Stream}, in sequence order. */
    List<Segment> streamSegments() {
        List<Segment> out = new ArrayList<>();
        for (Modality.Stream s : Modality.Stream.values()) {
            int start = -1, length = 0;
            for (Modality m : Modality.values())
                if (m.stream() == s && count(m) > 0) {
                    if (start < 0) start = start(m);
                    length += count(m);
                }
            if (length > 0) out.add(new Segment(s, start, length));
        }
        return out;
    }

    @Override public String toString() {
        return "TokenLayout[text " + counts[0] + ", image " + counts[1] + ", source " + counts[2] + ", video " + counts[3] + ", audio " + counts[4] + "]";
    }
}
