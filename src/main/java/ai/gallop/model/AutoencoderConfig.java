package ai.gallop.model;

import ai.gallop.Json;

import java.nio.file.Path;

/**
 * Shape of the {@link FrameAutoencoder}: a frame of RGB shrinks {@code 2^levels} times per side into
 * {@code latentChannels} channels. Channels double at each level down from {@code width}; each level has
 * {@code blocks} residual blocks. The default ({@link #tiny()}) takes a 64x64 frame to 16 x 8 x 8 values, 12x
 * fewer than its pixels.
 */
public record AutoencoderConfig(String name, int latentChannels, int width, int levels, int blocks, int groups) {
    public AutoencoderConfig {
        if (latentChannels < 1 || width < 1 || levels < 1 || levels > 5 || blocks < 0 || groups < 1)
            throw new IllegalArgumentException("autoencoder '" + name + "' (latent " + latentChannels + ", width " + width + ", levels "
                    + levels + ", blocks " + blocks + ", groups " + groups + ") is out of range; allowed: positive sizes, 1 to 5 levels");
        // oneDNN keeps channels in blocks of 16; a partial block's padding is not always cleared, and its garbage
        // turned up as NaN gradients (FrameAutoencoder#edge)
        if (latentChannels % 16 != 0 || width % 16 != 0)
            throw new IllegalArgumentException("autoencoder '" + name + "' (latent " + latentChannels + ", width " + width
                    + ") has partial channel blocks; allowed: latent channels and width in multiples of 16");
        for (int level = 0; level < levels; level++)
            if (channels(width, level) % groups != 0)
                throw new IllegalArgumentException("autoencoder '" + name + "': " + channels(width, level) + " channels do not split into "
                        + groups + " groups; allowed: a group count dividing the width");
    }

    public static AutoencoderConfig tiny() { return new AutoencoderConfig("tiny", 16, 32, 3, 1, 8); }

    /** Pixels per latent cell along a side. */
    public int factor() { return 1 << levels; }

    /** Channels after {@code level + 1} downsamplings (level 0 is the first). */
    public int channels(int level) { return channels(width, level); }

    private static int channels(int width, int level) { return width << level; }

    public String toJson() { return Json.write(this); }

    public static AutoencoderConfig read(Path file) { return Json.read(file, AutoencoderConfig.class); }
}
