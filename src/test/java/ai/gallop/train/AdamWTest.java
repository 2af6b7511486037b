package ai.gallop.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** AdamW against the update written out by hand in doubles, over steps that reuse its buffers. */
class AdamWTest {
    private static final double BETA1 = 0.9, BETA2 = 0.99, DECAY = 0.1, LR = 0.05, EPS = 1e-8;

    @Test
    void updatesMatchTheFormulaStepAfterStepAndDecayOnlyMatrices() {
        float[] matrix0 = {0.5f, -1.0f, 0.25f, 2.0f}, bias0 = {0.1f, -0.3f};
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> parameters = new LinkedHashMap<>();
            parameters.put("weight", Tensor.create(matrix0.clone(), 2, 2).requires_grad_(true));
            parameters.put("bias", Tensor.create(bias0.clone(), 2).requires_grad_(true));
            parameters.put("unused", Tensor.create(new float[]{7f}, 1).requires_grad_(true));
            double[] w = toDoubles(matrix0), b = toDoubles(bias0);
            double[] mw = new double[4], vw = new double[4], mb = new double[2], vb = new double[2];
            try (AdamW adam = new AdamW(parameters, BETA1, BETA2, DECAY)) {
                for (int step = 1; step <= 5; step++) {
                    // loss = sum(weight^3) / 3 + sum(step * bias): gradients weight^2 and step, different every step
                    Tensor loss = parameters.get("weight").pow(new Scalar(3)).sum().div(new Scalar(3))
                            .add(parameters.get("bias").sum().mul(new Scalar(step)));
                    loss.backward();
                    double[] gw = new double[4], gb = {step, step};
                    for (int i = 0; i < 4; i++) gw[i] = w[i] * w[i];
                    adam.step(LR);
                    expected(w, gw, mw, vw, step, true);
                    expected(b, gb, mb, vb, step, false);
                    assertClose(parameters.get("weight"), w, "weight after step " + step);
                    assertClose(parameters.get("bias"), b, "bias after step " + step);
                    parameters.get("weight").grad().zero_();
                    parameters.get("bias").grad().zero_();
                }
                assertThat(adam.updates()).isEqualTo(5);
            }
            assertThat(parameters.get("unused").item_double()).as("a parameter without a gradient is left alone").isEqualTo(7.0);
        }
    }

    private static void expected(double[] p, double[] g, double[] m, double[] v, int step, boolean decays) {
        for (int i = 0; i < p.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            if (decays) p[i] *= 1 - LR * DECAY;
            double mHat = m[i] / (1 - Math.pow(BETA1, step)), vHat = v[i] / (1 - Math.pow(BETA2, step));
            p[i] -= LR * mHat / (Math.sqrt(vHat) + EPS);
        }
    }

    private static void assertClose(Tensor actual, double[] expected, String what) {
        Tensor flat = actual.detach().reshape(-1);
        for (int i = 0; i < expected.length; i++)
            assertThat(flat.get(i).item_double()).as(what + " [" + i + "]").isCloseTo(expected[i], offset(1e-5));
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }
}
