package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Trainables;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Random;

/**
 * Compares the generated kernels with the reference that {@link UnrollMode#NONE} generates: the
 * direct loops over every kernel tap, forward and backward (checked against PyTorch by the golden
 * tests and by finite differences in {@link GradientCheckTest}).
 */
final class RolledReference {
    private RolledReference() {
    }

    /**
     * The one-sample forward (with chunks: the one-sample twins), logits, parameter gradients and
     * input gradients of the default kernels equal the reference's,
     * for random parameters N(0, 0.2²), inputs in [0, 1) and output gradients N(0, 1) on a batch of
     * three; each of the three must have more than a quarter of its values non-zero.
     */
    static void assertMatches(NetworkSpec spec, long seed) {
        ModelIr ir = Lowering.lower(Models.typed(spec));
        Random r = new Random(seed);
        float[] params = new float[ir.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) r.nextGaussian() * 0.2f;
        }
        Trainables kernels = Trainables.build(spec, GeneratorOptions.defaults().withUnroll(UnrollMode.KERNEL), params);
        Trainables rolled = Trainables.build(spec, GeneratorOptions.defaults().withUnroll(UnrollMode.NONE), params);
        int n = 3;
        float[] x = new float[n * kernels.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] g = new float[n * kernels.outputSize()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        float[] first = java.util.Arrays.copyOf(x, kernels.inputSize());
        assertClose(rolled.forward(first), kernels.forward(first), "one-sample forward");
        assertClose(rolled.forwardTrain(x, n, true), kernels.forwardTrain(x, n, true), "logits");
        assertClose(rolled.backward(g, n), kernels.backward(g, n), "parameter gradients");
        assertClose(rolled.inputGradients(n), kernels.inputGradients(n), "input gradients");
    }

    /** The same sums in another order: equal up to float rounding, relative to the largest value. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        int nonZero = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
            nonZero += v != 0f ? 1 : 0;
        }
        assertTrue(nonZero > expected.length / 4, what + ": " + nonZero + " of " + expected.length
                + " non-zero, too few for the test to prove much");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * scale, what + " [" + i + "]");
        }
    }
}
