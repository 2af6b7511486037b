package ai.gallop.diffusion;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;
import ai.gallop.model.EditSource;
import ai.gallop.model.Modality;
import ai.gallop.model.ModelConfig;
import ai.gallop.model.ModelInput;
import ai.gallop.model.ModelOutput;
import ai.gallop.model.TokenLayout;
import ai.gallop.world.CameraView;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * What every sampler shares: the two state tensors it integrates (updated in place, so only they live across
 * steps), the mask of generated tokens, and the guided x0 prediction at any point of the flow. Created in the
 * caller's PointerScope; everything a step makes belongs to the step's own scope.
 */
final class FlowState {
    /** Runs unconditional passes beside the caller's conditional ones (see {@link #parallelPasses}). */
    private static final ExecutorService SECOND_PASS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "gallop-unconditional-pass");
        thread.setDaemon(true);
        return thread;
    });

    final Tensor video;      // [B, Lv, pv] state: noise at t = 1, clean condition tokens kept as given
    final Tensor audio;      // [B, La, pa] state, or null without audio tokens
    final Tensor generated;  // [B, Lv] 1 = generated token, 0 = clean condition
    private final Tensor text;        // [B, Lt] captions
    private final Tensor nullText;    // [B, Lt] negative captions, for the unconditional pass when guided
    private final Tensor references;  // [B, Li, pi] reference images, in both passes, or null
    private final EditSource source;  // an edit's source clip, in both passes, or null
    private final TokenLayout layout;
    private final Denoiser denoiser;
    private final Guidance guidance;
    private final boolean guided;
    private final boolean parallel;
    private final long batch;
    private final GeneratorOptional noise;          // the seed's draws: the starting noise, then any fresh noise a sampler asks for
    private final ModelConfig config;
    private final List<List<CameraView>> cameras;

    FlowState(Denoiser denoiser, ModelConfig config, SamplingTask task, Guidance guidance) {
        this.denoiser = denoiser;
        this.guidance = guidance;
        this.batch = task.batch();
        int lv = task.layout().count(Modality.VIDEO), la = task.layout().count(Modality.AUDIO), clean = task.cleanVideoTokens();
        guided = guidance.needsUnconditional() && task.nullText() != null;
        noise = new GeneratorOptional(createCPUGenerator(task.seed()));
        this.config = config;
        this.cameras = Collections.nCopies((int) batch, task.camera());
        this.layout = CameraPlaces.apply(config, task.layout(), cameras);
        Tensor independent = randn(new long[]{batch, lv, config.videoPatchDim()}, noise);          // [B, Lv, pv]
        audio = la == 0 ? null : randn(new long[]{batch, la, config.audioPatchDim()}, noise);      // [B, La, pa]
        video = videoNoise(independent);                                                           // [B, Lv, pv]
        generated = ones(batch, lv);                                                               // [B, Lv]
        if (clean > 0) {
            video.narrow(1, 0, clean).copy_(task.videoCondition().narrow(1, 0, clean));
            generated.narrow(1, 0, clean).zero_();
        }
        parallel = guided && parallelPasses();
        text = task.text();
        nullText = task.nullText();
        references = task.referenceImages();
        source = task.source();
    }

    /**
     * Whether the conditional and unconditional passes run at once, each on its own thread, instead of one after
     * the other. They are always two passes of batch B rather than one of 2B: on this 2-core machine one batch of
     * 2B was no faster than two passes in a row (8.1-8.9 s against 8.7-8.8 s for the default clip), two passes at
     * once took 5.3 s, and the bytes stay the same whichever way the passes run. Two intra-op threads on one
     * batch took 36 s instead (docs/benchmarks.md). Running at once needs OpenMP held to one thread by the
     * environment (OMP_NUM_THREADS=1, which bin/gallop sets): with OpenMP's default pool two passes at once were
     * 5x slower each, not faster.
     */
    static boolean parallelPasses() {
        return Runtime.getRuntime().availableProcessors() >= 2 && "1".equals(System.getenv("OMP_NUM_THREADS"))
                && get_num_threads() == 1;
    }

    /** The (guided) x0 prediction at a point (x_video, x_audio) of the flow where every generated token has time t. */
    ModelOutput predict(Tensor xVideo, Tensor xAudio, double t) {
        Tensor videoTime = generated.mul(new Scalar(t));                                           // [B, Lv], clean tokens 0
        Tensor audioTime = xAudio == null ? null : ones(batch, xAudio.size(1)).mul(new Scalar(t));  // [B, La]
        ModelInput conditional = new ModelInput(layout, text, references, xVideo, videoTime, xAudio, audioTime, source);
        if (!guided) return denoiser.predict(conditional);
        ModelInput unconditional = new ModelInput(layout, nullText, references, xVideo, videoTime, xAudio, audioTime, source);
        if (!parallel) return guidance.combine(denoiser.predict(conditional), denoiser.predict(unconditional), layout);
        Future<ModelOutput> second = SECOND_PASS.submit(() -> predictOnThisThread(unconditional));
        ModelOutput first;
        try {
            first = denoiser.predict(conditional);
        } catch (RuntimeException | Error e) {
            try { adopt(join(second)); } catch (RuntimeException | Error alsoFailed) { e.addSuppressed(alsoFailed); }
            throw e;
        }
        return guidance.combine(first, adopt(join(second)), layout);
    }

    /** The velocity (x - x0) / t an x0 prediction implies; 0 on clean condition tokens. */
    ModelOutput velocity(Tensor xVideo, Tensor xAudio, ModelOutput x0, double t) {
        Tensor v = xVideo.sub(x0.video()).mul(generated.unsqueeze(2)).div(new Scalar(t));         // [B, Lv, pv]
        Tensor a = xAudio == null ? null : xAudio.sub(x0.audio()).div(new Scalar(t));             // [B, La, pa]
        return new ModelOutput(v, a);
    }

    /** state += dt * velocity, in place. */
    void move(ModelOutput velocity, double dt) {
        video.add_(velocity.video().mul(new Scalar(dt)));
        if (audio != null) audio.add_(velocity.audio().mul(new Scalar(dt)));
    }

    /**
     * An ancestral step: the state becomes the point at time {@code next} between the x0 prediction and noise,
     * {@code (1 - next) x0 + next n}, where n keeps {@code 1 - churn} of the variance of the noise the state at
     * {@code t} implies and draws {@code churn} fresh from the seed's generator (shared across frames as the model's
     * starting noise is). Churn 0 is the Euler step; clean condition tokens stay as given.
     */
    void renoise(ModelOutput x0, double t, double next, double churn) {
        Tensor freshVideo = videoNoise(randn(new long[]{batch, video.size(1), video.size(2)}, noise));      // [B, Lv, pv]
        Tensor point = posteriorPoint(video, x0.video(), t, next, churn, freshVideo);                    // [B, Lv, pv]
        Tensor mask = generated.unsqueeze(2);                                                            // [B, Lv, 1]
        video.copy_(point.mul(mask).add(video.mul(mask.neg().add(new Scalar(1.0)))));
        if (audio != null)
            audio.copy_(posteriorPoint(audio, x0.audio(), t, next, churn, randn(new long[]{batch, audio.size(1), audio.size(2)}, noise)));
    }

    /** (1 - next) x0 + next (sqrt(1 - churn) e + sqrt(churn) fresh), with e = (x - (1 - t) x0) / t the noise x implies. */
    private static Tensor posteriorPoint(Tensor x, Tensor x0, double t, double next, double churn, Tensor fresh) {
        Tensor implied = x.sub(x0.mul(new Scalar(1 - t))).div(new Scalar(t));
        Tensor n = implied.mul(new Scalar(Math.sqrt(1 - churn))).add(fresh.mul(new Scalar(Math.sqrt(churn))));
        return x0.mul(new Scalar(1 - next)).add(n.mul(new Scalar(next)));
    }

    /** Independent noise [B, Lv, pv] with the model's shared part, as the trainer draws it. */
    private Tensor videoNoise(Tensor independent) {
        return FrameNoise.forModel(independent, config, cameras, layout.width(), layout.height(), layout.frames(), noise);
    }

    /** The last step: generated tokens take the x0 prediction exactly, clean ones stay. */
    void land(ModelOutput x0) {
        Tensor keep = generated.unsqueeze(2);                                                      // [B, Lv, 1]
        video.copy_(x0.video().mul(keep).add(video.mul(keep.neg().add(new Scalar(1.0)))));
        if (audio != null) audio.copy_(x0.audio());
    }

    ModelOutput result() { return new ModelOutput(video, audio); }

    /** What a sampler does from one time of its grid to the next, short of the last, given the x0 predicted at t. */
    @FunctionalInterface
    interface Step {
        void take(ModelOutput x0, double t, double next);
    }

    /**
     * Runs the grid {@code times} (from 1 down to 0): at each time the guided x0 prediction, then {@code step} to the
     * next time, or on the last step the landing on that prediction; each step in its own PointerScope without
     * gradients, the cancellation checked before it and the listener told after it. Returns the state reached.
     */
    ModelOutput integrate(double[] times, ProgressListener listener, Cancellation cancellation, Step step) {
        int steps = times.length - 1;
        for (int i = 0; i < steps; i++) {
            cancellation.throwIfCancelled();
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                double t = times[i], next = times[i + 1];
                ModelOutput x0 = predict(video, audio, t);
                if (next == 0) land(x0);
                else step.take(x0, t, next);
            }
            listener.progress(Sampler.STAGE, i + 1, steps);
        }
        return result();
    }

    /** A pass on a pool thread: grad mode and PointerScopes are per thread, so it sets up its own and hands the outputs over. */
    private ModelOutput predictOnThisThread(ModelInput input) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            ModelOutput out = denoiser.predict(input);
            out.video().retainReference();  // one reference outlives this scope; adopt() hands it to the caller's
            if (out.audio() != null) out.audio().retainReference();
            return out;
        }
    }

    /** Puts the other thread's outputs into the caller's scope, so they go when the step ends. */
    private static ModelOutput adopt(ModelOutput out) {
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            for (Tensor t : out.audio() == null ? List.of(out.video()) : List.of(out.video(), out.audio())) {
                scope.attach(t);
                t.releaseReference();  // attach took a reference of its own; the scope now holds the only one
            }
        }
        return out;
    }

    private static ModelOutput join(Future<ModelOutput> pass) {
        try {
            return pass.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the unconditional pass", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
