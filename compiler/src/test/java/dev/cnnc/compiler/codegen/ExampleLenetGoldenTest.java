package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.Golden;
import dev.cnnc.compiler.testing.InMemoryJavac;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Safetensors;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@code examples/lenet5.yaml} read from YAML, generated, compiled, loaded from a
 * safetensors file written straight from PyTorch's state_dict tensors of the golden {@code lenet5}
 * case (same architecture and layer names), gives PyTorch's logits.
 */
class ExampleLenetGoldenTest {
    @Test
    void lenetExampleLoadsPyTorchWeightsAndMatchesItsLogits() throws Exception {
        TypedNetwork typed = Models.typed(BytecodeBudgetTest.read(Path.of("../examples/lenet5.yaml")));
        Golden.Case c = Golden.cases().stream().filter(k -> k.name().equals("lenet5")).findFirst().orElseThrow();
        List<ParamTensor> tensors = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (String name : c.tensors().keySet()) {
            if (name.contains(".") && !name.startsWith("grad_")) {
                float[] v = c.tensor(name);
                tensors.add(new ParamTensor(name, c.shape(name), values.size(), true));
                for (float f : v) {
                    values.add(f);
                }
            }
        }
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        assertEquals("LeNet5", source.mainClass());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        Object model = cls.getMethod("load", InputStream.class)
                .invoke(null, new ByteArrayInputStream(Safetensors.write(tensors, flat)));
        // the example normalises with mean 0.1307, std 0.3081; the fixture's inputs are already normalised
        float[] input = c.tensor("input");
        float[] logits = c.tensor("logits");
        for (int n = 0; n < 3; n++) {
            float[] pixels = new float[784];
            for (int i = 0; i < 784; i++) {
                pixels[i] = input[n * 784 + i] * 0.3081f + 0.1307f;
            }
            float[] out = (float[]) cls.getMethod("predict", float[].class).invoke(model, (Object) pixels);
            assertNull(Golden.mismatch(out, logits, n * 10), "sample " + n);
        }
    }
}
