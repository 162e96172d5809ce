package dev.cnnc.examples;

import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensors;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The PyTorch golden case {@code lenet5} of {@code testdata/golden} (see its FIXTURES.md):
 * a LeNet-5 with the layers and names of {@code examples/lenet5.yaml} but no input
 * normalisation, with random weights, three inputs and their logits.
 */
final class GoldenLeNet5 {
    /** The fixture folder, relative to the examples module (surefire's working directory). */
    static final Path DIR = Path.of("..", "testdata", "golden");

    private final Map<String, Object> tensors;
    private final double abs;
    private final double rel;

    @SuppressWarnings("unchecked")
    private GoldenLeNet5(Map<String, Object> manifest) {
        Map<String, Object> lenet = ((List<Map<String, Object>>) manifest.get("cases")).stream()
                .filter(c -> "lenet5".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no case 'lenet5' in " + DIR.resolve("cases.json")));
        Map<String, Object> tolerance = (Map<String, Object>) lenet.getOrDefault("tolerance", manifest.get("tolerance"));
        this.tensors = (Map<String, Object>) lenet.get("tensors");
        this.abs = Double.parseDouble((String) tolerance.get("abs"));
        this.rel = Double.parseDouble((String) tolerance.get("rel"));
    }

    /** Reads the manifest ({@code cases.json}, which is JSON and hence YAML). */
    static GoldenLeNet5 load() {
        try (Reader in = Files.newBufferedReader(DIR.resolve("cases.json"), StandardCharsets.UTF_8)) {
            return new GoldenLeNet5(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden fixtures in " + DIR.toAbsolutePath(), e);
        }
    }

    /** The fixtures' check: |actual - expected| <= abs + rel * |expected|. */
    boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
    }

    /** The tolerance, for messages. */
    String tolerance() {
        return "abs " + abs + " + rel " + rel;
    }

    /** The values of tensor {@code name} (raw little-endian float32 in its .bin file). */
    float[] values(String name) {
        Map<String, Object> t = tensor(name);
        try {
            byte[] bytes = Files.readAllBytes(DIR.resolve((String) t.get("file")));
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shape of tensor {@code name}. */
    @SuppressWarnings("unchecked")
    int[] shape(String name) {
        return ((List<Integer>) tensor(name).get("shape")).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes the parameters (role {@code param}) as a safetensors file, as PyTorch's state_dict. */
    Path writeWeights(Path file) throws IOException {
        Tensors.Builder b = Tensors.builder();
        for (Map.Entry<String, Object> e : tensors.entrySet()) {
            if ("param".equals(tensor(e.getKey()).get("role"))) {
                b.put(e.getKey(), shape(e.getKey()), values(e.getKey()));
            }
        }
        SafetensorsWriter.write(file, b.build());
        return file;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tensor(String name) {
        Object t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("golden case lenet5 has no tensor '" + name + "'");
        }
        return (Map<String, Object>) t;
    }
}
