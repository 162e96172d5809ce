package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.testing.Golden;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.compiler.testing.Trainables;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backward case of the PyTorch fixtures a spec can express (conv1d/2d in every padding
 * mode, pools incl. ceil mode, global pools, linear, activations, softmax, batchnorm in train and
 * eval mode with the running-statistics update) and both whole networks, through the generated
 * training code: forwardTrain on the whole batch, then backward from grad_output (for networks,
 * from the cross-entropy gradient (softmax(logits) − onehot)/N of the fixtures' logits), compared
 * with PyTorch's gradients within the fixtures' tolerance.
 */
class GoldenBackwardTest {
    static Stream<Arguments> cases() {
        // the backward code does not depend on the unroll mode (only the reused forward kernels
        // do, which GoldenForwardTest covers in every mode); FULL once for the networks, and the
        // networks with the vector kernels (LeNet-5's convolutions take them, forward and dx)
        return Golden.cases().stream().filter(c -> layers(c) != null)
                .flatMap(c -> (c.op().equals("network")
                        ? Stream.concat(Stream.of(UnrollMode.values()).map(u -> u.name()), Stream.of(VECTOR_API))
                        : Stream.of(UnrollMode.KERNEL.name())).map(u -> Arguments.of(c, u)));
    }

    private static final String VECTOR_API = "KERNEL --vector-api";

    private static GeneratorOptions options(String variant) {
        return variant.equals(VECTOR_API) ? GeneratorOptions.defaults().withVectorApi(true)
                : GeneratorOptions.defaults().withUnroll(UnrollMode.valueOf(variant));
    }

    private static boolean isBatchNorm(Golden.Case c) {
        return c.op().equals("batch_norm2d");
    }

    static List<Map.Entry<String, Function<LayerMeta, Layer>>> layers(Golden.Case c) {
        if (isBatchNorm(c)) {
            double eps = Double.parseDouble((String) c.params().get("eps"));
            double momentum = Double.parseDouble((String) c.params().get("momentum"));
            return List.of(Map.entry("layer", m -> new BatchNorm(m, momentum, eps)));
        }
        List<Map.Entry<String, Function<LayerMeta, Layer>>> list = GoldenForwardTest.toLayers(c);
        if (list != null && c.op().equals("softmax")) {
            // the trainer takes a final softmax's logits; a ReLU after it (identity on its positive
            // outputs, derivative 1) keeps the softmax inside the network, so its backward runs
            list = new ArrayList<>(list);
            list.add(Map.entry("after", m -> new ActivationLayer(m, Activation.of(Activation.Kind.RELU))));
        }
        return list;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(Golden.Case c, String variant) {
        boolean network = c.op().equals("network");
        List<Integer> in = c.shape("input");
        List<Integer> sample = new ArrayList<>(in.subList(1, in.size()));
        if (sample.size() == 1) {
            sample.add(1);
        }
        Nets net = Nets.input("case " + c.name(), sample.toArray(Integer[]::new));
        layers(c).forEach(l -> net.add(l.getKey(), l.getValue()));
        int batch = in.get(0);
        List<float[]> params = new ArrayList<>();
        if (network) {
            c.tensors().keySet().stream().filter(t -> t.contains(".") && !t.startsWith("grad_"))
                    .forEach(t -> params.add(c.tensor(t)));
        } else if (isBatchNorm(c)) {
            int channels = sample.get(0);
            params.add(c.has("weight") ? c.tensor("weight") : filled(channels, 1f));
            params.add(c.has("bias") ? c.tensor("bias") : filled(channels, 0f));
            params.add(c.tensor("running_mean"));
            params.add(c.tensor("running_var"));
        } else {
            Stream.of("weight", "bias").filter(c::has).forEach(t -> params.add(c.tensor(t)));
        }
        Trainables model = Trainables.build(net.spec(), options(variant), concat(params));
        assertFalse(model.logitsBeforeSoftmax());
        boolean training = !isBatchNorm(c) || Boolean.TRUE.equals(c.params().get("training"));
        float[] out = model.forwardTrain(c.tensor("input"), batch, training);
        float[] expected = c.tensor(network ? "logits" : "output");
        assertNull(Golden.mismatch(out, expected, 0), "output");
        float[] gradOut = network ? crossEntropyGradient(expected, c.tensor("labels"), batch) : c.tensor("grad_output");
        float[] grads = model.backward(gradOut, batch);
        assertNull(Golden.mismatch(model.inputGradients(batch), c.tensor("grad_input"), 0), "grad_input");
        int checked = 0;
        for (ParamTensor t : model.ir.params()) {
            String local = network ? t.name() : t.name().substring(t.name().indexOf('.') + 1);
            float[] actual = Arrays.copyOfRange(grads, t.offset(), t.end());
            if (c.has("grad_" + local)) {
                assertNull(Golden.mismatch(actual, c.tensor("grad_" + local), 0), "grad_" + local);
                checked++;
            }
            if (c.has(local + "_new")) {
                float[] live = Arrays.copyOfRange(model.parameters(), t.offset(), t.end());
                assertNull(Golden.mismatch(live, c.tensor(local + "_new"), 0), local + "_new");
                checked++;
            }
        }
        long expectedChecks = c.tensors().keySet().stream()
                .filter(t -> t.startsWith("grad_") && !t.equals("grad_input") && !t.equals("grad_output")
                        || t.endsWith("_new")).count();
        assertTrue(checked == expectedChecks, "checked " + checked + " of " + expectedChecks + " tensors");
    }

    /** dL/dlogits of the mean cross-entropy: (softmax(z) − onehot(label)) / N, in double. */
    static float[] crossEntropyGradient(float[] logits, float[] labels, int batch) {
        int classes = logits.length / batch;
        float[] g = new float[logits.length];
        for (int n = 0; n < batch; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[n * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[n * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(logits[n * classes + k] - max) / sum;
                g[n * classes + k] = (float) ((p - (k == (int) labels[n] ? 1 : 0)) / batch);
            }
        }
        return g;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
