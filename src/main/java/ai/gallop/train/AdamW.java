package ai.gallop.train;

import ai.gallop.model.Safetensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * AdamW (Loshchilov and Hutter) written out over named tensors, rather than libtorch's optimiser, because its
 * moments must be saved and restored bit-exactly by name (a resumed run must compute the same weights) and
 * JavaCPP exposes libtorch's optimiser state only through opaque per-parameter objects. Weight decay is
 * decoupled and applies to matrices only (not biases, norms or modulation tables).
 */
final class AdamW implements AutoCloseable {
    private final Map<String, Tensor> parameters;
    private final Map<String, Tensor> first = new LinkedHashMap<>(), second = new LinkedHashMap<>();
    private final double beta1, beta2, eps, weightDecay;
    private long updates;

    AdamW(Map<String, Tensor> parameters, double beta1, double beta2, double weightDecay) {
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8;
        this.weightDecay = weightDecay;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
                first.put(p.getKey(), retained(zeros_like(p.getValue())));
                second.put(p.getKey(), retained(zeros_like(p.getValue())));
            }
        }
    }

    private static Tensor retained(Tensor t) {
        t.retainReference();  // outlives the scope it was made in, until close()
        return t;
    }

    long updates() { return updates; }

    /** One update with the gradients the parameters hold; parameters without a gradient are skipped. */
    void step(double learningRate) {
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates), correction2 = 1 - Math.pow(beta2, updates);
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
                Tensor p = e.getValue(), grad = p.grad();
                if (!grad.defined()) continue;
                Tensor m = first.get(e.getKey()), v = second.get(e.getKey());
                m.mul_(new Scalar(beta1)).add_(grad, new Scalar(1 - beta1));
                v.mul_(new Scalar(beta2)).addcmul_(grad, grad, new Scalar(1 - beta2));
                if (weightDecay > 0 && p.dim() >= 2 && !e.getKey().endsWith("embed")) p.mul_(new Scalar(1 - learningRate * weightDecay));
                Tensor denominator = v.sqrt().div(new Scalar(Math.sqrt(correction2))).add(new Scalar(eps));
                p.addcdiv_(m, denominator, new Scalar(-learningRate / correction1));
            }
        }
    }

    /** Moments as safetensors ("m." and "v." prefixes) with the update count in the metadata. */
    void save(Path file) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>();
        first.forEach((k, t) -> all.put("m." + k, t));
        second.forEach((k, t) -> all.put("v." + k, t));
        Safetensors.write(file, all, Map.of("updates", Long.toString(updates), "optimizer", "adamw"));
    }

    /** Restores moments written by {@link #save}; the update count comes from the trainer state. */
    void load(Path file, long updates) throws IOException {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Map<String, Tensor> all = Safetensors.read(file);
            for (String k : parameters.keySet()) {
                copyInto(file, all, "m." + k, first.get(k));
                copyInto(file, all, "v." + k, second.get(k));
            }
        }
        this.updates = updates;
    }

    static void copyInto(Path file, Map<String, Tensor> source, String name, Tensor target) throws IOException {
        Tensor t = source.get(name);
        if (t == null || !java.util.Arrays.equals(t.shape(), target.shape()))
            throw new IOException(file + " lacks tensor '" + name + "' of shape " + java.util.Arrays.toString(target.shape())
                    + "; allowed: a checkpoint of the same model config");
        target.copy_(t);
    }

    @Override public void close() {
        first.values().forEach(Tensor::releaseReference);
        second.values().forEach(Tensor::releaseReference);
        first.clear();
        second.clear();
    }
}
