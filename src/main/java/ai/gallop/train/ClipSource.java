package ai.gallop.train;

import ai.gallop.media.RgbFrame;
import ai.gallop.media.Sound;
import ai.gallop.world.Captioner;
import ai.gallop.world.EditInstruction;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.SpecSampler;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.WorldRenderer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Prepares training clips in one background thread, a few steps ahead of the optimiser. World clips are rendered
 * on the fly ({@link #render}): specs from {@link SpecSampler#training()} (held-out combinations never appear; a
 * share of them simple scenes when the order asks), captions from the {@link Captioner} in a language drawn per
 * clip, nothing written to disk; footage windows come from a {@link FootageFolder}. Batches come out in step order
 * starting at a given step, and each is a pure function of (run seed, step) through {@link DataOrder}. The batch
 * function the trainer gives also encodes the clips' video here ({@link FlowBatch#encodeAhead}), off the training thread.
 */
final class ClipSource implements AutoCloseable {
    private static final int AHEAD = 3;

    /** The clips of one step and, when the trainer encodes ahead, their video tokens ({@link FlowBatch#encodeAhead}; else null). */
    record Batch(int step, List<TrainingClip> clips, float[][] video) {}

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread worker;

    /** @param batchOfStep a step's batch: clips from {@link #render} for the world, {@link FootageFolder#clips} for footage */
    ClipSource(IntFunction<Batch> batchOfStep, int firstStep) {
        worker = Thread.ofPlatform().daemon().name("gallop-clip-renderer").start(() -> {
            try {
                for (int step = firstStep; ; step++) queue.put(batchOfStep.apply(step));
            } catch (InterruptedException stop) {
                // close() asked the renderer to stop
            } catch (RuntimeException e) {
                try {
                    queue.put(e);  // handed to the training thread, which reports it
                } catch (InterruptedException stop) {
                    // closing anyway
                }
            }
        });
    }

    /**
     * The clips of one step, rendered in this thread (the background worker uses the same function); with
     * {@code twins} each also carries its recoloured twin's frames and the instruction that turns the twin into it.
     * With {@code pairs} (not empty) every odd slot holds the clip before it changed in one of those ways, drawn
     * evenly, captioned in the same language and phrasing, so the two differ only in what changed and the words that
     * name it ({@code --twin-pairs}, {@code --twin-changes}).
     */
    static List<TrainingClip> render(DataOrder order, VideoFormat format, int batch, int step, boolean twins, List<TwinChange> pairs) {
        SpecSampler sampler = SpecSampler.training();
        WorldRenderer renderer = new WorldRenderer();
        Captioner captioner = new Captioner();
        List<TrainingClip> clips = new ArrayList<>(batch);
        SceneSpec previous = null;
        for (int slot = 0; slot < batch; slot++) {
            boolean changed = !pairs.isEmpty() && slot % 2 == 1;
            int drawn = changed ? slot - 1 : slot;
            long seed = order.specSeed(step, drawn);
            SceneSpec spec = changed ? twinOf(sampler, previous, pairs, order.twinSeed(step, slot))
                    : order.simple(step, slot) ? sampler.simple(seed, format) : sampler.sample(seed, format);
            previous = spec;
            Language language = order.language(step, drawn);
            String caption = captioner.caption(spec, language, order.captionVariant(step, drawn));
            RenderedClip clip = renderer.render(spec);
            SceneSpec twinSpec = twins ? sampler.recoloured(spec, order.twinSeed(step, slot)) : null;
            List<RgbFrame> twin = twins ? renderer.render(twinSpec).video().frames() : List.of();
            String instruction = twins ? EditInstruction.between(twinSpec, spec, language) : "";
            // drawn for every clip, used by the steps that show references: a sprite on grey costs next to nothing
            clips.add(new TrainingClip(seed, caption, clip.video().frames(), fit(clip.video().sound(), format), clip.labels(), twin,
                    instruction, List.of(WorldRenderer.referenceImage(spec)), WorldRenderer.cameraViews(spec),
                    clip.truth().frames().stream().map(frame -> spec.shots().get(frame.shot()).subjects()).toList()));
        }
        return clips;
    }

    /** {@code spec} changed in one of {@code changes}, picked from its own stream so a single change draws as before. */
    private static SceneSpec twinOf(SpecSampler sampler, SceneSpec spec, List<TwinChange> changes, long seed) {
        TwinChange change = changes.size() == 1 ? changes.getFirst() : changes.get(new SplittableRandom(seed ^ 0xC4A6E5L).nextInt(changes.size()));
        return switch (change) {
            case COLOUR -> sampler.recoloured(spec, seed);
            case SCENE -> sampler.rescened(spec, seed);
            case KIND -> sampler.rekinded(spec, seed);
        };
    }

    /** The sound cut or padded to the clip's playing time, so every clip of a format has the same audio token count. */
    static Sound fit(Sound sound, VideoFormat format) {
        int rate = sound.sampleRate(), samples = (int) Math.round(format.playSeconds() * rate);
        return sound.samples().length == samples ? sound : new Sound(Arrays.copyOf(sound.samples(), samples), rate);
    }

    /** The next step's clips; waits for the renderer. */
    Batch next(int expectedStep) throws InterruptedException {
        Object item = queue.take();
        if (item instanceof RuntimeException e) throw new IllegalStateException("rendering training clips failed: " + e.getMessage(), e);
        Batch batch = (Batch) item;
        if (batch.step() != expectedStep)
            throw new IllegalStateException("renderer is at step " + batch.step() + " but training expected step " + expectedStep);
        return batch;
    }

    @Override public void close() {
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
