package ai.gallop.diffusion;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Tensor helpers of the diffusion package. */
final class Tensors {
    private Tensors() {}

    /** The element type; JavaCPP hands native enums back as look-alike objects, intern() gives the real constant. */
    static ScalarType type(Tensor t) { return t.scalar_type().intern(); }
}
