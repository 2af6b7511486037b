package ai.gallop.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BITEXACT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes a {@link Video} as an MP4 file: H.264 (openh264, yuv420p, constant frame rate) plus mono AAC sound,
 * the index (moov) up front so players can start before the whole file has arrived, and free-form
 * key/value tags. The same video and tags always give the same bytes.
 */
public final class Mp4Writer {
    /** Sample rates the AAC format can signal. */
    public static final Set<Integer> AAC_SAMPLE_RATES =
            Set.of(7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000);
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 4096;
    public static final int MAX_FPS = 240;
    /** Tag naming the integer factor by which each pixel was repeated for storage (see {@link #storageScale}). */
    public static final String PIXEL_SCALE_TAG = "gallop_pixel_scale";
    /** Clips up to this side are stored at 2x. */
    static final int MAX_UPSCALED_SIDE = 512;

    /**
     * openh264's quality mode settles near QP 24 on these tiny clips (luma PSNR about 38 dB at 64x64); capped at 16
     * it gives about 42 dB for 5% more bytes (the AAC track is half the file anyway). Lower caps gain little: the
     * RGB error is then dominated by 4:2:0 chroma subsampling at colour edges, which no QP can fix.
     */
    static final int MAX_QP = 16;
    /**
     * The quantiser floors tried in turn. openh264 fails a frame whose bits overflow its buffer, which per-pixel
     * RGB noise does at any floor up to 16 (nothing a model or the world draws comes near it, but any frames can
     * reach this writer through the library); a coarser floor codes it. Rendered and generated clips pass at the
     * first, so their bytes do not depend on this.
     */
    static final int[] QP_FLOORS = {1, 30, 51};
    /** As many bits as raw RGB, so the rate control never starves a frame; {@link #MAX_QP} decides the quality. */
    static final long TARGET_BITS_PER_PIXEL = 24;
    /** AAC allows at most 6144 bits per channel per 1024-sample frame, i.e. 6 bits per sample. */
    static final int AUDIO_BITS_PER_SAMPLE = 4;

    private Mp4Writer() {}

    /**
     * Writes {@code video} with {@code tags} (UTF-8 keys and values, stored in key order) to {@code target},
     * replacing any file there. The file appears whole or not at all (see {@link AtomicFiles}); a thread
     * interrupt stops the encoding between frames and leaves no file.
     *
     * @throws IllegalArgumentException when the video cannot be stored as H.264/AAC (odd or out-of-range size,
     *     frame rate, sample rate, empty sound, bad tag)
     * @throws IOException with a one-line message "cannot write <target>: <reason>"
     */
    public static void write(Path target, Video video, Map<String, String> tags) throws IOException {
        validate(video, tags);
        int scale = storageScale(video.width(), video.height());
        Video stored = scale == 1 ? video : upscale(video, scale);
        validate(stored, tags);
        Map<String, String> sorted = new TreeMap<>(tags);
        if (scale > 1) sorted.put(PIXEL_SCALE_TAG, Integer.toString(scale));
        AtomicFiles.write(target, temporary -> {
            for (int i = 0; ; i++) {
                try {
                    encode(stored, sorted, temporary, QP_FLOORS[i]);
                    return;
                } catch (EncoderRefused e) {
                    if (i == QP_FLOORS.length - 1) throw e;
                }
            }
        });
    }

    /** The video encoder failed a frame (not an I/O error): worth another try with a coarser quantiser. */
    private static final class EncoderRefused extends IOException {
        EncoderRefused(String message) { super(message); }
    }

    /**
     * 4:2:0 keeps colour at half resolution, which costs small flat-coloured clips about 7 dB of RGB PSNR at
     * their edges whatever the bitrate. Storing each pixel as a 2x2 block keeps colour at full resolution for
     * a modest size cost, and players show tiny clips larger anyway; {@link Mp4Reader} undoes it from the tag.
     */
    static int storageScale(int width, int height) {
        return Math.max(width, height) <= MAX_UPSCALED_SIDE ? 2 : 1;
    }

    private static Video upscale(Video video, int scale) {
        return new Video(video.fps(), video.frames().stream().map(f -> Png.scaleUp(f, scale)).toList(), video.sound());
    }

