package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.safetensors.SafetensorsException;
import dev.cnnc.runtime.safetensors.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParamWeightsTest {
    @Test
    void flattenPlacesEachTensorAtItsOffset() throws SafetensorsException {
        float[] w = new float[12];
        Arrays.fill(w, 2f);
        // file order differs from the model's: the offsets decide
        Tensors t = Tensors.builder().put("fc.bias", new int[] {3}, new float[] {7, 8, 9})
                .put("fc.weight", new int[] {3, 4}, w).build();
        float[] flat = ParamWeights.flatten("w.safetensors", t, StandInModel.PARAMS);
        assertEquals(15, flat.length);
        assertArrayEquals(w, Arrays.copyOf(flat, 12));
        assertArrayEquals(new float[] {7, 8, 9}, Arrays.copyOfRange(flat, 12, 15));
        assertEquals(t.asMap().get("fc.weight"), ParamWeights.unflatten(flat, StandInModel.PARAMS).get("fc.weight"));
    }

    @Test
    void mismatchesNameTheTensorAndBothShapes() {
        Tensors t = Tensors.builder().put("fc.weight", new int[] {4, 3}, new float[12])
                .put("extra", new int[] {1}, new float[1]).build();
        SafetensorsException e = assertThrows(SafetensorsException.class,
                () -> ParamWeights.flatten("w.safetensors", t, StandInModel.PARAMS));
        String m = e.getMessage();
        assertTrue(m.contains("w.safetensors: tensor 'fc.weight' has shape [4, 3], the model expects [3, 4]"), m);
        assertTrue(m.contains("missing tensor 'fc.bias'"), m);
        assertTrue(m.contains("unexpected tensor 'extra'"), m);
    }
}
