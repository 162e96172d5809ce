package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelClassTest {
    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();
    private static final ModelClass TINY = new ModelClass(
            COMPILER.compile(StandInModel.SOURCES).load(StandInModel.CLASS), StandInModel.PARAMS);

    @Test
    void exposesTheConstants() {
        CompiledModel m = TINY.instantiate(StandInModel.params());
        assertEquals(StandInModel.CLASS, m.className());
        assertEquals(Shape.of(4), m.inputShape());
        assertEquals(Shape.of(3), m.outputShape());
        assertEquals(4, m.inputSize());
        assertEquals(3, m.outputSize());
        assertEquals(15, m.paramCount());
        assertEquals(List.of("a", "b", "c"), m.labels());
        assertEquals(StandInModel.PARAMS, m.paramTensors());
    }

    @Test
    void forwardMatchesAnIndependentComputation() {
        CompiledModel m = TINY.instantiate(StandInModel.params());
        float[] x = {0.5f, -1f, 2f, 0.25f};
        float[] y = new float[3];
        m.forward(x, y);
        assertArrayEquals(StandInModel.expected(x), y, 1e-6f);
    }

    @Test
    void batchForwardEqualsOneByOne() {
        CompiledModel m = TINY.instantiate(StandInModel.params());
        float[] xs = {0.5f, -1f, 2f, 0.25f, 1f, 0f, 0f, -3f};
        float[] ys = new float[6];
        m.forward(xs, ys, 2);
        assertArrayEquals(StandInModel.expected(new float[] {0.5f, -1f, 2f, 0.25f}), java.util.Arrays.copyOf(ys, 3), 1e-6f);
        assertArrayEquals(StandInModel.expected(new float[] {1f, 0f, 0f, -3f}),
                java.util.Arrays.copyOfRange(ys, 3, 6), 1e-6f);
    }

    @Test
    void newInstanceComputesTheSame() {
        CompiledModel m = TINY.instantiate(StandInModel.params());
        CompiledModel copy = m.newInstance();
        assertNotSame(m, copy);
        float[] x = {1, 2, 3, 4};
        float[] a = new float[3];
        float[] b = new float[3];
        m.forward(x, a);
        copy.forward(x, b);
        assertArrayEquals(a, b);
    }

    @Test
    void wrongSizesAreRefused() {
        CompiledModel m = TINY.instantiate(StandInModel.params());
        assertThrows(IllegalArgumentException.class, () -> TINY.instantiate(new float[14]));
        assertThrows(IllegalArgumentException.class, () -> m.forward(new float[4], new float[5], 2));
        assertThrows(IllegalArgumentException.class, () -> m.forward(new float[4], new float[3], 0));
    }

    @Test
    void parameterTensorsMustTileTheArray() {
        Class<?> type = COMPILER.compile(StandInModel.SOURCES).load(StandInModel.CLASS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ModelClass(type,
                List.of(new ParamTensor("fc.weight", List.of(3, 4), 0, true))));
        assertTrue(e.getMessage().contains("12 floats"), e.getMessage());
    }

    @Test
    void aClassWithoutTheContractIsACnncBug() {
        Class<?> type = COMPILER.compile(Map.of("v/M.java", "package v; public class M { public M(float[] p) { } }"))
                .load("v.M");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ModelClass(type, List.of()));
        assertTrue(e.getMessage().contains("forward"), e.getMessage());
    }
}
