package dev.cnnc.runtime.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelClass;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.ParamWeights;
import dev.cnnc.runtime.testing.GoldenNetworks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Predictor} under load: 8 threads × 10,000 predictions on LeNet-5 with PyTorch's
 * weights, every result compared bit for bit with one instance run sequentially.
 */
class PredictorStressTest {
    static final int THREADS = 8;
    static final int CALLS = 10_000;
    static final int INPUTS = 97;

    static CompiledModel model;
    static float[][] inputs;
    static float[][] expected;

    @BeforeAll
    static void sequentialReference() throws Exception {
        ModelLoader loader = ModelLoader.inMemory("test");
        ModelClass type = loader.loadClass(GoldenNetworks.network("lenet5"), UnrollMode.KERNEL);
        model = type.instantiate(ParamWeights.flatten("w", GoldenNetworks.weights("lenet5"), type.paramTensors()));
        Random random = new Random(42);
        inputs = new float[INPUTS][model.inputSize()];
        expected = new float[INPUTS][model.outputSize()];
        CompiledModel sequential = model.newInstance();
        for (int i = 0; i < INPUTS; i++) {
            for (int j = 0; j < inputs[i].length; j++) {
                inputs[i][j] = random.nextFloat();
            }
            sequential.forward(inputs[i], expected[i]);
        }
    }

    @Test
    void eightThreadsGiveTheSequentialResultsBitForBit() throws Exception {
        Predictor predictor = new Predictor(model.newInstance());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int mismatches = 0;
                for (int i = 0; i < CALLS; i++) {
                    int k = (thread * 31 + i * 7) % INPUTS; // each thread walks the inputs in its own order
                    float[] y = predictor.predict(inputs[k]);
                    if (!Arrays.equals(y, expected[k])) {
                        mismatches++;
                    }
                }
                return mismatches;
            }));
        }
        start.countDown();
        int mismatches = 0;
        for (Future<Integer> f : results) {
            mismatches += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(0, mismatches, "of " + THREADS * CALLS + " predictions");
        assertTrue(predictor.instances() <= THREADS, "pool high-water mark " + predictor.instances());
    }

    @Test
    void batchesMatchSingleSamples() {
        Predictor predictor = new Predictor(model.newInstance());
        int batch = 5;
        float[] x = new float[batch * predictor.inputSize()];
        float[] want = new float[batch * predictor.outputSize()];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(inputs[b], 0, x, b * predictor.inputSize(), predictor.inputSize());
            System.arraycopy(expected[b], 0, want, b * predictor.outputSize(), predictor.outputSize());
        }
        float[] y = new float[want.length];
        predictor.predict(x, y, batch);
        assertArrayEquals(want, y);
        assertEquals(1, predictor.instances(), "one caller needs one instance");
    }

    @Test
    void wrongLengthsAreRefusedAndTheInstanceReturned() {
        Predictor predictor = new Predictor(model.newInstance());
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(inputs[0], new float[10], 0));
        assertArrayEquals(expected[0], predictor.predict(inputs[0]));
        assertEquals(1, predictor.instances(), "the instance went back to the pool after the failures");
    }
}
