package dev.cnnc.runtime.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tests the golden-fixture loader itself against the files and the README's statements. */
class GoldenCasesTest {
    private final GoldenCases golden = GoldenCases.load();

    @Test
    void findsTheRepositoryFixturesFromTheModuleDirectory() {
        assertEquals(Path.of("").toAbsolutePath().getParent().resolve("testdata/golden"), golden.dir());
        assertEquals("cnn-golden-v1", golden.format());
    }

    @Test
    void has117CasesWithUniqueNames() {
        assertEquals(117, golden.size());
        assertEquals(117, golden.cases().stream().map(GoldenCase::name).collect(Collectors.toSet()).size());
        assertEquals(25, golden.byOp("conv2d").size(), "the README's case index lists 25 conv2d cases");
        assertEquals(2, golden.byOp("network").size());
    }

    @Test
    void everyTensorFileHasFourBytesPerElementAndEveryFileIsUsed() throws Exception {
        Set<Path> referenced = new HashSet<>();
        int tensors = 0;
        for (GoldenCase c : golden.cases()) {
            for (String name : c.tensorNames()) {
                GoldenCase.TensorRef ref = c.ref(name);
                long n = 1;
                for (int d : ref.shape()) {
                    n *= d;
                }
                assertEquals(4 * n, Files.size(ref.file()), ref.file().toString());
                assertEquals(n, c.tensor(name).size());
                referenced.add(ref.file());
                tensors++;
            }
        }
        assertEquals(771, tensors, "the README counts 771 tensor files");
        try (Stream<Path> s = Files.list(golden.dir())) {
            Set<Path> bins = s.filter(p -> p.toString().endsWith(".bin")).collect(Collectors.toSet());
            assertEquals(bins, referenced);
        }
    }

    @Test
    void toleranceIsGlobalUnlessTheCaseOverridesIt() {
        assertEquals(new Tolerance(1e-4, 1e-4), golden.tolerance());
        GoldenCase conv = golden.get("conv2d_k3");
        assertFalse(conv.hasOwnTolerance());
        assertEquals(new Tolerance(1e-4, 1e-4), conv.tolerance());
        List<String> overriding = golden.cases().stream().filter(GoldenCase::hasOwnTolerance)
                .map(GoldenCase::name).sorted().toList();
        assertEquals(List.of("adam", "adam_tiny_grads", "adam_wd", "sgd_momentum", "sgd_momentum_wd_large",
                "sgd_plain"), overriding);
        assertEquals(new Tolerance(1e-6, 1e-5), golden.get("adam").tolerance());
    }

    @Test
    void toleranceCheckUsesAbsPlusRel() {
        Tolerance t = new Tolerance(1e-4, 1e-4);
        assertTrue(t.allows(100, 100 + 0.0100)); // bound = 1e-4 + 1e-2
        assertFalse(t.allows(100, 100 + 0.0102));
        assertFalse(t.allows(0, Double.NaN));
        t.assertClose("ok", new float[] {1, 2}, new float[] {1.0001f, 2});
        AssertionError e = assertThrows(AssertionError.class,
                () -> t.assertClose("w", new float[] {1, 2, 3}, new float[] {1, 2.1f, Float.NaN}));
        assertTrue(e.getMessage().startsWith("w: 2 of 3 values outside"), e.getMessage());
        assertTrue(e.getMessage().contains("worst at index 2"), e.getMessage());
    }

    @Test
    void paramsAndTensorsAreTyped() {
        GoldenCase c = golden.get("conv2d_k3_s2_p1");
        assertEquals("conv2d", c.op());
        assertArrayEquals(new int[] {2, 2}, c.params().ints("stride"));
        assertArrayEquals(new int[] {1, 1, 1, 1}, c.params().ints("padding"));
        assertEquals(1, c.params().integer("groups"));
        assertTrue(c.params().bool("bias"));
        assertEquals("zeros", c.params().str("padding_mode"));
        GoldenTensor w = c.tensor("weight");
        assertArrayEquals(new int[] {3, 2, 3, 3}, w.shape());
        assertEquals(Role.PARAM, w.role());
        assertEquals(List.of("grad_input", "grad_weight", "grad_bias"), c.tensorNames(Role.GRAD));
        assertThrows(IllegalArgumentException.class, () -> c.tensor("nope"));
        assertThrows(IllegalArgumentException.class, () -> c.params().integer("padding_mode"));

        GoldenCase adam = golden.get("adam");
        assertEquals(1e-3, adam.params().dbl("lr"));
        assertEquals(0.999, adam.params().dbl("beta2"));

        GoldenCase lenet = golden.get("lenet5");
        List<GoldenParams> layers = lenet.params().objects("layers");
        assertEquals("conv1", layers.get(0).str("name"));
        assertEquals(400, layers.get(7).integer("in_features"));
        assertEquals(0, lenet.tensor("loss").rank());
    }

    @Test
    void labelsAreWholeNumbersInRange() {
        GoldenCase ce = golden.get("cross_entropy_4x10");
        int[] labels = ce.tensor("labels").labels();
        assertEquals(4, labels.length);
        for (int l : labels) {
            assertTrue(l >= 0 && l < 10);
        }
        assertEquals(1.0f, ce.tensor("grad_output").scalar());
    }
}
