package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Golden;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opt-in {@code jdk.incubator.vector} convolution kernel ({@link VectorProducts}) against
 * PyTorch: {@code vector_conv_reference.txt} ({@code tools/make_vector_fixtures.py}) has
 * convolutions large enough for its register blocks, with a remainder channel block, dilation, no
 * bias, 1-D and rectangular kernels; the golden LeNet-5 network (remainder blocks in both
 * convolutions) runs through it too.
 */
class VectorProductsTest {
    private static final GeneratorOptions VECTORS = GeneratorOptions.defaults().withVectorApi(true);

    /** (case, rank, input [N, C, ...], filters, kernel, padding, dilation, bias, activation): as in the script. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("v2d_relu", List.of(3, 12, 12), 6, List.of(3, 3), List.of(1, 1), List.of(1, 1), true,
                        Activation.Kind.RELU),
                Arguments.of("v2d_dilated_nobias", List.of(5, 13, 11), 7, List.of(3, 3), List.of(2, 2),
                        List.of(2, 2), false, Activation.Kind.IDENTITY),
                Arguments.of("v2d_rect", List.of(2, 10, 20), 4, List.of(5, 3), List.of(2, 1), List.of(1, 1), true,
                        Activation.Kind.TANH),
                Arguments.of("v1d_relu", List.of(3, 100), 5, List.of(7), List.of(3), List.of(1), true,
                        Activation.Kind.RELU),
                Arguments.of("v1d_dilated_nobias", List.of(4, 80), 9, List.of(5), List.of(0), List.of(2), false,
                        Activation.Kind.IDENTITY),
                // 300 columns: blocks of 1 vector × 16 channels, and a remainder block of 3
                Arguments.of("v1d_remainder", List.of(3, 300), 19, List.of(3), List.of(1), List.of(1), true,
                        Activation.Kind.RELU));
    }

    /** Vectors per block: the fewest columns computed at 16 lanes, ties to more vectors. */
    @Test
    void blockShapeFollowsTheRowLength() {
        assertEquals(1, VectorProducts.vectors(16));
        assertEquals(2, VectorProducts.vectors(57), "1-D example's conv2: 64 columns either way, 2 vectors load less");
        assertEquals(3, VectorProducts.vectors(136), "LeNet-5's conv2: 144 columns, not 160 or 192");
        assertEquals(3, VectorProducts.vectors(286), "VGG-small's 16x16 layers: 288 columns, not 320");
        assertEquals(4, VectorProducts.vectors(1086), "VGG-small's 32x32 layers");
        assertEquals(1, VectorProducts.vectors(300));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, List<Integer> sample, int filters, List<Integer> kernel, List<Integer> padding,
                        List<Integer> dilation, boolean bias, Activation.Kind act) {
        int rank = sample.size() - 1;
        NetworkSpec spec = Nets.input(name, sample.toArray(Integer[]::new))
                .add("conv", m -> new Conv(m, rank, filters, kernel, Collections.nCopies(rank, 1),
                        new Padding.Explicit(padding, padding), PaddingMode.ZEROS, dilation, 1, bias,
                        Activation.of(act)))
                .spec();
        ModelIr ir = Lowering.lower(Models.typed(spec));
        float[] params = bias ? GoldenBackwardTest.concat(List.of(Reference.floats(name + ".weight"),
                Reference.floats(name + ".bias"))) : Reference.floats(name + ".weight");
        float[] input = Reference.floats(name + ".input");
        float[] expected = Reference.floats(name + ".output");
        int in = (int) ir.inputShape().size();
        int out = (int) ir.outputShape().size();
        assertEquals(2 * out, expected.length, "fixture shape");
        for (GeneratorOptions options : List.of(VECTORS, GeneratorOptions.defaults())) {
            Models model = Models.build(spec, options, params);
            assertEquals(options.vectorApi(), usesVectors(model), "vector kernel used");
            for (int n = 0; n < 2; n++) {
                float[] y = model.forward(Arrays.copyOfRange(input, n * in, (n + 1) * in), out);
                assertNull(Golden.mismatch(y, expected, n * out), "sample " + n + (options.vectorApi() ? " (vector)"
                        : " (plain)"));
            }
        }
    }

    /** The whole golden LeNet-5 (rows of 892 and 136 columns) through the vector kernels. */
    @Test
    void goldenLenetMatchesPyTorch() {
        Golden.Case c = Golden.cases().stream().filter(k -> k.name().equals("lenet5")).findFirst().orElseThrow();
        List<Integer> in = c.shape("input");
        Nets net = Nets.input("case lenet5", in.subList(1, in.size()).toArray(Integer[]::new));
        GoldenForwardTest.toLayers(c).forEach(layer -> net.add(layer.getKey(), layer.getValue()));
        float[] params = GoldenBackwardTest.concat(c.tensors().keySet().stream()
                .filter(t -> t.contains(".") && !t.startsWith("grad_")).map(c::tensor).toList());
        Models model = Models.build(net.spec(), VECTORS, params);
        assertTrue(usesVectors(model));
        float[] input = c.tensor("input");
        float[] expected = c.tensor("logits");
        int batch = in.get(0);
        int inSize = input.length / batch;
        int outSize = expected.length / batch;
        for (int n = 0; n < batch; n++) {
            float[] y = model.forward(Arrays.copyOfRange(input, n * inSize, (n + 1) * inSize), outSize);
            assertNull(Golden.mismatch(y, expected, n * outSize), "sample " + n);
        }
    }

