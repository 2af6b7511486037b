package ai.gallop.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_iterate;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BITEXACT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads any file FFmpeg can demux and decode (MP4 first of all) into a {@link Video}: every frame as RGB24 at the
 * file's size, the best audio stream mixed to mono float at its own sample rate and placed so that sample 0
 * plays with frame 0. The AAC encoder's priming samples are dropped (the MP4 edit list says how many), so the
 * sound lines up with what was written.
 */
public final class Mp4Reader {
    private Mp4Reader() {}

    /**
     * The video's fps is the stream's average frame rate rounded to a whole number (the exact rate is in the info).
     *
     * @throws IOException with a one-line message "cannot read <file>: <reason>": missing file, not media, no video
     *     stream, a video stream without frames, undecodable data
     */
    public static DecodedMedia read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * As {@link #read(Path)} with the sound resampled by FFmpeg to {@code soundRate} Hz (0: the file's own rate);
     * the info still reports the file's rate.
     */
    public static DecodedMedia read(Path file, int soundRate) throws IOException {
        if (soundRate < 0) throw new IllegalArgumentException("sound rate " + soundRate + " is out of range; allowed: 0 (the file's) or more Hz");
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute)) throw new IOException("cannot read " + absolute + ": no such file");
        if (!Files.isRegularFile(absolute)) throw new IOException("cannot read " + absolute + ": not a regular file");
        Ffmpeg.init();
        try (Demuxer demuxer = new Demuxer(soundRate)) {
            return atLogicalSize(demuxer.decode(absolute));
        } catch (IOException e) {
            throw new IOException("cannot read " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Undoes the writer's pixel repetition (see {@link Mp4Writer#storageScale}) by averaging each block (an exact-factor {@link FrameScaler#fit}). */
    static DecodedMedia atLogicalSize(DecodedMedia media) {
        String tag = media.info().tags().get(Mp4Writer.PIXEL_SCALE_TAG);
        int k;
        try {
            k = tag == null ? 1 : Integer.parseInt(tag.trim());
        } catch (NumberFormatException e) {
            k = 1;
        }
        Video v = media.video();
        if (k < 2 || v.width() % k != 0 || v.height() % k != 0) return media;
        int scale = k;
        Video small = new Video(v.fps(), v.frames().stream().map(f -> FrameScaler.fit(f, f.width() / scale, f.height() / scale)).toList(), v.sound());
        MediaInfo i = media.info();
        return new DecodedMedia(small, new MediaInfo(i.container(), i.videoCodec(), i.pixelFormat(), small.width(), small.height(),
                i.frameCount(), i.fps(), i.durationSeconds(), i.audioCodec(), i.sampleRate(), i.audioChannels(), i.tags()));
    }

    /** Every native structure of one read, freed together in {@link #close()}. */
    private static final class Demuxer implements AutoCloseable {
        private AVFormatContext format;
        private AVCodecContext videoCodec;
        private AVCodecContext audioCodec;
        private AVPacket packet;
        private AVFrame frame;
        private SwsContext toRgb;
        private SwrContext toMono;
        private AVChannelLayout mono;
        private BytePointer rgb;
        private PointerPointer<BytePointer> rgbPlanes;
        private IntPointer rgbStrides;
        private FloatPointer monoSamples;
        private PointerPointer<FloatPointer> monoPlanes;

        private AVStream videoStream;
        private AVStream audioStream;
        private final List<RgbFrame> frames = new ArrayList<>();
        private int width;
        private int height;
        private String pixelFormat;
        private double firstFrameSeconds = Double.NaN;
        private double firstSoundSeconds = Double.NaN;
        /** Where the last audio packet ends: the decoder pads the last AAC frame to 1024 samples, the container knows better. */
        private double soundEndSeconds = Double.NEGATIVE_INFINITY;
        /** The rate the sound is delivered at: the one asked for, else the file's. */
        private int sampleRate;
        private int fileSampleRate;
        private final int askedSampleRate;
        private float[] sound = new float[0];
        private int soundLength;

        Demuxer(int askedSampleRate) {
            this.askedSampleRate = askedSampleRate;
        }

        DecodedMedia decode(Path file) throws IOException {
            format = new AVFormatContext(null);
            try (BytePointer name = Ffmpeg.utf8(file.toString())) {
                int opened = avformat_open_input(format, name, null, (AVDictionary) null);
                if (opened == AVERROR_INVALIDDATA) throw new IOException("not a media file FFmpeg can read (" + Ffmpeg.describe(opened) + ")");
                Ffmpeg.check(opened, "opening the file");
            }
            Ffmpeg.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "reading the stream parameters");
            int videoIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (videoIndex < 0) throw new IOException("the file has no video stream");
            int audioIndex = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, videoIndex, (AVCodec) null, 0);
            videoStream = format.streams(videoIndex);
            openDecoder(videoStream);
            if (audioIndex >= 0) {
                audioStream = format.streams(audioIndex);
                openDecoder(audioStream);
                fileSampleRate = audioStream.codecpar().sample_rate();
                sampleRate = askedSampleRate > 0 ? askedSampleRate : fileSampleRate;
            }
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            if (packet == null || frame == null) throw new IOException("allocating a packet or frame failed");

            int code;
            while ((code = av_read_frame(format, packet)) >= 0) {
                try {
                    if (packet.stream_index() == videoIndex) decodeVideo(packet);
                    else if (packet.stream_index() == audioIndex) {
                        if (packet.pts() != AV_NOPTS_VALUE && packet.duration() > 0)
                            soundEndSeconds = Math.max(soundEndSeconds, seconds(packet.pts() + packet.duration(), audioStream.time_base()));
                        decodeAudio(packet);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (code != AVERROR_EOF) Ffmpeg.check(code, "reading a packet");
            decodeVideo(null);
            if (audioCodec != null) {
                decodeAudio(null);
                drainResampler();
            }
            if (frames.isEmpty()) throw new IOException("the video stream has no frames");
            return new DecodedMedia(video(), info());
        }

        private void openDecoder(AVStream stream) throws IOException {
            int id = stream.codecpar().codec_id();
            String codecName = Ffmpeg.string(avcodec_get_name(id));
            AVCodec codec = avcodec_find_decoder(id);
            if (codec == null) throw new IOException("this FFmpeg build cannot decode " + codecName);
            AVCodecContext context = avcodec_alloc_context3(codec);
            if (context == null) throw new IOException("allocating the " + codecName + " decoder failed");
            if (stream.equals(videoStream)) videoCodec = context; else audioCodec = context; // owned before anything can throw
            Ffmpeg.check(avcodec_parameters_to_context(context, stream.codecpar()), "copying the " + codecName + " parameters");
            context.pkt_timebase(stream.time_base());
            Ffmpeg.check(avcodec_open2(context, codec, (AVDictionary) null), "opening the " + codecName + " decoder");
        }

        private void decodeVideo(AVPacket input) throws IOException {
            Ffmpeg.check(avcodec_send_packet(videoCodec, input), "decoding video");
            while (receive(videoCodec, "decoding video")) {
                try {
                    if (frames.isEmpty()) {
                        width = frame.width();
                        height = frame.height();
                        pixelFormat = Ffmpeg.string(av_get_pix_fmt_name(frame.format()));
                        firstFrameSeconds = seconds(frame.best_effort_timestamp(), videoStream.time_base());
                        rgb = new BytePointer((long) width * height * 3);
                        rgbPlanes = new PointerPointer<>(rgb, null, null, null);
                        rgbStrides = new IntPointer(width * 3, 0, 0, 0);
                    }
                    frames.add(toRgb());
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        /** Converts the current frame to RGB24 at the first frame's size, with the matrix and range it declares. */
        private RgbFrame toRgb() throws IOException {
            toRgb = sws_getCachedContext(toRgb, frame.width(), frame.height(), frame.format(), width, height, AV_PIX_FMT_RGB24,
                    SWS_POINT | SWS_FULL_CHR_H_INT | SWS_ACCURATE_RND | SWS_BITEXACT, null, null, (DoublePointer) null);
            if (toRgb == null) throw new IOException("no converter from " + Ffmpeg.string(av_get_pix_fmt_name(frame.format())) + " to RGB");
            int matrix = switch (frame.colorspace()) {
                case AVCOL_SPC_BT709 -> SWS_CS_ITU709;
                case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL -> SWS_CS_BT2020;
                default -> SWS_CS_ITU601;
            };
            int pixel = frame.format();
            boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG
                    || pixel == AV_PIX_FMT_YUVJ420P || pixel == AV_PIX_FMT_YUVJ422P || pixel == AV_PIX_FMT_YUVJ444P;
            IntPointer coefficients = sws_getCoefficients(matrix);
            // the return code only says whether the pair is a YUV/RGB one the matrix applies to; RGB sources skip it
            sws_setColorspaceDetails(toRgb, coefficients, fullRange ? 1 : 0, coefficients, 1, 0, 1 << 16, 1 << 16);
            Ffmpeg.check(sws_scale(toRgb, frame.data(), frame.linesize(), 0, frame.height(), rgbPlanes, rgbStrides), "converting to RGB");
            byte[] bytes = new byte[width * height * 3];
            rgb.get(bytes);
            return new RgbFrame(width, height, bytes);
        }

        private void decodeAudio(AVPacket input) throws IOException {
            Ffmpeg.check(avcodec_send_packet(audioCodec, input), "decoding audio");
            while (receive(audioCodec, "decoding audio")) {
                try {
                    if (toMono == null) openResampler();
                    int capacity = (int) ((long) frame.nb_samples() * sampleRate / Math.max(1, frame.sample_rate())) + 64;
                    ensureMonoCapacity(capacity);
                    int converted = Ffmpeg.check(swr_convert(toMono, monoPlanes, capacity, frame.extended_data(), frame.nb_samples()),
                            "mixing the sound to mono");
                    append(converted);
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        private void openResampler() throws IOException {
            // decoders apply the container's skip-samples (AAC priming) themselves, so this is the first audible sample
            firstSoundSeconds = seconds(frame.best_effort_timestamp(), audioStream.time_base());
            mono = new AVChannelLayout();
            av_channel_layout_default(mono, 1);
            SwrContext context = new SwrContext(null);
            Ffmpeg.check(swr_alloc_set_opts2(context, mono, AV_SAMPLE_FMT_FLT, sampleRate,
                    frame.ch_layout(), frame.format(), frame.sample_rate(), 0, null), "configuring the mono mixer");
            toMono = context;
            Ffmpeg.check(swr_init(toMono), "starting the mono mixer");
        }

        private void drainResampler() throws IOException {
            if (toMono == null) return;
            int converted;
            do {
                ensureMonoCapacity(1024);
                converted = Ffmpeg.check(swr_convert(toMono, monoPlanes, 1024, (PointerPointer<?>) null, 0), "draining the mono mixer");
                append(converted);
            } while (converted > 0);
        }

        private void ensureMonoCapacity(int samples) {
            if (monoSamples != null && monoSamples.capacity() >= samples) return;
            if (monoPlanes != null) monoPlanes.close();
            if (monoSamples != null) monoSamples.close();
            monoSamples = new FloatPointer(samples);
            monoPlanes = new PointerPointer<FloatPointer>(1).put(0, monoSamples); // not new PointerPointer(p): that reuses p's address
        }

        private void append(int count) {
            if (soundLength + count > sound.length) sound = Arrays.copyOf(sound, Math.max(2 * sound.length, soundLength + count));
            monoSamples.get(sound, soundLength, count);
            soundLength += count;
        }

        private boolean receive(AVCodecContext codec, String action) throws IOException {
            int code = avcodec_receive_frame(codec, frame);
            if (code == AVERROR_EAGAIN() || code == AVERROR_EOF) return false;
            Ffmpeg.check(code, action);
            return true;
        }

        private Video video() {
            Sound aligned = null;
            if (soundEndSeconds > firstSoundSeconds)
                soundLength = (int) Math.min(soundLength, Math.round((soundEndSeconds - firstSoundSeconds) * sampleRate));
            if (soundLength > 0) {
                // sample 0 of the Video's sound plays with frame 0, whatever the streams' start times
                int shift = (int) Math.round((firstSoundSeconds - firstFrameSeconds) * sampleRate);
                float[] samples = new float[Math.max(0, soundLength + shift)];
                int from = Math.max(0, -shift);
                System.arraycopy(sound, from, samples, Math.max(0, shift), Math.max(0, soundLength - from));
                aligned = new Sound(samples, sampleRate);
            }
            return new Video(Math.max(1, (int) Math.round(fps())), frames, aligned);
        }

        private double fps() {
            AVRational rate = videoStream.avg_frame_rate();
            if (rate.num() <= 0 || rate.den() <= 0) rate = videoStream.r_frame_rate();
            if (rate.num() > 0 && rate.den() > 0) return av_q2d(rate);
            double seconds = durationSeconds();
            return seconds > 0 ? frames.size() / seconds : 1;
        }

        private double durationSeconds() {
            long duration = format.duration();
            return duration == AV_NOPTS_VALUE ? Double.NaN : duration / (double) AV_TIME_BASE;
        }

        private MediaInfo info() {
            Map<String, String> tags = new TreeMap<>();
            AVDictionary metadata = format.metadata();
            for (AVDictionaryEntry entry = av_dict_iterate(metadata, null); entry != null; entry = av_dict_iterate(metadata, entry))
                tags.put(Ffmpeg.string(entry.key()), Ffmpeg.string(entry.value()));
            double fps = fps();
            double seconds = durationSeconds();
            return new MediaInfo(Ffmpeg.string(format.iformat().name()),
                    Ffmpeg.string(avcodec_get_name(videoStream.codecpar().codec_id())), pixelFormat, width, height, frames.size(),
                    fps, Double.isNaN(seconds) ? frames.size() / fps : seconds,
                    audioStream == null ? null : Ffmpeg.string(avcodec_get_name(audioStream.codecpar().codec_id())),
                    fileSampleRate, audioStream == null ? 0 : audioStream.codecpar().ch_layout().nb_channels(), tags);
        }

        private static double seconds(long timestamp, AVRational timeBase) {
            return timestamp == AV_NOPTS_VALUE ? 0 : timestamp * av_q2d(timeBase);
        }

        @Override public void close() {
            if (monoPlanes != null) monoPlanes.close();
            if (monoSamples != null) monoSamples.close();
            if (rgbStrides != null) rgbStrides.close();
            if (rgbPlanes != null) rgbPlanes.close();
            if (rgb != null) rgb.close();
            if (toMono != null) swr_free(toMono);
            if (mono != null) {
                av_channel_layout_uninit(mono);
                mono.close();
            }
            if (toRgb != null) sws_freeContext(toRgb);
            if (frame != null) av_frame_free(frame);
            if (packet != null) av_packet_free(packet);
            if (audioCodec != null) avcodec_free_context(audioCodec);
            if (videoCodec != null) avcodec_free_context(videoCodec);
            if (format != null && !format.isNull()) avformat_close_input(format);
        }
    }
}
