package dev.cnnc.runtime.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.ModelSource;
import dev.cnnc.runtime.compile.StandInModel;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchPredictionTest {
    private static final CompiledModel MODEL = ModelLoader.inMemory("test").load(
            new ModelSource(StandInModel.SOURCES, StandInModel.CLASS, StandInModel.PARAMS), StandInModel.params());

    @Test
    void everySampleIsRunAcrossChunks() throws InvalidFileException {
        int n = 150; // more than one chunk of 64
        float[] in = new float[n * 4];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.sin(i);
        }
        Tensors out = BatchPrediction.run(MODEL, "x.safetensors",
                Tensors.builder().put("input", new int[] {n, 4}, in).build());
        Tensor y = out.get("output");
        assertTrue(y.hasShape(n, 3), y.toString());
        for (int s = 0; s < n; s++) {
            assertArrayEquals(StandInModel.expected(Arrays.copyOfRange(in, 4 * s, 4 * s + 4)),
                    Arrays.copyOfRange(y.values(), 3 * s, 3 * s + 3), 1e-5f, "sample " + s);
        }
    }

    @Test
    void missingOrMisshapedInputIsAnInvalidFile() {
        String m = assertThrows(InvalidFileException.class, () -> BatchPrediction.run(MODEL, "x.safetensors",
                Tensors.builder().put("x", new int[] {1, 4}, new float[4]).build())).getMessage();
        assertTrue(m.startsWith("x.safetensors: no tensor named 'input'"), m);
        m = assertThrows(InvalidFileException.class, () -> BatchPrediction.run(MODEL, "x.safetensors",
                Tensors.builder().put("input", new int[] {4}, new float[4]).build())).getMessage();
        assertTrue(m.contains("has shape [4], the model expects [N, 4]"), m);
        m = assertThrows(InvalidFileException.class, () -> BatchPrediction.run(MODEL, "x.safetensors",
                Tensors.builder().put("input", new int[] {2, 5}, new float[10]).build())).getMessage();
        assertTrue(m.contains("has shape [2, 5]"), m);
    }
}