    private static void validate(Video video, Map<String, String> tags) {
        int w = video.width();
        int h = video.height();
        if (w % 2 != 0 || h % 2 != 0 || w < MIN_SIDE || h < MIN_SIDE || w > MAX_SIDE || h > MAX_SIDE)
            throw new IllegalArgumentException("frame size " + w + "x" + h + " cannot be stored as yuv420p H.264; allowed: even sides from "
                    + MIN_SIDE + " to " + MAX_SIDE);
        if (video.fps() > MAX_FPS)
            throw new IllegalArgumentException("fps " + video.fps() + " is out of range; allowed: 1 to " + MAX_FPS);
        Sound sound = video.sound();
        if (sound != null) {
            if (!AAC_SAMPLE_RATES.contains(sound.sampleRate()))
                throw new IllegalArgumentException("sample rate " + sound.sampleRate() + " Hz cannot be stored as AAC; allowed: "
                        + new TreeSet<>(AAC_SAMPLE_RATES));
            if (sound.samples().length == 0)
                throw new IllegalArgumentException("the sound has no samples; pass a null sound for a silent video");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue();
            if (key == null || key.isEmpty() || value == null || key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0)
                throw new IllegalArgumentException("tag " + key + "=" + value + " is not storable; allowed: non-empty key and non-null value without NUL characters");
        }
    }

