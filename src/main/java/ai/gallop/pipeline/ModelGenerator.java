package ai.gallop.pipeline;

import ai.gallop.Cancellation;
import ai.gallop.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model as a {@link VideoGenerator}, under the name the service has used since before {@link Gallop}
 * existed: every call goes to the {@link Gallop} it wraps (see there for the pipeline).
 */
public final class ModelGenerator implements VideoGenerator, AutoCloseable {
    public static final int DEFAULT_STEPS = Gallop.DEFAULT_STEPS;
    public static final double DEFAULT_GUIDANCE = Gallop.DEFAULT_GUIDANCE, DEFAULT_SHIFT = Gallop.DEFAULT_SHIFT;

    private final Gallop gallop;

    private ModelGenerator(Gallop gallop) {
        this.gallop = gallop;
    }

    /**
     * Loads a checkpoint: a folder with config.json and model.safetensors, or a run folder (its newest
     * checkpoints/step-N is taken).
     */
    public static ModelGenerator load(Path folderOrRun) throws IOException {
        return new ModelGenerator(Gallop.load(folderOrRun));
    }

    /** The pipeline behind this generator. */
    public Gallop gallop() { return gallop; }

    @Override public String id() { return gallop.id(); }

    public Path checkpoint() { return gallop.folder(); }

    public boolean usesEma() { return gallop.usesEma(); }

    @Override public Capabilities capabilities() { return gallop.capabilities(); }

    @Override public Generated generate(GenerationRequest request, ProgressListener listener, Cancellation cancellation) {
        return gallop.generate(request, listener, cancellation);
    }

    @Override public void close() { gallop.close(); }
}
