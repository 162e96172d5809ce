package dev.cnnc.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.ModelSource;
import dev.cnnc.runtime.compile.StandInModel;
import org.junit.jupiter.api.Test;

/** The threads of {@code bench --threads}: every slice lands where one model would put it, call after call. */
class ParallelForwardTest {
    private static final CompiledModel MODEL = ModelLoader.inMemory("test").load(
            new ModelSource(StandInModel.SOURCES, StandInModel.CLASS, StandInModel.PARAMS), StandInModel.params());

    @Test
    void slicesOverThreeThreadsEqualOneModel() {
        try (ParallelForward parallel = new ParallelForward(MODEL.newInstance(), 3)) {
            for (int call = 0; call < 300; call++) {
                int n = 1 + call % 11; // uneven slices, and fewer samples than threads
                float[] in = new float[n * MODEL.inputSize()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = (float) Math.sin(call * 31 + i);
                }
                float[] expected = new float[n * MODEL.outputSize()];
                MODEL.forward(in, expected, n);
                float[] out = new float[expected.length];
                parallel.forward(in, out, n);
                assertArrayEquals(expected, out, "call " + call + ", batch " + n);
            }
        }
    }
}
