package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.testing.GoldenNetworks;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated models, compiled in memory, against PyTorch's logits for the golden networks. */
class GeneratedModelTest {
    private static final ModelLoader LOADER = ModelLoader.inMemory("test");

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "net1d"})
    void batchForwardMatchesPyTorch(String name) throws Exception {
        CompiledModel model = load(name, UnrollMode.KERNEL);
        GoldenCase golden = GoldenNetworks.golden(name);
        float[] input = golden.tensor("input").copy();
        int n = golden.tensor("input").shape()[0];
        float[] logits = new float[n * model.outputSize()];
        model.forward(input, logits, n);
        golden.tolerance().assertClose(golden.tensor("logits"), logits);
    }

    @ParameterizedTest
    @EnumSource(UnrollMode.class)
    void everyUnrollModeMatchesPyTorchSampleBySample(UnrollMode unroll) throws Exception {
        CompiledModel model = load("lenet5", unroll);
        GoldenCase golden = GoldenNetworks.golden("lenet5");
        float[] input = golden.tensor("input").copy();
        float[] logits = golden.tensor("logits").copy();
        float[] y = new float[10];
        for (int s = 0; s < 3; s++) {
            model.newInstance().forward(Arrays.copyOfRange(input, s * 784, s * 784 + 784), y);
            golden.tolerance().assertClose("logits[" + s + "]", Arrays.copyOfRange(logits, s * 10, s * 10 + 10), y);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5"})
    void describesItself(String name) throws Exception {
        CompiledModel model = load(name, UnrollMode.KERNEL);
        assertEquals(Shape.of(1, 28, 28), model.inputShape());
        assertEquals(Shape.of(10), model.outputShape());
        // LeNet-5 with padding 2: 6·25+6 + 16·150+16 + 400·120+120 + 120·84+84 + 84·10+10
        assertEquals(156 + 2416 + 48120 + 10164 + 850, model.paramCount());
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                model.paramTensors().stream().map(p -> p.name()).toList());
        assertEquals("seven", model.labels().get(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"net1d"})
    void secondLoadOfTheSameNetworkDoesNotCompile(String name) {
        ModelLoader loader = ModelLoader.inMemory("test");
        TypedNetwork network = GoldenNetworks.network(name);
        loader.load(network, new ModelLoader.Options(UnrollMode.KERNEL, java.util.Optional.empty()));
        loader.load(GoldenNetworks.network(name), new ModelLoader.Options(UnrollMode.KERNEL, java.util.Optional.empty()));
        assertEquals(new ModelCache.Stats(1, 0, 1, 0), loader.cache().stats());
    }

    private static CompiledModel load(String name, UnrollMode unroll) throws Exception {
        TypedNetwork network = GoldenNetworks.network(name);
        ModelClass type = LOADER.loadClass(network, unroll);
        float[] params = ParamWeights.flatten(name, GoldenNetworks.weights(name), type.paramTensors());
        return type.instantiate(params);
    }
}
