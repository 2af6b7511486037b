package ai.gallop.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** 16-bit PCM mono WAV files. Samples in [-1, 1] map to [-32767, 32767], so a read-back file writes the same bytes. */
public final class Wav {
    private static final int HEADER_BYTES = 44;
    private static final float FULL_SCALE = 32767f;

    private Wav() {}

    /** @throws IOException "cannot write <file>: <reason>"; the file appears whole or not at all */
    public static void write(Path file, Sound sound) throws IOException {
        AtomicFiles.write(file, encode(sound));
    }

    public static byte[] encode(Sound sound) {
        float[] samples = sound.samples();
        if (samples.length > (Integer.MAX_VALUE - HEADER_BYTES) / 2)
            throw new IllegalArgumentException("sound of " + samples.length + " samples is too long for a WAV file; allowed: up to "
                    + (Integer.MAX_VALUE - HEADER_BYTES) / 2);
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1) // PCM, mono
                .putInt(sound.sampleRate()).putInt(sound.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
        for (float sample : samples) out.putShort((short) Math.round(Math.clamp(sample, -1f, 1f) * FULL_SCALE));
        return out.array();
    }

    /** @throws IOException "cannot read <file>: <reason>" for a missing file or anything but 16-bit PCM mono */
    public static Sound read(Path file) throws IOException {
        return FileBytes.read(file, Wav::decode);
    }

    public static Sound decode(byte[] bytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE"))
            throw new IOException("not a WAV file (no RIFF/WAVE header)");
        int sampleRate = 0;
        boolean sawFormat = false;
        int at = 12;
        // chunks may come in any order and include extras (LIST, fact); only fmt and data matter
        while (at + 8 <= bytes.length) {
            String id = tag(in, at);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) throw new IOException("truncated fmt chunk");
                int format = in.getShort(body) & 0xFFFF;
                int channels = in.getShort(body + 2) & 0xFFFF;
                int bits = in.getShort(body + 14) & 0xFFFF;
                if (format != 1 || channels != 1 || bits != 16)
                    throw new IOException("WAV format " + format + " with " + channels + " channels at " + bits
                            + " bits is not supported; allowed: PCM (1), 1 channel, 16 bits");
                sampleRate = in.getInt(body + 4);
                if (sampleRate <= 0) throw new IOException("sample rate " + sampleRate + " must be positive");
                sawFormat = true;
            } else if (id.equals("data")) {
                if (!sawFormat) throw new IOException("data chunk before the fmt chunk");
                long available = Math.min(size, bytes.length - body);
                float[] samples = new float[(int) (available / 2)];
                for (int i = 0; i < samples.length; i++) samples[i] = in.getShort(body + 2 * i) / FULL_SCALE;
                return new Sound(samples, sampleRate);
            }
            at = (int) Math.min(bytes.length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new IOException(sawFormat ? "no data chunk" : "no fmt chunk");
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] id = new byte[4];
        in.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
