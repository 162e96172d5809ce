package dev.cnnc.compiler.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reads the PyTorch fixtures in {@code testdata/golden} (see its README.md). */
public final class Golden {
    /** Relative to the module directory (Maven's working directory for tests). */
    public static final Path DIR = Path.of("../testdata/golden");

    private Golden() {
    }

    /** One fixture case. */
    public record Case(String name, String op, Map<String, Object> params, Map<String, Map<String, Object>> tensors) {
        @SuppressWarnings("unchecked")
        public List<Integer> shape(String tensor) {
            return (List<Integer>) tensors.get(tensor).get("shape");
        }

        public boolean has(String tensor) {
            return tensors.containsKey(tensor);
        }

        public float[] tensor(String tensor) {
            Path file = DIR.resolve((String) tensors.get(tensor).get("file"));
            try {
                byte[] bytes = Files.readAllBytes(file);
                float[] values = new float[bytes.length / 4];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                return values;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Case> cases() {
        try (Reader r = Files.newBufferedReader(DIR.resolve("cases.json"))) {
            Map<String, Object> root = new Yaml().load(r);
            List<Case> list = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) root.get("cases")) {
                list.add(new Case((String) c.get("name"), (String) c.get("op"), (Map<String, Object>) c.get("params"),
                        (Map<String, Map<String, Object>>) c.get("tensors")));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** |actual − expected| ≤ 1e-4 + 1e-4·|expected| element-wise (the fixtures' tolerance). */
    public static String mismatch(float[] actual, float[] expected, int from) {
        for (int i = 0; i < actual.length; i++) {
            float e = expected[from + i];
            if (!(Math.abs(actual[i] - e) <= 1e-4 + 1e-4 * Math.abs(e))) {
                return "element " + i + ": got " + actual[i] + ", expected " + e;
            }
        }
        return null;
    }
}
