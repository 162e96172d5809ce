package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.ClassFileMethods;
import dev.cnnc.compiler.testing.InMemoryJavac;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training members (forwardTrain, backward and their per-op methods) obey the same 8000-byte
 * JIT limit as inference: every example, the large and huge-kernel networks of
 * {@link BytecodeBudgetTest}, and a network of thousands of layers (the driver calls are split).
 */
class TrainingBudgetTest {
    static Stream<Arguments> networks() throws java.io.IOException {
        return BytecodeBudgetTest.networks();
    }

    private static void assertWithinBudget(String label, NetworkSpec spec, UnrollMode mode) {
        TypedNetwork typed = Models.typed(spec);
        GeneratedSource source = JavaGenerator.generateTrainable(typed, GeneratorOptions.defaults().withUnroll(mode));
        InMemoryJavac.Result compiled = InMemoryJavac.compile(source.files());
        int largest = 0;
        for (Map.Entry<String, byte[]> cls : compiled.classes().entrySet()) {
            for (Map.Entry<String, Integer> m : ClassFileMethods.codeLengths(cls.getValue()).entrySet()) {
                if (BytecodeBudgetTest.runsOnce(m.getKey())) {
                    continue;
                }
                largest = Math.max(largest, m.getValue());
                assertTrue(m.getValue() <= CostModel.HOTSPOT_LIMIT, label + " " + mode + ": " + cls.getKey() + "."
                        + m.getKey() + " has " + m.getValue() + " bytes of bytecode");
            }
        }
        System.out.println(label + " " + mode + " (trainable): largest method " + largest + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void trainingMethodsFitTheJitLimit(String label, NetworkSpec spec) {
        for (UnrollMode mode : UnrollMode.values()) {
            assertWithinBudget(label, spec, mode);
        }
    }

    @Test
    void thousandsOfLayersSplitTheTrainingDrivers() {
        Nets net = Nets.input("deep", 2, 3);
        for (int i = 0; i < 2100; i++) {
            net.add("r" + i, m -> new dev.cnnc.spec.model.ActivationLayer(m, Activation.of(Activation.Kind.TANH)));
        }
        assertWithinBudget("2100 layers", net.spec(), UnrollMode.KERNEL);
    }
}
