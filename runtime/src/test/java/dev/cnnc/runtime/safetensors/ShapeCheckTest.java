package dev.cnnc.runtime.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeCheckTest {
    private static Map<String, int[]> lenetHead() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("c1.weight", new int[] {6, 1, 5, 5});
        m.put("c1.bias", new int[] {6});
        m.put("fc.weight", new int[] {10, 84});
        m.put("fc.bias", new int[] {10});
        return m;
    }

    @Test
    void matchingTensorsPass() throws Exception {
        Tensors t = Tensors.builder()
                .put("fc.bias", new int[] {10}, new float[10])
                .put("c1.weight", new int[] {6, 1, 5, 5}, new float[150])
                .put("c1.bias", new int[] {6}, new float[6])
                .put("fc.weight", new int[] {10, 84}, new float[840]).build();
        assertEquals(List.of(), t.mismatches(lenetHead()));
        t.requireMatch("w.safetensors", lenetHead());
    }

    @Test
    void everyProblemIsListedWithBothShapes() {
        Tensors t = Tensors.builder()
                .put("c1.weight", new int[] {6, 1, 3, 3}, new float[54])
                .put("fc1.weight", new int[] {10, 84}, new float[840])
                .put("fc.bias", new int[] {10}, new float[10])
                .put("extra", new int[] {2}, new float[2])
                .put("bn.num_batches_tracked", new int[] {}, new float[1]).build();
        SafetensorsException e = assertThrows(SafetensorsException.class,
                () -> t.requireMatch("w.safetensors", lenetHead()));
        assertEquals(List.of(
                "w.safetensors: tensor 'c1.weight' has shape [6, 1, 3, 3], the model expects [6, 1, 5, 5]",
                "w.safetensors: missing tensor 'c1.bias' (the model expects shape [6])",
                "w.safetensors: missing tensor 'fc.weight' (the model expects shape [10, 84]);"
                        + " the file has 'fc1.weight': renamed layer?",
                "w.safetensors: unexpected tensor 'fc1.weight' with shape [10, 84] (the model has no parameter of that name)",
                "w.safetensors: unexpected tensor 'extra' with shape [2] (the model has no parameter of that name)"),
                List.of(e.getMessage().split("\n")));
        assertEquals(5, e.problems().size());
    }

    @Test
    void editDistanceIsLevenshtein() {
        assertEquals(3, ShapeCheck.editDistance("kitten", "sitting"));
        assertEquals(0, ShapeCheck.editDistance("", ""));
        assertEquals(4, ShapeCheck.editDistance("", "abcd"));
    }

    @Test
    void tensorValidatesItsShape() {
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new int[] {2, 3}, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new int[] {-1}, new float[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Tensors.builder().put("a", new int[] {1}, new float[1]).put("a", new int[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class,
                () -> Tensors.builder().put(Tensors.METADATA_KEY, new int[] {1}, new float[1]));
        assertTrue(new Tensor(new int[] {}, new float[1]).hasShape());
    }
}
