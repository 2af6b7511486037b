package ai.gallop.media;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a media file holds, as its container and decoders describe it.
 *
 * @param container FFmpeg's name for the demuxer, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
 * @param videoCodec e.g. "h264"
 * @param pixelFormat the decoded pixel format, e.g. "yuv420p"
 * @param frameCount frames actually decoded
 * @param fps the stream's average frame rate
 * @param durationSeconds the container's duration (the longest stream)
 * @param audioCodec e.g. "aac"; null when the file has no sound
 * @param sampleRate Hz; 0 when the file has no sound
 * @param audioChannels channels in the file (the decoded sound is always mixed to mono); 0 when silent
 * @param tags the container's metadata in key order
 */
public record MediaInfo(String container, String videoCodec, String pixelFormat, int width, int height, int frameCount,
                        double fps, double durationSeconds, String audioCodec, int sampleRate, int audioChannels,
                        Map<String, String> tags) {
    public MediaInfo {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public boolean hasSound() { return audioCodec != null; }
}