    /** A chunked model (rows of 122 columns, CHUNK 8): each sample of a batch is what it gives alone, bit for bit. */
    @Test
    void batchEqualsOneSampleAtATime() throws Exception {
        NetworkSpec spec = Nets.input("seq", 2, 128)
                .add("conv1", Nets.conv1d(6, 7, 1, 0, Nets.act(Activation.Kind.RELU)))
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, Nets.act(Activation.Kind.IDENTITY))).spec();
        Random r = new Random(21);
        ModelIr ir = Lowering.lower(Models.typed(spec));
        float[] params = new float[ir.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) r.nextGaussian() * 0.3f;
        }
        Models model = Models.build(spec, VECTORS, params);
        assertTrue(usesVectors(model));
        assertTrue(ChunkPlan.samplesPerChunk(ir, UnrollMode.KERNEL) > 1, "the net must be chunked");
        int in = (int) ir.inputShape().size();
        int out = (int) ir.outputShape().size();
        int n = 2 * ChunkPlan.samplesPerChunk(ir, UnrollMode.KERNEL) + 3;
        float[] x = new float[n * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] y = new float[n * out];
        model.instance().getClass().getMethod("forward", float[].class, float[].class, int.class)
                .invoke(model.instance(), x, y, n);
        for (int s = 0; s < n; s++) {
            float[] single = model.forward(Arrays.copyOfRange(x, s * in, (s + 1) * in), out);
            assertArrayEquals(single, Arrays.copyOfRange(y, s * out, (s + 1) * out), "sample " + s);
        }
    }

    /** The default source never touches the incubator module; the option uses it only where a row is long enough. */
    @Test
    void vectorsOnlyWhenAskedForAndUseful() {
        NetworkSpec longRows = Nets.input("long", 1, 12, 12).add("c", Nets.conv2d(4, 3, 1, 1,
                Nets.act(Activation.Kind.RELU))).spec();
        // (3 - 1) * 5 + 3 = 13 columns: shorter than one vector of 16 floats
        NetworkSpec shortRows = Nets.input("short", 1, 3, 3).add("c", Nets.conv2d(4, 3, 1, 1,
                Nets.act(Activation.Kind.RELU))).spec();
        String plain = source(longRows, GeneratorOptions.defaults());
        assertFalse(plain.contains("jdk.incubator"), "default source imports the incubator module");
        String vectors = source(longRows, VECTORS);
        assertTrue(vectors.contains("import jdk.incubator.vector.FloatVector;"));
        assertTrue(vectors.contains("--add-modules jdk.incubator.vector"), "header says how to compile and run it");
        assertTrue(vectors.contains("regenerate with: cnnc compile model.yaml --vector-api"));
        String useless = source(shortRows, VECTORS);
        assertFalse(useless.contains("jdk.incubator"), "no vector kernel, no import");
        assertFalse(useless.contains("add-modules"), "no vector kernel, no module note");
    }

    /** A layer or model named like the vector classes cannot shadow them. */
    @Test
    void vectorNamesAreReserved() {
        assertTrue(ModelClassBuilder.reservedTypeNames().containsAll(List.of("FloatVector", "VectorSpecies")));
        NetworkSpec spec = Nets.input("VS", 1, 12, 12).add("VS", Nets.conv2d(4, 3, 1, 1,
                Nets.act(Activation.Kind.RELU))).spec();
        Models model = Models.build(spec, VECTORS, new float[4 * 9 + 4]);
        assertTrue(usesVectors(model));
    }

    private static String source(NetworkSpec spec, GeneratorOptions options) {
        return String.join("\n", JavaGenerator.generate(Models.typed(spec), options).files().values());
    }

    private static boolean usesVectors(Models model) {
        return Arrays.stream(model.instance().getClass().getDeclaredFields())
                .anyMatch(f -> f.getName().equals(VectorProducts.SPECIES));
    }

    /** Reads {@code vector_conv_reference.txt}: one tensor per line, {@code name|shape|values}. */
    private static final class Reference {
        private static Map<String, float[]> tensors;

        static synchronized float[] floats(String name) {
            if (tensors == null) {
                tensors = load();
            }
            float[] t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("vector_conv_reference.txt has no " + name);
            }
            return t.clone();
        }

        private static Map<String, float[]> load() {
            Map<String, float[]> out = new HashMap<>();
            try (InputStream in = VectorProductsTest.class.getResourceAsStream("vector_conv_reference.txt");
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.split("\\|", -1);
                    String[] nums = parts[2].trim().split(" ");
                    float[] f = new float[nums.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = Float.parseFloat(nums[i]);
                    }
                    out.put(parts[0], f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
