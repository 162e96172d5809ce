package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.compiler.shape.TypedLayer;
import dev.cnnc.compiler.shape.TypedNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example's shapes, parameter counts, convolution/dense costs and receptive fields
 * equal the reference: shapes, parameters and MACs measured on PyTorch modules, receptive
 * fields from the standard recurrence over the same layers.
 * The numbers come from {@code tools/pytorch_reference.py}, which builds every example by
 * hand as a PyTorch module (same layers, same names) and is run once; its output is
 * committed as {@code src/test/resources/pytorch-reference.txt}. Rerun it after changing
 * an example (see the header of that file for the command).
 */
class PytorchReferenceTest {
    /** Layer types whose MACs PyTorch's hooks count (conv and linear modules). */
    private static final Set<String> COUNTED = Set.of("conv1d", "conv2d", "depthwise_conv2d",
            "separable_conv2d", "dense");

    private static final Map<String, PytorchReference.Model> REFERENCE = PytorchReference.load();

    static List<Path> examples() {
        return ExampleSpecs.all();
    }

    @Test
    void everyExampleHasReferenceNumbersAndViceVersa() {
        Set<String> files = new TreeSet<>(examples().stream().map(ExampleSpecs::name).toList());
        assertEquals(files, new TreeSet<>(REFERENCE.keySet()),
                "rerun tools/pytorch_reference.py after adding or removing an example");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void layersMatchPytorch(Path file) {
        PytorchReference.Model ref = REFERENCE.get(ExampleSpecs.name(file));
        assertNotNull(ref, "no reference numbers for " + file.getFileName());
        ExampleSpecs.Checked checked = ExampleSpecs.check(file);
        assertTrue(checked.network().isPresent(), () -> "does not check:\n" + checked.report());
        TypedNetwork net = checked.network().get();

        assertEquals(ref.input(), net.input().dims(), "input shape");
        assertEquals(ref.layers().stream().map(PytorchReference.Layer::name).toList(),
                net.layers().stream().map(TypedLayer::name).toList(), "layer names, in order");
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < ref.layers().size(); i++) {
            PytorchReference.Layer want = ref.layers().get(i);
            TypedLayer got = net.layers().get(i);
            String at = file.getFileName() + " layer " + want.name() + ": ";
            checks.add(() -> assertEquals(want.type(), got.layer().typeName(), at + "type"));
            checks.add(() -> assertEquals(want.shape(), got.output().dims(), at + "output shape"));
            checks.add(() -> assertEquals(want.params(), got.params(), at + "trainable parameters"));
            if (COUNTED.contains(want.type())) {
                checks.add(() -> assertEquals(want.macs(), got.macs(), at + "multiply-accumulates"));
            }
            if (want.hasWindowField()) {
                checks.add(() -> assertEquals(want.receptiveField(), text(got.receptiveField()),
                        at + "receptive field (size/jump)"));
            }
        }
        checks.add(() -> assertEquals(ref.totalParams(), net.totalParams(), "total parameters"));
        assertAll(checks);
    }

    /** {@code 14x14/2x2}, the reference file's notation. */
    private static String text(ReceptiveField rf) {
        return join(rf.size()) + "/" + join(rf.jump());
    }

    private static String join(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    @Test
    void performanceIssueNetsHaveTheirAdvertisedCost() {
        // The numbers quoted in the performance issue, independent of our own output.
        assertEquals(25_528_832L, REFERENCE.get("vgg_small").totalMacs(), "VGG-small: 25.5M MACs");
        assertEquals(159_904L, REFERENCE.get("net1d").totalMacs(), "1-D net: 160k MACs");
    }
}
