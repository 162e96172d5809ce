package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.ClassFileMethods;
import dev.cnnc.compiler.testing.InMemoryJavac;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No generated method may exceed HotSpot's 8000-byte JIT limit: compiles every example spec and
 * a deliberately large network in every unroll mode and reads each method's code length from
 * the class files. The unroll modes must also compute the same outputs.
 */
class BytecodeBudgetTest {
    static final Path EXAMPLES = Path.of("../examples");

    static Stream<Arguments> networks() throws IOException {
        List<Arguments> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                list.add(Arguments.of(p.getFileName().toString(), read(p)));
            }
        }
        assertFalse(list.isEmpty(), "no example specs in " + EXAMPLES.toAbsolutePath());
        list.add(Arguments.of("large 3x64x64, 64-channel 5x5 convs", large()));
        list.add(Arguments.of("huge kernels", hugeKernels()));
        return list.stream();
    }

    static NetworkSpec read(Path file) throws IOException {
        Diagnostics d = new Diagnostics();
        return new SpecReader().read(new SourceText(file.toString(), Files.readString(file)), d)
                .orElseThrow(() -> new AssertionError(file + ": " + d.all()));
    }

    static NetworkSpec large() {
        Activation relu = Activation.of(Activation.Kind.RELU);
        return Nets.input("large", 3, 64, 64)
                .add("c1", Nets.conv2d(64, 5, 1, 2, relu))
                .add("c2", Nets.conv2d(64, 5, 1, 2, relu))
                .add("p1", Nets.maxpool(2, 2))
                .add("c3", Nets.conv2d(64, 5, 1, 2, relu))
                .add("p2", Nets.maxpool(2, 4))
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 10, true, Activation.NONE))
                .spec();
    }

    /** Kernels too large to unroll whole (15x15 = 225 taps) or even by row (1-D, 300 taps). */
    static NetworkSpec hugeKernels() {
        Activation relu = Activation.of(Activation.Kind.RELU);
        return Nets.input("huge", 2, 40, 40)
                .add("c1", Nets.conv2d(4, 15, 1, 7, relu))
                .add("p1", m -> new dev.cnnc.spec.model.Pool(m, dev.cnnc.spec.model.PoolKind.AVG, 2,
                        List.of(20, 20), List.of(1, 1), dev.cnnc.spec.model.Padding.VALID, false, false))
                .add("flat", Flatten::new)
                .add("r", m -> new dev.cnnc.spec.model.Reshape(m, List.of(1, 4 * 21 * 21)))
                .add("c2", Nets.conv1d(2, 300, 1, 0, relu))
                .add("flat2", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, Activation.NONE))
                .spec();
    }

    /**
     * Class and instance initialisers run once per class or instance, never in the hot loop, so
     * the JIT limit does not matter for them (javac's 64 KB limit would, at ~8000 layers).
     */
    static boolean runsOnce(String method) {
        return method.startsWith("<clinit>") || method.startsWith("<init>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyMethodFitsTheJitLimitAndModesAgree(String label, NetworkSpec spec) {
        TypedNetwork typed = Models.typed(spec);
        int paramCount = Lowering.lower(typed).paramCount();
        Random random = new Random(7);
        float[] params = new float[paramCount];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) random.nextGaussian() * 0.1f;
        }
        // batchnorm running variances must be positive: PyTorch's init is 1
        Lowering.lower(typed).params().stream().filter(t -> t.name().endsWith(".running_var"))
                .forEach(t -> java.util.Arrays.fill(params, t.offset(), t.end(), 1f));
        float[] input = new float[(int) typed.input().size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        int outSize = (int) typed.output().size();
        float[] reference = null;
        for (UnrollMode mode : UnrollMode.values()) {
            GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults().withUnroll(mode));
            InMemoryJavac.Result compiled = InMemoryJavac.compile(source.files());
            int largest = 0;
            for (byte[] cls : compiled.classes().values()) {
                for (Map.Entry<String, Integer> m : ClassFileMethods.codeLengths(cls).entrySet()) {
                    largest = runsOnce(m.getKey()) ? largest : Math.max(largest, m.getValue());
                }
            }
            System.out.println(label + " " + mode + ": largest method " + largest + " bytes");
            for (Map.Entry<String, byte[]> cls : compiled.classes().entrySet()) {
                ClassFileMethods.codeLengths(cls.getValue()).forEach((method, length) -> {
                    if (!runsOnce(method)) {
                        assertTrue(length <= CostModel.HOTSPOT_LIMIT, label + " " + mode + ": " + cls.getKey() + "."
                                + method + " has " + length + " bytes of bytecode");
                    }
                });
            }
            float[] out = Models.run(source, compiled, params, input, outSize);
            if (reference == null) {
                reference = out;
            } else {
                for (int i = 0; i < outSize; i++) {
                    float e = reference[i];
                    assertTrue(Math.abs(out[i] - e) <= 1e-4 + 1e-4 * Math.abs(e),
                            label + " " + mode + " output " + i + ": " + out[i] + " vs rolled " + e);
                }
            }
        }
    }

    /** More layers than one forward method can call within the budget: the calls are split too. */
    @org.junit.jupiter.api.Test
    void thousandsOfLayersSplitForward() {
        Nets net = Nets.input("deep", 2, 3);
        for (int i = 0; i < 2100; i++) {
            net.add("r" + i, m -> new dev.cnnc.spec.model.ActivationLayer(m, Activation.of(Activation.Kind.RELU)));
        }
        NetworkSpec spec = net.spec();
        GeneratedSource source = JavaGenerator.generate(Models.typed(spec), GeneratorOptions.defaults());
        InMemoryJavac.Result compiled = InMemoryJavac.compile(source.files());
        compiled.classes().values().forEach(cls -> ClassFileMethods.codeLengths(cls).forEach((method, length) ->
                assertTrue(runsOnce(method) || length <= CostModel.HOTSPOT_LIMIT, method + ": " + length)));
        float[] out = Models.run(source, compiled, new float[0], new float[] {-1, 2, -3, 4, 0.5f, -0.5f}, 6);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 2, 0, 4, 0.5f, 0}, out);
    }
}
