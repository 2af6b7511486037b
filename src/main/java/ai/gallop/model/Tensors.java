package ai.gallop.model;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.Arrays;

/** Small tensor helpers the model package shares. */
final class Tensors {
    private Tensors() {}

    static Tensor toCpuFloat(Tensor t) {
        return t.to(new Device(DeviceType.CPU), ScalarType.Float).contiguous();
    }

    /**
     * The element type. JavaCPP hands native enums back as fresh objects that only look like the
     * constants; intern() returns the real constant, so == and switch work.
     */
    static ScalarType type(Tensor t) { return t.scalar_type().intern(); }

    static String shape(Tensor t) { return Arrays.toString(t.shape()); }

    /** Throws a one-line IllegalArgumentException unless t has exactly this shape. */
    static void requireShape(String what, Tensor t, long... expected) {
        if (t == null) throw new IllegalArgumentException(what + " is missing; expected shape " + Arrays.toString(expected));
        if (!Arrays.equals(t.shape(), expected))
            throw new IllegalArgumentException(what + " has shape " + shape(t) + "; expected " + Arrays.toString(expected));
    }
}
