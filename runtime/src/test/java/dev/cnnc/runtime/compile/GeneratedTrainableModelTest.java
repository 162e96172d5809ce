package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.train.Initializer;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.Sgd;
import dev.cnnc.runtime.train.SoftmaxCrossEntropy;
import dev.cnnc.runtime.testing.GoldenNetworks;
import dev.cnnc.spec.model.TrainSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer's view of a generated model ({@link GeneratedTrainableModel}): PyTorch's gradients
 * of the whole golden networks through the trainer's own cross-entropy, the layout mapping, the
 * running statistics flowing back into the trainer's array, and SGD steps that lower the loss.
 */
class GeneratedTrainableModelTest {
    private static final ModelLoader LOADER = ModelLoader.inMemory("test");

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "net1d"})
    void wholeNetworkGradientsMatchPyTorch(String name) throws Exception {
        GoldenCase c = GoldenNetworks.golden(name);
        GeneratedTrainableModel model = GeneratedTrainableModel.load(LOADER, GoldenNetworks.network(name),
                UnrollMode.KERNEL);
        ParamLayout layout = model.layout();
        float[] params = layout.fromTensors(name, GoldenNetworks.weights(name));
        float[] input = c.tensor("input").copy();
        float[] labelValues = c.tensor("labels").copy();
        int batch = labelValues.length;
        int[] labels = new int[batch];
        for (int n = 0; n < batch; n++) {
            labels[n] = (int) labelValues[n];
        }
        float[] logits = new float[batch * model.outputSize()];
        model.forward(params, input, batch, logits, true);
        c.tolerance().assertClose(c.tensor("logits"), logits);
        float[] gradLogits = new float[logits.length];
        double loss = new SoftmaxCrossEntropy().lossAndGradient(logits, labels, batch, model.outputSize(), gradLogits);
        c.tolerance().assertClose("loss", c.tensor("loss").copy(), new float[] {(float) loss});
        float[] grads = new float[layout.size()];
        model.backward(params, gradLogits, batch, grads);
        for (ParamTensor t : layout.tensors()) {
            c.tolerance().assertClose("grad_" + t.name(), c.tensor("grad_" + t.name()).copy(),
                    ParamLayout.slice(grads, t));
        }
        float[] gradInput = new float[input.length];
        model.inputGradients(gradInput);
        c.tolerance().assertClose(c.tensor("grad_input"), gradInput);
    }

    private static TypedNetwork spec(String yaml) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("cnnc", ".yaml");
        java.nio.file.Files.writeString(file, yaml);
        var loaded = new dev.cnnc.runtime.SpecLoader().load(file.toString());
        return loaded.network().orElseThrow(() -> new AssertionError(loaded.diagnostics().toString()));
    }

    @Test
    void layoutKindsAndRunningStatisticsReachTheTrainersArray() throws Exception {
        TypedNetwork net = spec("name: bn\ninput: [2, 3, 3]\nlayers:\n"
                + "  - {type: conv2d, name: c, filters: 2, kernel: 3, padding: 1}\n"
                + "  - {type: batchnorm, name: bn}\n  - flatten\n  - {type: dense, name: fc, units: 2}\n");
        GeneratedTrainableModel model = GeneratedTrainableModel.load(LOADER, net, UnrollMode.KERNEL);
        ParamLayout layout = model.layout();
        assertEquals(java.util.List.of(ParamTensor.Kind.WEIGHT, ParamTensor.Kind.BIAS, ParamTensor.Kind.NORM_WEIGHT,
                ParamTensor.Kind.NORM_BIAS, ParamTensor.Kind.RUNNING_MEAN, ParamTensor.Kind.RUNNING_VAR,
                ParamTensor.Kind.WEIGHT, ParamTensor.Kind.BIAS), layout.tensors().stream().map(ParamTensor::kind).toList());
        assertEquals(Lowering.lower(net).paramCount(), layout.size());
        float[] params = new float[layout.size()];
        Initializer.initialize(layout, params, TrainSpec.Init.HE, 1);
        float[] inputs = new float[4 * 18];
        Random random = new Random(3);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        ParamTensor mean = layout.find("bn.running_mean").orElseThrow();
        ParamTensor var = layout.find("bn.running_var").orElseThrow();
        float[] before = params.clone();
        model.forward(params, inputs, 4, new float[8], false);
        assertArrayEquals(before, params, "evaluation leaves the running statistics alone");
        model.forward(params, inputs, 4, new float[8], true);
        for (int c = 0; c < 2; c++) {
            // momentum 0.1 from mean 0 / var 1: the new values moved off their starting points
            assertTrue(params[mean.offset() + c] != 0f && params[var.offset() + c] != 1f);
        }
    }

    /** A few SGD steps on a small separable problem (class = which half is brighter) lower the loss. */
    @Test
    void sgdStepsReduceTheLoss() throws Exception {
        TypedNetwork net = spec("name: tiny\ninput: [1, 6, 6]\nlayers:\n"
                + "  - {type: conv2d, name: c, filters: 3, kernel: 3, activation: relu}\n"
                + "  - {type: maxpool2d, size: 2}\n  - flatten\n  - {type: dense, name: fc, units: 2}\n");
        GeneratedTrainableModel model = GeneratedTrainableModel.load(LOADER, net, UnrollMode.KERNEL);
        ParamLayout layout = model.layout();
        float[] params = new float[layout.size()];
        Initializer.initialize(layout, params, TrainSpec.Init.HE, 5);
        int batch = 16;
        Random random = new Random(9);
        float[] inputs = new float[batch * 36];
        int[] labels = new int[batch];
        for (int n = 0; n < batch; n++) {
            labels[n] = n % 2;
            for (int i = 0; i < 36; i++) {
                boolean left = i % 6 < 3;
                inputs[n * 36 + i] = random.nextFloat() * 0.5f + (left == (labels[n] == 0) ? 0.5f : 0f);
            }
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Sgd sgd = new Sgd(layout, 0.9, 0, 0, false);
        float[] logits = new float[batch * 2];
        float[] gradLogits = new float[batch * 2];
        float[] grads = new float[layout.size()];
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 30; step++) {
            model.forward(params, inputs, batch, logits, true);
            last = loss.lossAndGradient(logits, labels, batch, 2, gradLogits);
            first = step == 0 ? last : first;
            model.backward(params, gradLogits, batch, grads);
            sgd.step(params, grads, 0.05);
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
