package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * What this machine's libtorch does at best: the speed of one large matrix multiply, the kernel that dominates a
 * transformer. A model's achieved GFLOP/s is read against it; measured in the same run, so that a busy or
 * throttled machine lowers both alike.
 *
 * @param type    element type the multiply ran in
 * @param size    the matrices were size x size
 * @param seconds the fastest of the timed repeats
 * @param gflops  2 size^3 / seconds / 1e9
 */
public record MatmulCeiling(String type, int size, double seconds, double gflops) {
    /** Times {@code repeats} multiplies of two random size x size matrices (after one warm-up) and keeps the fastest. */
    public static MatmulCeiling measure(ScalarType type, int size, int repeats) {
        if (size < 16 || size > 16384) throw new IllegalArgumentException("matmul size " + size + " is out of range; allowed: 16 to 16384");
        if (repeats < 1 || repeats > 100) throw new IllegalArgumentException("repeats " + repeats + " is out of range; allowed: 1 to 100");
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            GeneratorOptional rng = new GeneratorOptional(createCPUGenerator(1));
            Tensor a = randn(new long[]{size, size}, rng).to(type), b = randn(new long[]{size, size}, rng).to(type);  // [size, size] each
            a.mm(b);  // warm-up: first-call allocations and kernel selection
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                try (PointerScope step = new PointerScope()) {
                    long t0 = System.nanoTime();
                    a.mm(b);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            return new MatmulCeiling(name(type), size, best, 2.0 * size * size * size / best / 1e9);
        }
    }

    private static String name(ScalarType type) {
        return switch (type) {
            case Float -> "fp32";
            case BFloat16 -> "bf16";
            case Half -> "fp16";
            case Double -> "fp64";
            default -> type.toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
