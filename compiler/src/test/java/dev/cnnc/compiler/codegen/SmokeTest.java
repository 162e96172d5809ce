package dev.cnnc.compiler.codegen;

import static dev.cnnc.compiler.testing.Nets.act;
import static dev.cnnc.compiler.testing.Nets.conv2d;
import static dev.cnnc.compiler.testing.Nets.maxpool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void lenetCompilesAndRuns() {
        NetworkSpec spec = Nets.input("LeNet-5 (digits)", 1, 28, 28)
                .add("c1", conv2d(6, 5, 1, 2, act(Activation.Kind.RELU)))
                .add("p1", maxpool(2, 2))
                .add("c2", conv2d(16, 5, 1, 0, act(Activation.Kind.RELU)))
                .add("p2", maxpool(2, 2))
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 10, true, Activation.of(Activation.Kind.SOFTMAX)))
                .spec();
        ModelIr ir = Lowering.lower(Models.typed(spec));
        float[] params = new float[ir.paramCount()];
        Random r = new Random(1);
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) r.nextGaussian() * 0.1f;
        }
        if (System.getenv("SHOW_SOURCE") != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target/smoke.java"),
                        JavaGenerator.generate(Models.typed(spec), GeneratorOptions.defaults()).mainSource());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Models m = Models.build(spec, GeneratorOptions.defaults(), params);
        float[] out = m.forward(new float[784], 10);
        float sum = 0;
        for (float v : out) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-5f);
        assertEquals("LeNet5Digits", m.source.mainClass());
    }
}
