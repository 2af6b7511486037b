package ai.gallop.model;

import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.function.Supplier;

import static org.bytedeco.pytorch.global.torch.clear_cache;
import static org.bytedeco.pytorch.global.torch.is_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;

/** Inference under CPU bfloat16 autocast (matmuls and convolutions in bfloat16, the rest as libtorch decides). */
public final class Autocast {
    private Autocast() {}

    /**
     * Runs work under bfloat16 autocast, or as it is when the caller's autocast region is already open. Autocast
     * state is per thread, so a pass on another thread opens its own.
     */
    public static <T> T bfloat16(Supplier<T> work) {
        if (is_autocast_enabled(DeviceType.CPU)) return work.get();
        set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
        set_autocast_enabled(DeviceType.CPU, true);
        try {
            return work.get();
        } finally {
            set_autocast_enabled(DeviceType.CPU, false);
            clear_cache();  // the cache is keyed by weight address: a later model at the same address must not hit it
        }
    }
}
