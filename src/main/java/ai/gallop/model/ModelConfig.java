package ai.gallop.model;

import ai.gallop.Json;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The shape of an {@link AudioVideoTransformer} and of its tokens. A checkpoint stores this record
 * as JSON next to its weights, so everything needed to rebuild the model and to tokenise its inputs
 * lives here.
 *
 * @param name                 preset name or a free label
 * @param width                residual stream width d
 * @param heads                attention heads (width / heads = head dimension)
 * @param specificLayers       modality-specific layers at EACH end of the stack (the sandwich's bread)
 * @param sharedLayers         layers in the middle whose weights every token shares
 * @param mlpRatio             MLP hidden width as a multiple of d
 * @param maxTextTokens        text tokens per caption, BOS and EOS included; longer captions are cut
 * @param patchSize            video and image patch side in pixels
 * @param patchFrames          video frames per patch after frame 0 (frame 0 is always a patch of its own)
 * @param sampleRate           audio sample rate in Hz
 * @param samplesPerAudioToken raw samples per audio token (non-overlapping)
 * @param ropeTheta            RoPE base
 * @param ropeTicksPerSecond   RoPE time positions per second: time in seconds times this
 * @param textLayers           layers of the text encoder that reads the caption's bytes on their own before they
 *                             join the sequence (0: the bytes join as embedded, as in configs written before it existed)
 * @param textStride           encoded bytes averaged into one sequence token (1: one token per byte); a config
 *                             written before this field existed reads as 0, which means 1
 * @param videoChannels        channels of the grid that video patches cut: 3 for RGB pixels, or the latent channels
 *                             of the model's {@link FrameAutoencoder} (0, in configs written before it, means 3)
 * @param gridFactor           pixels per grid cell along a side: 1 for pixels, the autoencoder's factor for latents
 *                             (0 means 1); a patch covers patchSize x gridFactor pixels per side
 * @param textWordBuckets      rows of the hashed word table whose row is added to each caption byte's embedding
 *                             ({@link TextTokeniser#wordIds}); 0 (as in configs written before it) means none
 * @param textInputNorm        whether the caption's embeddings are RMS-normalised before the text encoder reads them
 *                             (false in configs written before it), so that the layers' biases and attention averages,
 *                             the same for every byte, start far below what each byte says (at the embeddings' 0.02
 *                             scale they were of the same size, and the trained bytes-only encoder collapsed)
 * @param frameNoiseShare      fraction of each video noise value's variance that every frame of the clip shares (0, as
 *                             in configs written before it: independent noise per frame). Training and sampling draw
 *                             the same mixed noise ({@link ai.gallop.diffusion.FrameNoise}), so it belongs to the weights
 * @param textWordScripts      whether a caption word also ends where its script changes ({@link TextTokeniser#wordIds}):
 *                             Japanese writes particles in hiragana straight after katakana and Latin words, so without
 *                             it "のボールが" is one word and "ball" hashes differently in every sentence (false in configs
 *                             written before it)
 * @param cameraNoise          whether the shared part of the video noise is fixed to the world and seen through each
 *                             frame's camera view ({@link ai.gallop.diffusion.CameraNoise}) instead of fixed to the
 *                             screen; needs a frame noise share above 0 (false in configs written before it). Training
 *                             and sampling must draw alike, so it belongs to the weights as the share does
 * @param sourceSkip           whether an edit's source clip also reaches the input of each token it becomes: its picture
 *                             patch added to the video token's through one zero-initialised projection and its sound to
 *                             the audio token's through another (false in configs written before it: the source joins the
 *                             sequence only, and attention must carry it to its token). A linear input projection of the
 *                             token and its source side by side, InstructPix2Pix's channel concatenation, is this sum
 * @param semanticLabels       outputs of the semantic head, a linear read-out of the video tokens' hidden state halfway up
 *                             the stack that training asks for what each token's clean pixels show (0, as in configs
 *                             written before it: no head). Sampling never reads it; see {@link AudioVideoTransformer#semanticLayer}
 * @param melBands             0 (as in configs written before it): an audio token is a patch of raw samples; above 0: it is
 *                             that many log-mel bands in each of its 8 frames ({@link LogMelCodec}), a sound's energies by
 *                             band and time instead of its waveform
 * @param cameraPositions      whether a video token's row and column positions are where it looks in the world, through its
 *                             clip's camera view ({@code diffusion.CameraPlaces}), instead of its place on the screen
 *                             (false in configs written before it). A pan then keeps every piece of the world at one position
 *                             from frame to frame, so attention finds in the last frame what a token shows; the positions
 *                             need the camera, which training takes from the world and generation from the prompt's shot
 */
public record ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                          int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                          double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor,
                          int textWordBuckets, boolean textInputNorm, double frameNoiseShare, boolean textWordScripts,
                          boolean cameraNoise, boolean sourceSkip, int semanticLabels, int melBands, boolean cameraPositions) {

    /** The largest share: at 1 every frame would start sampling from the same noise. */
    public static final double MAX_FRAME_NOISE_SHARE = 0.95;

    /** A model whose video positions are screen places. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor,
                       int textWordBuckets, boolean textInputNorm, double frameNoiseShare, boolean textWordScripts,
                       boolean cameraNoise, boolean sourceSkip, int semanticLabels, int melBands) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor,
                textWordBuckets, textInputNorm, frameNoiseShare, textWordScripts, cameraNoise, sourceSkip, semanticLabels, melBands, false);
    }

    /** A model whose sound tokens are raw-waveform patches. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor,
                       int textWordBuckets, boolean textInputNorm, double frameNoiseShare, boolean textWordScripts,
                       boolean cameraNoise, boolean sourceSkip, int semanticLabels) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor,
                textWordBuckets, textInputNorm, frameNoiseShare, textWordScripts, cameraNoise, sourceSkip, semanticLabels, 0);
    }

    /** A model whose words end only at spaces, punctuation and ideographs, its shared frame noise fixed to the screen. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor,
                       int textWordBuckets, boolean textInputNorm, double frameNoiseShare) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor,
                textWordBuckets, textInputNorm, frameNoiseShare, false, false, false, 0);
    }

    /** A model whose frames get independent noise. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor,
                       int textWordBuckets, boolean textInputNorm) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor,
                textWordBuckets, textInputNorm, 0);
    }

    /** A model without a word table, reading raw embeddings. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride, int videoChannels, int gridFactor) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor, 0, false);
    }

    /** A pixel-space model: patches of RGB pixels. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond, int textLayers, int textStride) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, 3, 1);
    }

    /** A model without a text encoder: caption bytes join the sequence one token each. */
    public ModelConfig(String name, int width, int heads, int specificLayers, int sharedLayers, int mlpRatio,
                       int maxTextTokens, int patchSize, int patchFrames, int sampleRate, int samplesPerAudioToken,
                       double ropeTheta, double ropeTicksPerSecond) {
        this(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, 0, 1);
    }

    /** The most caption tokens a model reads, BOS and EOS included. */
    public static final int MAX_TEXT_TOKENS = 8192;

    /** Sinusoidal features of a timestep before its MLP (as DiT and Wan). */
    public static final int TIME_FEATURES = 256;

    public ModelConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("model name is empty; allowed: any non-blank label");
        if (width < 16 || width > 16384)
            throw new IllegalArgumentException("width " + width + " is out of range; allowed: 16 to 16384");
        if (heads < 1 || width % heads != 0)
            throw new IllegalArgumentException("heads " + heads + " does not divide width " + width + "; allowed: a divisor of the width");
        if ((width / heads) % 8 != 0 || width / heads < 16)
            throw new IllegalArgumentException("head dimension " + width / heads + " is not supported; allowed: a multiple of 8, at least 16");
        if (specificLayers < 0 || sharedLayers < 0 || specificLayers * 2 + sharedLayers < 1 || specificLayers * 2 + sharedLayers > 256)
            throw new IllegalArgumentException("layers " + specificLayers + " + " + sharedLayers + " + " + specificLayers
                    + " are out of range; allowed: 1 to 256 layers in all");
        if (mlpRatio < 1 || mlpRatio > 16) throw new IllegalArgumentException("mlpRatio " + mlpRatio + " is out of range; allowed: 1 to 16");
        if (maxTextTokens < 2 || maxTextTokens > MAX_TEXT_TOKENS)
            throw new IllegalArgumentException("maxTextTokens " + maxTextTokens + " is out of range; allowed: 2 to " + MAX_TEXT_TOKENS);
        if (patchSize < 1 || patchSize > 64) throw new IllegalArgumentException("patchSize " + patchSize + " is out of range; allowed: 1 to 64");
        if (patchFrames < 1 || patchFrames > 8) throw new IllegalArgumentException("patchFrames " + patchFrames + " is out of range; allowed: 1 to 8");
        if (sampleRate < 1000 || sampleRate > 192000)
            throw new IllegalArgumentException("sampleRate " + sampleRate + " is out of range; allowed: 1000 to 192000 Hz");
        if (samplesPerAudioToken < 1 || samplesPerAudioToken > 1 << 16)
            throw new IllegalArgumentException("samplesPerAudioToken " + samplesPerAudioToken + " is out of range; allowed: 1 to 65536");
        if (!(ropeTheta > 1)) throw new IllegalArgumentException("ropeTheta " + ropeTheta + " is out of range; allowed: above 1");
        if (!(ropeTicksPerSecond > 0)) throw new IllegalArgumentException("ropeTicksPerSecond " + ropeTicksPerSecond + " is out of range; allowed: above 0");
        if (textLayers < 0 || textLayers > 64) throw new IllegalArgumentException("textLayers " + textLayers + " is out of range; allowed: 0 to 64");
        if (textStride == 0) textStride = 1;
        if (textStride < 1 || textStride > 16) throw new IllegalArgumentException("textStride " + textStride + " is out of range; allowed: 1 to 16");
        if (videoChannels == 0) videoChannels = 3;
        if (gridFactor == 0) gridFactor = 1;
        if (videoChannels < 1 || videoChannels > 256)
            throw new IllegalArgumentException("videoChannels " + videoChannels + " is out of range; allowed: 1 to 256");
        if (gridFactor < 1 || gridFactor > 32 || Integer.bitCount(gridFactor) != 1)
            throw new IllegalArgumentException("gridFactor " + gridFactor + " is out of range; allowed: a power of two from 1 to 32");
        if (textWordBuckets != 0 && (textWordBuckets < 2 || textWordBuckets > 1 << 20))
            throw new IllegalArgumentException("textWordBuckets " + textWordBuckets + " is out of range; allowed: 0 (none) or 2 to 1048576");
        if (!(frameNoiseShare >= 0 && frameNoiseShare <= MAX_FRAME_NOISE_SHARE))
            throw new IllegalArgumentException("frame noise share " + frameNoiseShare + " is out of range; allowed: 0 (independent noise per frame) to "
                    + MAX_FRAME_NOISE_SHARE);
        if (semanticLabels < 0 || semanticLabels > 4096)
            throw new IllegalArgumentException("semanticLabels " + semanticLabels + " is out of range; allowed: 0 (no semantic head) to 4096");
        if (melBands != 0) LogMelCodec.requireValid(samplesPerAudioToken, melBands);
        if (cameraNoise && frameNoiseShare == 0)
            throw new IllegalArgumentException("camera noise without a frame noise share; allowed: camera noise with a share above 0, which it moves");
    }

    /** For unit tests only: runs a training step in milliseconds. */
    public static ModelConfig micro() {
        return new ModelConfig("micro", 64, 2, 1, 1, 2, 32, 4, 2, 16000, 640, 10000, 25, 1, 2);
    }

    /**
     * CPU-sized: about 14M parameters, 2 + 4 + 2 layers; trains on this project's 2-core machine. 8-pixel patches
     * keep a 64x64 x 17-frame clip at 576 video tokens (4-pixel patches made it 2,304 and a step 60x slower), and
     * 256 caption bytes hold the median dev prompt whole (128 cut half of them, most of all the CJK ones). A 2-layer
     * text encoder turns bytes into words before they join the sequence, four encoded bytes to a token: a ~150-byte
     * caption costs the joint stack 38 tokens instead of 150, and the caption pooled for the modulation is a bag of
     * words rather than a bag of bytes (docs/model.md, "Text encoder"). Each byte also carries its word's row of a
     * 4,096-row hashed word table whose mean also joins the pooled caption, and the embeddings are RMS-normalised
     * before the encoder: the bytes-only encoder's output had become the same vector for every caption after 4,500
     * steps (docs/training.md, "The text encoder had collapsed").
     */
    public static ModelConfig tiny() {
        return new ModelConfig("tiny", 256, 4, 2, 4, 4, 256, 8, 2, 16000, 640, 10000, 25, 2, 4).withTextWords(4096, true);
    }

    /** One GPU: about 0.5B parameters, 4 + 16 + 4 layers, 8-pixel patches for 128-256 px video. */
    public static ModelConfig base() {
        return new ModelConfig("base", 1024, 16, 4, 16, 4, 256, 8, 2, 16000, 640, 10000, 25, 2, 4).withTextWords(16384, true);
    }

    /** HappyHorse's layout at a smaller width: 4 + 32 + 4 = 40 layers, about 3B parameters. */
    public static ModelConfig large() {
        return new ModelConfig("large", 2048, 16, 4, 32, 4, 512, 16, 2, 16000, 640, 10000, 25, 4, 4).withTextWords(65536, true);
    }

    public static final List<String> PRESETS = List.of("micro", "tiny", "base", "large");

    public static ModelConfig preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "micro" -> micro();
            case "tiny" -> tiny();
            case "base" -> base();
            case "large" -> large();
            default -> throw new IllegalArgumentException("unknown model preset '" + name + "'; allowed: " + String.join(", ", PRESETS));
        };
    }

    public int headDim() { return width / heads; }

    public int layers() { return 2 * specificLayers + sharedLayers; }

    /** Whether layer i (0-based) has one weight set per {@link Modality.Stream} rather than one shared set. */
    public boolean isSpecific(int layer) { return layer < specificLayers || layer >= specificLayers + sharedLayers; }

    public int textVocabulary() { return TextTokeniser.VOCABULARY; }

    public int imagePatchDim() { return patchSize * patchSize * videoChannels; }

    public int videoPatchDim() { return patchSize * patchSize * videoChannels * patchFrames; }

    /** Whether video patches are cut from autoencoder latents rather than pixels. */
    public boolean latent() { return gridFactor > 1 || videoChannels != 3; }

    /** Pixels a patch covers along a side: frame sides must be multiples of this. */
    public int pixelsPerPatch() { return patchSize * gridFactor; }

    /**
     * This config with another stack: {@code width} wide, {@code heads} heads, {@code specific} modality-specific layers
     * at each end around {@code shared} shared ones. The name gains the shape, in place of any it had, so a checkpoint says
     * it is not the preset and asking again for the shape it has changes nothing.
     */
    public ModelConfig withShape(int width, int heads, int specific, int shared) {
        if (width == this.width && heads == this.heads && specific == specificLayers && shared == sharedLayers) return this;
        String preset = name.replaceFirst("-\\d+w\\d+h\\d+\\+\\d+\\+\\d+$", "");
        return with(c -> {
            c.name = preset + "-" + width + "w" + heads + "h" + specific + "+" + shared + "+" + specific;
            c.width = width;
            c.heads = heads;
            c.specificLayers = specific;
            c.sharedLayers = shared;
        });
    }

    /** This config with video patches of {@code patch} pixels (or latent cells) per side. */
    public ModelConfig withPatch(int patch) { return with(c -> c.patchSize = patch); }

    /** This config with video patches of {@code patch} cells cut from an autoencoder's latents. */
    public ModelConfig withLatents(AutoencoderConfig autoencoder, int patch) {
        return with(c -> {
            c.patchSize = patch;
            c.videoChannels = autoencoder.latentChannels();
            c.gridFactor = autoencoder.factor();
        });
    }

    /** This config with a hashed word table of {@code buckets} rows (0: none) and the given input norm of the caption. */
    public ModelConfig withTextWords(int buckets, boolean inputNorm) {
        return with(c -> {
            c.textWordBuckets = buckets;
            c.textInputNorm = inputNorm;
        });
    }

    /** This config with {@code share} of the video noise shared by every frame; the weights do not depend on it. */
    public ModelConfig withFrameNoiseShare(double share) { return with(c -> c.frameNoiseShare = share); }

    /** This config reading captions of up to {@code tokens} tokens (BOS and EOS included); the weights do not depend on it. */
    public ModelConfig withMaxTextTokens(int tokens) { return with(c -> c.maxTextTokens = tokens); }

    /** This config with caption words that end where their script changes, or not; the weights do not depend on it. */
    public ModelConfig withTextWordScripts(boolean split) { return with(c -> c.textWordScripts = split); }

    /** This config with its shared frame noise fixed to the world (true) or to the screen; the weights do not depend on it. */
    public ModelConfig withCameraNoise(boolean camera) { return with(c -> c.cameraNoise = camera); }

    /** This config with video positions in the world (true) or on the screen; the weights do not depend on it. */
    public ModelConfig withCameraPositions(boolean world) { return with(c -> c.cameraPositions = world); }

    /** This config with an edit's source added to the input of each token it becomes (see {@link #sourceSkip}). */
    public ModelConfig withSourceSkip(boolean skip) { return with(c -> c.sourceSkip = skip); }

    /** This config with sound tokens of {@code bands} log-mel bands a frame (0: raw-waveform patches; see {@link #melBands}). */
    public ModelConfig withMelBands(int bands) { return with(c -> c.melBands = bands); }

    /** This config with a semantic head of {@code labels} outputs (0: none; see {@link #semanticLabels}). */
    public ModelConfig withSemanticLabels(int labels) { return with(c -> c.semanticLabels = labels); }

    /**
     * This config with {@code other}'s settings that no weight depends on: the frame noise share and where it is fixed,
     * the word split, the caption length and whether video positions follow the camera.
     */
    public ModelConfig withSettingsOf(ModelConfig other) {
        return with(c -> {
            c.maxTextTokens = other.maxTextTokens;
            c.frameNoiseShare = other.frameNoiseShare;
            c.textWordScripts = other.textWordScripts;
            c.cameraNoise = other.cameraNoise;
            c.cameraPositions = other.cameraPositions;
        });
    }

    /** A copy with what {@code change} sets, checked again by the record's constructor. */
    private ModelConfig with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The components of a config, settable, so each wither names only what it changes. */
    private static final class Draft {
        String name;
        int width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate, samplesPerAudioToken;
        double ropeTheta, ropeTicksPerSecond, frameNoiseShare;
        int textLayers, textStride, videoChannels, gridFactor, textWordBuckets, semanticLabels, melBands;
        boolean textInputNorm, textWordScripts, cameraNoise, sourceSkip, cameraPositions;

        Draft(ModelConfig c) {
            name = c.name; width = c.width; heads = c.heads; specificLayers = c.specificLayers; sharedLayers = c.sharedLayers;
            mlpRatio = c.mlpRatio; maxTextTokens = c.maxTextTokens; patchSize = c.patchSize; patchFrames = c.patchFrames;
            sampleRate = c.sampleRate; samplesPerAudioToken = c.samplesPerAudioToken; ropeTheta = c.ropeTheta;
            ropeTicksPerSecond = c.ropeTicksPerSecond; textLayers = c.textLayers; textStride = c.textStride;
            videoChannels = c.videoChannels; gridFactor = c.gridFactor; textWordBuckets = c.textWordBuckets;
            textInputNorm = c.textInputNorm; frameNoiseShare = c.frameNoiseShare; textWordScripts = c.textWordScripts;
            cameraNoise = c.cameraNoise; sourceSkip = c.sourceSkip; semanticLabels = c.semanticLabels; melBands = c.melBands;
            cameraPositions = c.cameraPositions;
        }

        ModelConfig build() {
            return new ModelConfig(name, width, heads, specificLayers, sharedLayers, mlpRatio, maxTextTokens, patchSize, patchFrames, sampleRate,
                    samplesPerAudioToken, ropeTheta, ropeTicksPerSecond, textLayers, textStride, videoChannels, gridFactor, textWordBuckets,
                    textInputNorm, frameNoiseShare, textWordScripts, cameraNoise, sourceSkip, semanticLabels, melBands, cameraPositions);
        }
    }

    public int audioPatchDim() { return melBands == 0 ? samplesPerAudioToken : LogMelCodec.FRAMES_PER_TOKEN * melBands; }

    public TextTokeniser textTokeniser() { return new TextTokeniser(maxTextTokens); }

    /** The tokeniser for counting tokens; a latent model's encodes and decodes only with its autoencoder ({@link AudioVideoTransformer#videoTokeniser()}). */
    public VideoTokeniser videoTokeniser() { return new VideoTokeniser(this, null); }

    public AudioTokeniser audioTokeniser() { return new AudioTokeniser(sampleRate, samplesPerAudioToken, melBands); }

    /** Every weight of the model, counted in closed form (a test checks it against the built model). */
    public long parameterCount() {
        long d = width, f = TIME_FEATURES;
        long inputs = (textVocabulary() + (long) textWordBuckets) * d + (imagePatchDim() + 1) * d + (videoPatchDim() + 1) * d + (audioPatchDim() + 1) * d
                + (sourceSkip ? (videoPatchDim() + (long) audioPatchDim()) * d : 0);
        long conditioning = (f + 1) * d + (d + 1) * d   // timestep MLP
                + (d + 1) * d                            // pooled-text projection
                + (d + 1) * 6 * d;                       // shared adaLN projection
        long weightSets = sharedLayers + 2L * specificLayers * Modality.Stream.values().length;
        long outputs = (d + 1) * 2 * d + (d + 1) * videoPatchDim() + (d + 1) * audioPatchDim() + (d + 1) * semanticLabels;
        long textEncoder = textLayers == 0 ? 0 : textLayers * textLayerParameters() + d;
        return inputs + textEncoder + conditioning + weightSets * blockWeightSetParameters() + outputs;
    }

    /** Weights of one text-encoder layer: two norms, fused QKV, q/k norms, output projection, MLP. */
    long textLayerParameters() {
        long d = width, hidden = (long) mlpRatio * d;
        return 2 * d + (d + 1) * 3 * d + 2L * headDim() + (d + 1) * d + (d + 1) * hidden + (hidden + 1) * d;
    }

    /** Tokens a caption of {@code bytes} token ids (BOS and EOS included) takes in the joint sequence. */
    public int textSequenceTokens(int bytes) { return (bytes + textStride - 1) / textStride; }

    /** Weights of one block's weight set: modulation table, fused QKV + gate, q/k norms, output projection, MLP. */
    long blockWeightSetParameters() {
        long d = width, qkvg = 3 * d + heads, hidden = (long) mlpRatio * d;
        return 6 * d + (d + 1) * qkvg + 2L * headDim() + (d + 1) * d + (d + 1) * hidden + (hidden + 1) * d;
    }

    /**
     * Forward-pass FLOPs for one video token in a sequence of {@code sequenceTokens} tokens: two per
     * multiply-add of every weight matrix the token passes through, plus attention (scores and
     * weighted sum over all keys, 4 N d per layer). A training step costs about three times this. The
     * conditioning (time MLP and adaLN projections) runs once per distinct (clip, time), not per token, and the
     * text encoder once per caption, so neither is counted.
     */
    public double forwardFlopsPerToken(int sequenceTokens) {
        double d = width, hidden = (double) mlpRatio * d;
        double perLayer = d * (3 * d + heads) + d * d + 2 * d * hidden;
        double matmuls = videoPatchDim() * d + layers() * perLayer + d * videoPatchDim();
        return 2 * matmuls + 4.0 * layers() * sequenceTokens * d;
    }

    public double trainingFlopsPerToken(int sequenceTokens) { return 3 * forwardFlopsPerToken(sequenceTokens); }

    public String toJson() { return Json.write(this); }

    public static ModelConfig fromJson(String json) { return Json.read(json, ModelConfig.class); }

    public static ModelConfig read(Path file) { return Json.read(file, ModelConfig.class); }
}
