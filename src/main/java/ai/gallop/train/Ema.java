package ai.gallop.train;

import ai.gallop.model.Checkpoints;
import ai.gallop.model.Safetensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of the weights, the copy a generator should load. The decay warms up as
 * min(decay, (1 + n) / (10 + n)) after n updates, so a short run's average is not dominated by the random start
 * (the prototype's EMA 0.999 hurt a 25-minute run for exactly that reason).
 */
final class Ema implements AutoCloseable {
    static final String FILE = Checkpoints.EMA_FILE;

    private final Map<String, Tensor> source;
    private final Map<String, Tensor> average = new LinkedHashMap<>();
    private final double decay;

    Ema(Map<String, Tensor> parameters, double decay) {
        this.source = parameters;
        this.decay = decay;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
                Tensor copy = p.getValue().detach().clone();
                copy.retainReference();
                average.put(p.getKey(), copy);
            }
        }
    }

    /** Folds the current weights in; {@code updates} counts updates so far, this one included. */
    void update(long updates) {
        double d = Math.min(decay, (1 + updates) / (10.0 + updates));
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : average.entrySet())
                e.getValue().mul_(new Scalar(d)).add_(source.get(e.getKey()).detach(), new Scalar(1 - d));
        }
    }

    Map<String, Tensor> weights() { return average; }

    void save(Path file) throws IOException {
        Safetensors.write(file, average, Map.of("format", "pt", "gallop.ema.decay", Double.toString(decay)));
    }

    void load(Path file) throws IOException {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Map<String, Tensor> all = Safetensors.read(file);
            for (Map.Entry<String, Tensor> e : average.entrySet()) AdamW.copyInto(file, all, e.getKey(), e.getValue());
        }
    }

    @Override public void close() {
        average.values().forEach(Tensor::releaseReference);
        average.clear();
    }
}
