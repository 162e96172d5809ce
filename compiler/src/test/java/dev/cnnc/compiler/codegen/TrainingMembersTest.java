package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.compiler.testing.Trainables;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Dropout;
import dev.cnnc.spec.model.Flatten;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The training entry points' contract: dropout masks, logits before a final softmax, batch growth. */
class TrainingMembersTest {
    private static float[] uniform(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.1f + r.nextFloat();
        }
        return a;
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEvaluation() {
        Trainables m = Trainables.build(Nets.input("drop", 1, 40, 50).add("flat", Flatten::new)
                .add("d", mm -> new Dropout(mm, 0.25)).spec(), GeneratorOptions.defaults(), new float[0]);
        float[] x = uniform(new Random(1), 2 * 2000);
        m.setDropoutSeed(7);
        float[] y = m.forwardTrain(x, 2, true);
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] != 0f) {
                kept++;
                assertEquals(x[i] / 0.75f, y[i], 1e-6f * y[i], "kept values are scaled by 1/(1 - rate)");
            }
        }
        // 4000 Bernoulli(0.75) draws: mean 3000, standard deviation 27
        assertTrue(Math.abs(kept - 3000) < 150, "kept " + kept);
        m.setDropoutSeed(7);
        assertArrayEquals(y, m.forwardTrain(x, 2, true), "same seed, same mask");
        m.setDropoutSeed(8);
        assertFalse(Arrays.equals(y, m.forwardTrain(x, 2, true)), "another seed, another mask");
        assertArrayEquals(x, m.forwardTrain(x, 2, false), "evaluation: identity");
        assertArrayEquals(Arrays.copyOf(x, 2000), m.forward(Arrays.copyOf(x, 2000)), "inference: identity");
        // backward multiplies by the same mask
        m.setDropoutSeed(7);
        m.forwardTrain(x, 2, true);
        float[] ones = new float[x.length];
        Arrays.fill(ones, 1f);
        m.backward(ones, 2);
        float[] g = m.inputGradients(2);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i] == 0f ? 0f : 1f / 0.75f, g[i], 1e-6f);
        }
    }

    /**
     * The max pool's gradient goes to the first maximum of each window in row-major order
     * (PyTorch's choice), ties included; the generated backward finds it without a branch.
     */
    @Test
    void maxPoolGradientGoesToTheFirstMaximumOfEachWindow() {
        Trainables m = Trainables.build(Nets.input("pool", 1, 2, 6).add("mp", Nets.maxpool(2, 2))
                .add("flat", Flatten::new).spec(), GeneratorOptions.defaults(), new float[0]);
        // windows (2x2): [1 5 / 2 3] max at 1; [4 4 / 4 4] a four-way tie; [0 -1 / 7 7] a tie in row 2
        float[] x = {1, 5, 4, 4, 0, -1, 2, 3, 4, 4, 7, 7};
        m.forwardTrain(x, 1, true);
        m.backward(new float[] {10, 20, 30}, 1);
        assertArrayEquals(new float[] {0, 10, 20, 0, 0, 0, 0, 0, 0, 0, 30, 0}, m.inputGradients(1));
        // a NaN wins, and of two NaNs the last (PyTorch: val > max || isnan(val)); cells after a NaN do not
        float nan = Float.NaN;
        float[] xn = {nan, 5, 1, 9, 9, nan, nan, 3, 2, 0, 1, 1};
        m.forwardTrain(xn, 1, true);
        m.backward(new float[] {10, 20, 30}, 1);
        assertArrayEquals(new float[] {0, 0, 0, 20, 0, 30, 10, 0, 0, 0, 0, 0}, m.inputGradients(1));
    }

    @Test
    void trainingOutputsAreTheLogitsBeforeAFinalSoftmaxAndBatchesGrow() {
        Random r = new Random(2);
        Trainables m = Trainables.build(Nets.input("soft", 3, 2).add("flat", Flatten::new)
                .add("fc", mm -> new Dense(mm, 4, true, Activation.of(Activation.Kind.SOFTMAX))).spec(),
                GeneratorOptions.defaults(), uniform(r, 6 * 4 + 4));
        assertTrue(m.logitsBeforeSoftmax());
        for (int batch : new int[] {1, 5, 2}) {
            float[] x = uniform(r, batch * 6);
            float[] logits = m.forwardTrain(x, batch, true);
            for (int n = 0; n < batch; n++) {
                float[] probs = m.forward(Arrays.copyOfRange(x, n * 6, n * 6 + 6));
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += Math.exp(logits[n * 4 + k]);
                }
                for (int k = 0; k < 4; k++) {
                    assertEquals(Math.exp(logits[n * 4 + k]) / sum, probs[k], 1e-6, "softmax(logits) = forward");
                }
            }
        }
    }
}
