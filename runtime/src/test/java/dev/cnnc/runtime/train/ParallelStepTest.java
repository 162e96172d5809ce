package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.spec.model.TrainSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel step against the single-threaded one: for a model without batch statistics
 * the chunk-weighted mean loss and gradient equal the whole batch's (up to float rounding).
 */
class ParallelStepTest {
    /** y = W x (3 outputs, 5 inputs), no bias; gW = Σ_n g_n x_nᵀ. */
    static final class Linear implements TrainableModel {
        final ParamLayout layout = ParamLayout.packed(List.of(
                new ParamLayout.Entry("fc.weight", new int[] {3, 5}, ParamTensor.Kind.WEIGHT)));
        float[] x;

        public ParamLayout layout() {
            return layout;
        }

        public int inputSize() {
            return 5;
        }

        public int outputSize() {
            return 3;
        }

        public void forward(float[] p, float[] in, int batch, float[] out, boolean training) {
            x = in.clone();
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < 3; k++) {
                    float s = 0;
                    for (int i = 0; i < 5; i++) {
                        s += p[k * 5 + i] * in[n * 5 + i];
                    }
                    out[n * 3 + k] = s;
                }
            }
        }

        public void backward(float[] p, float[] g, int batch, float[] grads) {
            java.util.Arrays.fill(grads, 0f);
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < 5; i++) {
                        grads[k * 5 + i] += g[n * 3 + k] * x[n * 5 + i];
                    }
                }
            }
        }
    }

    @Test
    void chunkWeightedMeansEqualTheWholeBatch() {
        Random r = new Random(5);
        int n = 7;
        float[] x = new float[n * 5];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        float[] p = new float[15];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian();
        }
        Batches.Batch b = new Batches(Samples.of(x, y, 5), java.util.stream.IntStream.range(0, n).toArray(), n).next();
        LossFunction ce = LossFunction.of(TrainSpec.Loss.CROSS_ENTROPY);
        Linear one = new Linear();
        float[] out = new float[n * 3];
        float[] g = new float[n * 3];
        one.forward(p, x, n, out, true);
        double loss = ce.lossAndGradient(out, y, n, 3, g);
        float[] grads = new float[15];
        one.backward(p, g, n, grads);
        for (int threads : new int[] {2, 3, 7, 9}) {
            List<TrainableModel> models = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                models.add(new Linear());
            }
            try (ParallelStep step = new ParallelStep(models, n, ce)) {
                float[] pOut = new float[n * 3];
                float[] pGrads = new float[15];
                double pLoss = step.run(p.clone(), b, 1, pOut, pGrads);
                assertEquals(loss, pLoss, 1e-6, threads + " threads");
                assertArrayEquals(out, pOut, threads + " threads");
                assertArrayEquals(grads, pGrads, 1e-6f, threads + " threads");
            }
        }
    }
}
