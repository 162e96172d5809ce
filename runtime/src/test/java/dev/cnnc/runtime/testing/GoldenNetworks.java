package dev.cnnc.runtime.testing;

import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.SpecLoader;
import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.golden.GoldenCases;
import dev.cnnc.runtime.golden.GoldenTensor;
import dev.cnnc.runtime.golden.Role;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;

/**
 * The PyTorch golden networks ({@code lenet5}, {@code net1d}) as cnnc specs
 * ({@code src/test/resources/specs/golden_*.yaml}) with their weights, inputs and logits.
 */
public final class GoldenNetworks {
    /** Spec files, relative to the module directory (surefire's working directory). */
    public static final String SPECS = "src/test/resources/specs/";

    private static GoldenCases cases;

    private GoldenNetworks() {
    }

    public static synchronized GoldenCase golden(String name) {
        if (cases == null) {
            cases = GoldenCases.load();
        }
        return cases.get(name);
    }

    /** The spec file of golden case {@code name}. */
    public static String specFile(String name) {
        return SPECS + "golden_" + name + ".yaml";
    }

    /** The shape-checked network of golden case {@code name}. */
    public static TypedNetwork network(String name) {
        LoadedSpec loaded = new SpecLoader().load(specFile(name));
        return loaded.network().orElseThrow(() -> new AssertionError(loaded.diagnostics().toString()));
    }

    /** The case's parameters as a state_dict. */
    public static Tensors weights(String name) {
        GoldenCase c = golden(name);
        Tensors.Builder b = Tensors.builder();
        for (String t : c.tensorNames(Role.PARAM)) {
            GoldenTensor g = c.tensor(t);
            b.put(t, new Tensor(g.shape(), g.copy()));
        }
        return b.build();
    }
}
