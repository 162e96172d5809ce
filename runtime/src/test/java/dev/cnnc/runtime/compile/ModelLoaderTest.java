package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelLoaderTest {
    private static final ModelSource TINY = new ModelSource(StandInModel.SOURCES, StandInModel.CLASS,
            StandInModel.PARAMS);

    @Test
    void loadsAndRunsAndCompilesOnce() {
        ModelLoader loader = ModelLoader.inMemory("test");
        float[] x = {1, -2, 0.5f, 3};
        for (int run = 0; run < 2; run++) {
            CompiledModel m = loader.load(TINY, StandInModel.params());
            float[] y = new float[3];
            m.forward(x, y);
            assertArrayEquals(StandInModel.expected(x), y, 1e-6f);
        }
        assertEquals(1, loader.cache().stats().compilations());
        assertEquals(1, loader.cache().stats().memoryHits());
    }
}
