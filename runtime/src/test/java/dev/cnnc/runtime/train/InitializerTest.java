package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.model.TrainSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Initial values: statistics against the He and Glorot formulas, constants, determinism. */
class InitializerTest {
    private static final ParamLayout LAYOUT = ParamLayout.packed(List.of(
            new ParamLayout.Entry("c1.weight", new int[] {64, 32, 5, 5}, ParamTensor.Kind.WEIGHT),
            new ParamLayout.Entry("c1.bias", new int[] {64}, ParamTensor.Kind.BIAS),
            new ParamLayout.Entry("bn.weight", new int[] {64}, ParamTensor.Kind.NORM_WEIGHT),
            new ParamLayout.Entry("bn.bias", new int[] {64}, ParamTensor.Kind.NORM_BIAS),
            new ParamLayout.Entry("bn.running_mean", new int[] {64}, ParamTensor.Kind.RUNNING_MEAN),
            new ParamLayout.Entry("bn.running_var", new int[] {64}, ParamTensor.Kind.RUNNING_VAR),
            new ParamLayout.Entry("fc.weight", new int[] {300, 200}, ParamTensor.Kind.WEIGHT)));

    @Test
    void fansFollowPyTorch() {
        assertEquals(32 * 25, Initializer.fanIn(new int[] {64, 32, 5, 5}));
        assertEquals(64 * 25, Initializer.fanOut(new int[] {64, 32, 5, 5}));
        assertEquals(200, Initializer.fanIn(new int[] {300, 200}));
        assertEquals(300, Initializer.fanOut(new int[] {300, 200}));
        assertEquals(3, Initializer.fanIn(new int[] {8, 1, 3}));
    }

    @Test
    void heNormalHasMeanZeroAndStdSqrtTwoOverFanIn() {
        float[] p = init(TrainSpec.Init.HE, 42);
        double expectedStd = Math.sqrt(2.0 / 800); // fan_in = 32 * 5 * 5
        double[] ms = meanStd(LayoutSlice.of(p, "c1.weight"));
        int n = 64 * 32 * 25;
        assertEquals(0, ms[0], 4 * expectedStd / Math.sqrt(n), "mean within 4 standard errors");
        assertEquals(expectedStd, ms[1], 0.02 * expectedStd, "std within 2%");
        double[] fc = meanStd(LayoutSlice.of(p, "fc.weight"));
        assertEquals(Math.sqrt(2.0 / 200), fc[1], 0.02 * Math.sqrt(2.0 / 200));
        // a normal puts ~68.3% within one std
        assertEquals(0.6827, fractionWithin(LayoutSlice.of(p, "c1.weight"), expectedStd), 0.01);
    }

    @Test
    void glorotUniformIsBoundedWithUniformStd() {
        float[] p = init(TrainSpec.Init.GLOROT, 42);
        double a = Math.sqrt(6.0 / (800 + 64 * 25));
        float[] w = LayoutSlice.of(p, "c1.weight");
        for (float v : w) {
            assertTrue(Math.abs(v) <= a, "value " + v + " outside [-" + a + ", " + a + "]");
        }
        double[] ms = meanStd(w);
        assertEquals(0, ms[0], 4 * a / Math.sqrt(3 * w.length));
        assertEquals(a / Math.sqrt(3), ms[1], 0.02 * a / Math.sqrt(3), "uniform std = a / sqrt(3)");
        assertEquals(0.5, fractionWithin(w, a / 2), 0.01, "half the values within a/2");
    }

    @Test
    void constantsForBiasAndBatchnorm() {
        float[] p = init(TrainSpec.Init.HE, 1);
        assertTrue(allEqual(LayoutSlice.of(p, "c1.bias"), 0f));
        assertTrue(allEqual(LayoutSlice.of(p, "bn.weight"), 1f));
        assertTrue(allEqual(LayoutSlice.of(p, "bn.bias"), 0f));
        assertTrue(allEqual(LayoutSlice.of(p, "bn.running_mean"), 0f));
        assertTrue(allEqual(LayoutSlice.of(p, "bn.running_var"), 1f));
    }

    @Test
    void deterministicPerSeedAndPerTensorName() {
        assertArrayEquals(init(TrainSpec.Init.HE, 7), init(TrainSpec.Init.HE, 7));
        assertFalse(Arrays.equals(init(TrainSpec.Init.HE, 7), init(TrainSpec.Init.HE, 8)));
        // a tensor's values depend on its name and the seed only, not on what comes before it
        ParamLayout alone = ParamLayout.packed(List.of(
                new ParamLayout.Entry("fc.weight", new int[] {300, 200}, ParamTensor.Kind.WEIGHT)));
        float[] q = new float[alone.size()];
        Initializer.initialize(alone, q, TrainSpec.Init.HE, 7);
        assertArrayEquals(LayoutSlice.of(init(TrainSpec.Init.HE, 7), "fc.weight"), q);
        // two tensors of the same shape get different values
        float[] c1 = LayoutSlice.of(init(TrainSpec.Init.GLOROT, 7), "c1.weight");
        assertFalse(Arrays.equals(Arrays.copyOf(c1, 100), Arrays.copyOf(q, 100)));
    }

    @Test
    void gaussianSamplerHasUnitMoments() {
        java.util.SplittableRandom r = Seeds.stream(3, "test", 0);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        double fourth = 0;
        for (int i = 0; i < n; i++) {
            double x = Seeds.nextGaussian(r);
            sum += x;
            sq += x * x;
            fourth += x * x * x * x;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.01);
        assertEquals(3, fourth / n, 0.06, "kurtosis of a normal is 3");
    }

    @Test
    void derivedSeedsDifferByPurposeAndIndex() {
        long a = Seeds.derive(1, "shuffle", 0);
        assertFalse(a == Seeds.derive(1, "shuffle", 1));
        assertFalse(a == Seeds.derive(1, "split", 0));
        assertFalse(a == Seeds.derive(2, "shuffle", 0));
        assertEquals(a, Seeds.derive(1, "shuffle", 0));
    }

    private static float[] init(TrainSpec.Init kind, long seed) {
        float[] p = new float[LAYOUT.size()];
        Initializer.initialize(LAYOUT, p, kind, seed);
        return p;
    }

    private static double[] meanStd(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        double mean = s / v.length;
        double q = 0;
        for (float x : v) {
            q += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(q / v.length)};
    }

    private static double fractionWithin(float[] v, double bound) {
        int k = 0;
        for (float x : v) {
            if (Math.abs(x) <= bound) {
                k++;
            }
        }
        return (double) k / v.length;
    }

    private static boolean allEqual(float[] v, float c) {
        for (float x : v) {
            if (x != c) {
                return false;
            }
        }
        return v.length > 0;
    }

    /** Slices one tensor out of the test layout. */
    static final class LayoutSlice {
        static float[] of(float[] flat, String name) {
            return ParamLayout.slice(flat, LAYOUT.find(name).orElseThrow());
        }
    }
}