    private static void encode(Video video, Map<String, String> tags, Path file, int minQp) throws IOException {
        Ffmpeg.init();
        try (Muxer muxer = new Muxer()) {
            muxer.open(video, tags, file, minQp);
            Sound sound = video.sound();
            int fed = 0;
            for (int k = 0; k < video.frames().size(); k++) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                muxer.encodeFrame(video.frames().get(k), k);
                if (sound != null) {
                    // keep the two streams close in the file: send the sound up to the end of this frame
                    int until = (int) Math.min(sound.samples().length, Math.round((k + 1) * (double) sound.sampleRate() / video.fps()));
                    fed = muxer.encodeSound(sound.samples(), fed, until);
                }
            }
            if (sound != null) muxer.encodeSound(sound.samples(), fed, sound.samples().length);
            muxer.finish();
        }
    }

    /** Every native structure of one write, freed together in {@link #close()}. */
    private static final class Muxer implements AutoCloseable {
        private AVFormatContext format;
        private AVIOContext io;
        private AVCodecContext videoCodec;
        private AVCodecContext audioCodec;
        private AVStream videoStream;
        private AVStream audioStream;
        private AVFrame picture;
        private AVFrame samples;
        private AVPacket packet;
        private SwsContext toYuv;
        private BytePointer rgb;
        private PointerPointer<BytePointer> rgbPlanes;
        private IntPointer rgbStrides;

        void open(Video video, Map<String, String> tags, Path file, int minQp) throws IOException {
            format = new AVFormatContext(null);
            try (BytePointer name = Ffmpeg.utf8(file.toString()); BytePointer mp4 = Ffmpeg.utf8("mp4")) {
                Ffmpeg.check(avformat_alloc_output_context2(format, null, mp4, name), "allocating the mp4 muxer");
                // no library version string and no clock time in the file, so identical inputs give identical bytes
                Ffmpeg.check(av_opt_set(format, "fflags", "+bitexact", 0), "setting bitexact muxing");
                openVideo(video, minQp);
                if (video.sound() != null) openAudio(video.sound().sampleRate());
                for (Map.Entry<String, String> tag : tags.entrySet())
                    try (BytePointer key = Ffmpeg.utf8(tag.getKey()); BytePointer value = Ffmpeg.utf8(tag.getValue())) {
                        // set through the context's own field so the muxer frees the dictionary whatever happens
                        AVDictionary metadata = format.metadata() == null ? new AVDictionary(null) : format.metadata();
                        Ffmpeg.check(av_dict_set(metadata, key, value, 0), "storing tag " + tag.getKey());
                        format.metadata(metadata);
                    }
                io = new AVIOContext(null);
                Ffmpeg.check(avio_open(io, name, AVIO_FLAG_WRITE), "opening the file");
                format.pb(io);
            }
            AVDictionary options = new AVDictionary(null);
            try {
                // faststart: moov before mdat; use_metadata_tags: keep arbitrary keys (not only title, comment, ...)
                Ffmpeg.check(av_dict_set(options, "movflags", "+faststart+use_metadata_tags", 0), "setting movflags");
                Ffmpeg.check(avformat_write_header(format, options), "writing the mp4 header");
                if (av_dict_count(options) != 0) throw new IOException("the mp4 muxer ignored movflags");
            } finally {
                av_dict_free(options);
            }
            packet = av_packet_alloc();
            if (packet == null) throw new IOException("allocating a packet failed");
        }

        private void openVideo(Video video, int minQp) throws IOException {
            int w = video.width();
            int h = video.height();
            int fps = video.fps();
            AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
            if (codec == null) throw new IOException("this FFmpeg build has no libopenh264 encoder");
            videoStream = newStream();
            videoCodec = avcodec_alloc_context3(codec);
            if (videoCodec == null) throw new IOException("allocating the H.264 encoder failed");
            videoCodec.width(w).height(h).pix_fmt(AV_PIX_FMT_YUV420P)
                    .time_base(av_make_q(1, fps)).framerate(av_make_q(fps, 1))
                    .bit_rate(TARGET_BITS_PER_PIXEL * w * h * fps).gop_size(fps).max_b_frames(0)
                    .qmin(minQp).qmax(Math.max(minQp, MAX_QP)).thread_count(1)
                    .color_range(AVCOL_RANGE_MPEG).colorspace(AVCOL_SPC_SMPTE170M)
                    .color_primaries(AVCOL_PRI_SMPTE170M).color_trc(AVCOL_TRC_SMPTE170M);
            prepare(videoCodec);
            Ffmpeg.check(av_opt_set(videoCodec.priv_data(), "rc_mode", "quality", 0), "setting the openh264 rate control");
            Ffmpeg.check(avcodec_open2(videoCodec, codec, (AVDictionary) null), "opening the libopenh264 encoder");
            Ffmpeg.check(avcodec_parameters_from_context(videoStream.codecpar(), videoCodec), "copying the H.264 parameters");
            videoStream.time_base(videoCodec.time_base());
            videoStream.avg_frame_rate(av_make_q(fps, 1));
            videoStream.r_frame_rate(av_make_q(fps, 1));

            picture = frame();
            picture.format(AV_PIX_FMT_YUV420P).width(w).height(h);
            Ffmpeg.check(av_frame_get_buffer(picture, 0), "allocating a yuv420p picture");
            toYuv = sws_getContext(w, h, AV_PIX_FMT_RGB24, w, h, AV_PIX_FMT_YUV420P,
                    SWS_AREA | SWS_ACCURATE_RND | SWS_BITEXACT, null, null, (DoublePointer) null);
            if (toYuv == null) throw new IOException("creating the RGB to yuv420p converter failed");
            IntPointer bt601 = sws_getCoefficients(SWS_CS_ITU601);
            // full-range RGB in, limited-range BT.601 out: what the stream's colour tags announce to players
            Ffmpeg.check(sws_setColorspaceDetails(toYuv, bt601, 1, bt601, 0, 0, 1 << 16, 1 << 16), "setting the colour conversion");
            rgb = new BytePointer((long) w * h * 3);
            rgbPlanes = new PointerPointer<>(rgb, null, null, null);
            rgbStrides = new IntPointer(w * 3, 0, 0, 0);
        }

        private void openAudio(int sampleRate) throws IOException {
            AVCodec codec = avcodec_find_encoder_by_name("aac");
            if (codec == null) throw new IOException("this FFmpeg build has no aac encoder");
            audioStream = newStream();
            audioCodec = avcodec_alloc_context3(codec);
            if (audioCodec == null) throw new IOException("allocating the AAC encoder failed");
            audioCodec.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate).time_base(av_make_q(1, sampleRate))
                    .bit_rate((long) AUDIO_BITS_PER_SAMPLE * sampleRate).thread_count(1);
            av_channel_layout_default(audioCodec.ch_layout(), 1);
            prepare(audioCodec);
            Ffmpeg.check(avcodec_open2(audioCodec, codec, (AVDictionary) null), "opening the aac encoder");
            Ffmpeg.check(avcodec_parameters_from_context(audioStream.codecpar(), audioCodec), "copying the AAC parameters");
            audioStream.time_base(audioCodec.time_base());

            samples = frame();
            samples.format(AV_SAMPLE_FMT_FLTP).nb_samples(audioCodec.frame_size()).sample_rate(sampleRate);
            Ffmpeg.check(av_channel_layout_copy(samples.ch_layout(), audioCodec.ch_layout()), "copying the channel layout");
            Ffmpeg.check(av_frame_get_buffer(samples, 0), "allocating a sound frame");
        }

        private AVStream newStream() throws IOException {
            AVStream stream = avformat_new_stream(format, null);
            if (stream == null) throw new IOException("adding a stream to the mp4 muxer failed");
            return stream;
        }

        private void prepare(AVCodecContext codec) {
            int flags = codec.flags() | AV_CODEC_FLAG_BITEXACT;
            if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
            codec.flags(flags);
        }

        private static AVFrame frame() throws IOException {
            AVFrame frame = av_frame_alloc();
            if (frame == null) throw new IOException("allocating a frame failed");
            return frame;
        }

        void encodeFrame(RgbFrame frame, long index) throws IOException {
            rgb.put(frame.rgb(), 0, frame.rgb().length);
            Ffmpeg.check(av_frame_make_writable(picture), "making the picture writable");
            Ffmpeg.check(sws_scale(toYuv, rgbPlanes, rgbStrides, 0, frame.height(), picture.data(), picture.linesize()),
                    "converting RGB to yuv420p");
            picture.pts(index).duration(1);
            send(videoCodec, picture, videoStream);
        }

        /** Encodes samples [from, until) in frames of the encoder's size; returns where it stopped. */
        int encodeSound(float[] sound, int from, int until) throws IOException {
            int frameSize = audioCodec.frame_size();
            int at = from;
            // full frames only, except at the very end where the encoder takes a short last frame
            while (until - at >= frameSize || (until == sound.length && at < until)) {
                int n = Math.min(frameSize, until - at);
                Ffmpeg.check(av_frame_make_writable(samples), "making the sound frame writable");
                FloatPointer plane = new FloatPointer(samples.data(0));
                for (int i = 0; i < n; i++) plane.put(i, Math.clamp(sound[at + i], -1f, 1f));
                samples.nb_samples(n).pts(at).duration(n);
                send(audioCodec, samples, audioStream);
                at += n;
            }
            return at;
        }

        void finish() throws IOException {
            send(videoCodec, null, videoStream);
            if (audioCodec != null) send(audioCodec, null, audioStream);
            Ffmpeg.check(av_write_trailer(format), "finishing the mp4 file");
        }

        /** Sends one frame (null: end of stream) and writes every packet the encoder has ready. */
        private void send(AVCodecContext codec, AVFrame frame, AVStream stream) throws IOException {
            encoded(avcodec_send_frame(codec, frame), codec);
            while (true) {
                int code = avcodec_receive_packet(codec, packet);
                if (code == AVERROR_EAGAIN() || code == AVERROR_EOF) return;
                encoded(code, codec);
                if (packet.duration() <= 0 && codec == videoCodec) packet.duration(1);
                av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
                packet.stream_index(stream.index());
                Ffmpeg.check(av_interleaved_write_frame(format, packet), "writing a packet");
            }
        }

        private void encoded(int code, AVCodecContext codec) throws IOException {
            if (code < 0) {
                String message = "encoding with " + codec.codec().name().getString() + " failed: " + Ffmpeg.describe(code);
                throw codec == videoCodec ? new EncoderRefused(message) : new IOException(message);
            }
        }

        @Override public void close() {
            if (rgbStrides != null) rgbStrides.close();
            if (rgbPlanes != null) rgbPlanes.close();
            if (rgb != null) rgb.close();
            if (toYuv != null) sws_freeContext(toYuv);
            if (packet != null) av_packet_free(packet);
            if (samples != null) av_frame_free(samples);
            if (picture != null) av_frame_free(picture);
            if (audioCodec != null) avcodec_free_context(audioCodec);
            if (videoCodec != null) avcodec_free_context(videoCodec);
            if (io != null && !io.isNull()) avio_closep(io);
            if (format != null && !format.isNull()) {
                format.pb(null);
                avformat_free_context(format);
            }
        }
    }
}
