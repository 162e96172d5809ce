package dev.cnnc.runtime.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads files made from real PyTorch state_dicts by tools/make_safetensors_fixture.py and
 * compares every value with what torch printed for it (in *.expected.txt).
 */
class TorchFixtureTest {

    private static void assertMatchesExpected(String file) throws Exception {
        Tensors t = SafetensorsReader.read(file, Fixtures.resource(file));
        Map<String, Fixtures.Expected> expected =
                Fixtures.expected(file.replace(".safetensors", ".expected.txt"));
        assertEquals(expected.keySet(), new java.util.HashSet<>(t.names()));
        for (Fixtures.Expected e : expected.values()) {
            Tensor got = t.get(e.name());
            assertArrayEquals(e.shape(), got.shape(), e.name());
            // Exact: every value (F16, BF16, F64 rounded) is a float that torch printed exactly.
            assertArrayEquals(e.values(), got.values(), 0f, e.name() + " (" + e.dtype() + ")");
        }
    }

    @Test
    void readsPytorchFloat32StateDict() throws Exception {
        assertMatchesExpected("torch_small.safetensors");
    }

    @Test
    void convertsF16Bf16F64AndI64() throws Exception {
        assertMatchesExpected("torch_mixed.safetensors");
    }

    @Test
    void keepsMetadata() throws Exception {
        Tensors t = SafetensorsReader.read("x", Fixtures.resource("torch_small.safetensors"));
        assertEquals(Map.of("format", "pt"), t.metadata());
    }

    @Test
    void writerReproducesTheReferenceLayoutByteForByte() throws Exception {
        byte[] reference = Fixtures.resource("torch_small.safetensors");
        Tensors.Builder b = Tensors.builder().metadata("format", "pt");
        // insertion order differs from the file's; the writer must sort
        List<String> order = List.of("d1.weight", "c1.bias", "d1.bias", "c1.weight");
        Map<String, Fixtures.Expected> expected = Fixtures.expected("torch_small.expected.txt");
        for (String name : order) {
            Fixtures.Expected e = expected.get(name);
            b.put(name, e.shape(), e.values());
        }
        assertArrayEquals(reference, SafetensorsWriter.toBytes(b.build()));
    }

    @Test
    void pytorchBookkeepingTensorDoesNotBreakTheShapeCheck() throws Exception {
        Tensors t = SafetensorsReader.read("mixed", Fixtures.resource("torch_mixed.safetensors"));
        Map<String, int[]> model = new LinkedHashMap<>();
        model.put("c1.weight", new int[] {6, 1, 5, 5});
        model.put("c1.bias", new int[] {6});
        model.put("d1.weight", new int[] {10, 24});
        model.put("d1.bias", new int[] {10});
        model.put("bn.running_mean", new int[] {6});
        model.put("bn.running_var", new int[] {6});
        assertTrue(t.mismatches(model).isEmpty(), () -> t.mismatches(model).toString());
    }
}
