package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.compiler.testing.Trainables;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Concat;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.DepthwiseConv2d;
import dev.cnnc.spec.model.Dropout;
import dev.cnnc.spec.model.GlobalPool;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences against the generated backward on small random networks that
 * together use every layer kind: conv1d/2d with groups, dilation and every padding mode,
 * depthwise, separable, max/avg (with and without count_include_pad, ceil mode)/L2 pooling,
 * global pools, dense, every activation (fused and stand-alone, softmax inside the network),
 * add, concat, batchnorm in training mode, dropout with a fixed seed (so a fixed mask), normalize.
 *
 * <p>The loss is {@code L = Σ r·logits} for a fixed random r, so dL/dlogits = r. Per trainable
 * tensor (and for the input) a random unit direction v restricted to that tensor is checked:
 * {@code (L(θ + hv) − L(θ − hv)) / 2h} against {@code ∇L·v}, with h = 1e-3. Thresholds, from
 * the error sources: the forward runs in float32, so L carries a rounding error of a few 1e-7
 * (with h = 1e-4 the observed errors reach 2.6e-3 = that noise / 2h), which at h = 1e-3 becomes
 * ≲ 3e-4; the O(h²) truncation term is ~1e-6; with h = 1e-2 steps already cross max-pool and
 * leaky-ReLU kinks of the 2-D net (errors up to 5e-3, directional derivatives change). Observed
 * worst error at h = 1e-3: 3.3e-4. We allow 1e-3 absolute plus 1% relative, so a wrong formula
 * (a missing factor or term, a wrong index) in any tensor's gradient — whose directional
 * derivatives here are 1e-3..1 — shows, except on gradients smaller than ~1e-3 in size.
 */
class GradientCheckTest {
    private static final double H = Double.parseDouble(System.getProperty("fd.h", "1e-3"));
    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of("2-D: groups, depthwise, separable, pools, bn, dropout, add, concat", net2d(), 3),
                Arguments.of("1-D: dilation, asymmetric/circular padding, ceil-mode pools, global pools", net1d(), 3),
                Arguments.of("2-D stride-1 convs (columns backward), wide dense (row backward)", columns(), 6),
                Arguments.of("stride-1 convs with the vector-API forward, dx and dW (--vector-api)", vectorColumns(),
                        3));
    }

    /** Rows of 118 and 136 columns: long enough for {@link VectorProducts}' register blocks. */
    static NetworkSpec vectorColumns() {
        return Nets.input("fdvec", 2, 10, 10)
                .add("c1", m -> new Conv(m, 2, 5, List.of(3, 3), List.of(1, 1), Padding.Explicit.uniform(1, 2),
                        PaddingMode.ZEROS, List.of(1, 1), 1, true, Activation.of(Activation.Kind.TANH)))
                .add("c2", m -> new Conv(m, 2, 3, List.of(3, 3), List.of(1, 1), Padding.Explicit.uniform(2, 2),
                        PaddingMode.ZEROS, List.of(2, 2), 1, false, Activation.of(Activation.Kind.SIGMOID)))
                .add("gap", m -> new GlobalPool(m, PoolKind.AVG))
                .add("out", m -> new Dense(m, 3, true, Activation.NONE))
                .spec();
    }

    /** The vector kernels for the network built to use them, plain Java for the others. */
    private static GeneratorOptions options(NetworkSpec spec) {
        return GeneratorOptions.defaults().withVectorApi(spec.name().equals("fdvec"));
    }

    /**
     * Stride-1 ungrouped convolutions take {@link ConvBackwardColumnsEmitter} (transposed im2col
     * with and without a bias column; C·taps below 16 with per-tap dW), a dense layer of 16+
     * inputs {@link DenseBackwardEmitter}; batch 6 runs its groups of four samples and the rest.
     */
    static NetworkSpec columns() {
        Activation relu = Activation.of(Activation.Kind.RELU);
        return Nets.input("fdcols", 3, 7, 6)
                .add("c1", m -> new Conv(m, 2, 5, List.of(3, 3), List.of(1, 1), Padding.Explicit.uniform(1, 2),
                        PaddingMode.ZEROS, List.of(1, 1), 1, true, relu))
                .add("c2", m -> new Conv(m, 2, 4, List.of(3, 2), List.of(1, 1), Padding.Explicit.uniform(2, 2),
                        PaddingMode.ZEROS, List.of(2, 1), 1, false, Activation.of(Activation.Kind.TANH)))
                .add("c3", m -> new Conv(m, 2, 3, List.of(1, 1), List.of(1, 1), Padding.VALID, PaddingMode.ZEROS,
                        List.of(1, 1), 1, true, relu))
                .add("flat", dev.cnnc.spec.model.Flatten::new)
                .add("fc", m -> new Dense(m, 18, true, relu))
                .add("out", m -> new Dense(m, 3, true, Activation.NONE))
                .spec();
    }

    static NetworkSpec net2d() {
        Activation tanh = Activation.of(Activation.Kind.TANH);
        Activation sigmoid = Activation.of(Activation.Kind.SIGMOID);
        return Nets.input("fd2d", 2, 8, 8).normalize(List.of(0.4, 0.6), List.of(0.5, 0.25))
                .add("c1", m -> new Conv(m, 2, 4, List.of(3, 3), List.of(1, 1), Padding.Explicit.uniform(1, 2),
                        PaddingMode.REFLECT, List.of(1, 1), 2, true, tanh))
                .add("dw", m -> new DepthwiseConv2d(m, List.of(3, 3), 2, List.of(2, 2), Padding.Explicit.uniform(1, 2),
                        PaddingMode.CIRCULAR, List.of(1, 1), true, sigmoid))
                .add("bn", m -> new BatchNorm(m, 0.1, 1e-5))
                .add("lr", m -> new ActivationLayer(m, new Activation(Activation.Kind.LEAKY_RELU, 0.1)))
                .add("sep", m -> new SeparableConv2d(m, 4, List.of(3, 3), List.of(1, 1), Padding.Explicit.uniform(1, 2),
                        PaddingMode.REPLICATE, List.of(1, 1), true, Activation.NONE))
                .add("avg", m -> new Pool(m, PoolKind.AVG, 2, List.of(3, 3), List.of(1, 1),
                        Padding.Explicit.uniform(1, 2), false, false))
                .add("l2", m -> new Pool(m, PoolKind.L2, 2, List.of(2, 2), List.of(2, 2), Padding.VALID, false, false))
                .add("mp", List.of("sep"), m -> new Pool(m, PoolKind.MAX, 2, List.of(2, 2), List.of(2, 2),
                        Padding.VALID, false, false))
                .add("sum", List.of("l2", "mp"), Add::new)
                .add("cat", List.of("sum", "mp"), Concat::new)
                .add("drop", m -> new Dropout(m, 0.3))
                .add("gap", m -> new GlobalPool(m, PoolKind.AVG))
                .add("fc", m -> new Dense(m, 6, true, Activation.of(Activation.Kind.SOFTMAX)))
                .add("out", m -> new Dense(m, 3, true, Activation.NONE))
                .spec();
    }

    static NetworkSpec net1d() {
        return Nets.input("fd1d", 3, 16)
                .add("c1", m -> new Conv(m, 1, 4, List.of(3), List.of(1), Nets.pad(List.of(2), List.of(1)),
                        PaddingMode.ZEROS, List.of(2), 1, true, Activation.of(Activation.Kind.SIGMOID)))
                .add("p", m -> new Pool(m, PoolKind.AVG, 1, List.of(3), List.of(2), Padding.Explicit.uniform(1, 1),
                        true, true))
                .add("c2", m -> new Conv(m, 1, 4, List.of(3), List.of(1), Padding.Explicit.uniform(1, 1),
                        PaddingMode.CIRCULAR, List.of(1), 2, true, Activation.NONE))
                .add("r", m -> new ActivationLayer(m, Activation.of(Activation.Kind.RELU)))
                .add("mp", m -> new Pool(m, PoolKind.MAX, 1, List.of(2), List.of(2), Padding.Explicit.uniform(1, 1),
                        false, true))
                .add("gmax", m -> new GlobalPool(m, PoolKind.MAX))
                .add("gavg", List.of("p"), m -> new GlobalPool(m, PoolKind.AVG))
                .add("cat", List.of("gmax", "gavg"), Concat::new)
                .add("t", m -> new ActivationLayer(m, Activation.of(Activation.Kind.TANH)))
                .add("fc", m -> new Dense(m, 3, true, Activation.of(Activation.Kind.TANH)))
                .add("sm", m -> new ActivationLayer(m, Activation.of(Activation.Kind.SOFTMAX)))
                .add("out", m -> new Dense(m, 2, false, Activation.NONE))
                .spec();
    }

    /** Random parameters: N(0, 0.5²) weights, batchnorm γ ≈ 1 and running_var 1. */
    static float[] randomParams(Trainables probe, Random random) {
        float[] p = new float[probe.ir.paramCount()];
        for (ParamTensor t : probe.ir.params()) {
            for (int i = t.offset(); i < t.end(); i++) {
                p[i] = t.name().endsWith("running_var") ? 1f : (float) (random.nextGaussian() * 0.5);
                if (t.name().startsWith("bn.weight")) {
                    p[i] += 1f;
                }
            }
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void backwardMatchesCentralDifferences(String label, NetworkSpec spec, int batch) {
        Random random = new Random(11);
        Trainables probe = Trainables.build(spec, options(spec), new float[
                dev.cnnc.compiler.ir.Lowering.lower(dev.cnnc.compiler.testing.Models.typed(spec)).paramCount()]);
        assertEquals(options(spec).vectorApi(),
                probe.source.files().values().stream().anyMatch(text -> text.contains("FloatVector")),
                "vector kernels in the source");
        assertEquals(options(spec).vectorApi(),
                probe.source.files().values().stream().anyMatch(text -> text.contains("gpad_")),
                "vector dx in the source");
        assertEquals(options(spec).vectorApi(),
                probe.source.files().values().stream().anyMatch(text -> text.contains("xrow_")),
                "vector dW in the source");
        float[] start = randomParams(probe, random);
        System.arraycopy(start, 0, probe.parameters(), 0, start.length);
        float[] input = new float[batch * probe.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        float[] r = new float[batch * probe.outputSize()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        probe.setDropoutSeed(42);
        probe.forwardTrain(input, batch, true);
        float[] grads = probe.backward(r, batch);
        float[] gradInput = probe.inputGradients(batch);
        List<String> failures = new ArrayList<>();
        for (ParamTensor t : probe.ir.params()) {
            if (!t.trainable()) {
                continue;
            }
            double[] v = direction(random, t.size());
            double analytic = 0;
            for (int i = 0; i < t.size(); i++) {
                analytic += grads[t.offset() + i] * v[i];
            }
            float[] params = probe.parameters();
            double fd = difference(k -> {
                for (int i = 0; i < t.size(); i++) {
                    params[t.offset() + i] = (float) (start[t.offset() + i] + k * H * v[i]);
                }
                return loss(probe, input, r);
            });
            System.arraycopy(start, t.offset(), params, t.offset(), t.size());
            check(label + " " + t.name(), analytic, fd, failures);
        }
        double[] v = direction(random, input.length);
        double analytic = 0;
        for (int i = 0; i < input.length; i++) {
            analytic += gradInput[i] * v[i];
        }
        double fd = difference(k -> {
            float[] x = input.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (input[i] + k * H * v[i]);
            }
            return loss(probe, x, r);
        });
        check(label + " input", analytic, fd, failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The batched backward (groups of four samples in the dense row form, gradients accumulated
     * over the batch in scratch rows) gives the sum of the single-sample gradients, and each
     * sample's input gradient unchanged.
     */
    @org.junit.jupiter.api.Test
    void batchGradientsAreSumsOfSampleGradients() {
        NetworkSpec spec = columns();
        Random random = new Random(5);
        Trainables probe = Trainables.build(spec, GeneratorOptions.defaults(), new float[
                dev.cnnc.compiler.ir.Lowering.lower(dev.cnnc.compiler.testing.Models.typed(spec)).paramCount()]);
        float[] start = randomParams(probe, random);
        System.arraycopy(start, 0, probe.parameters(), 0, start.length);
        int batch = 6;
        int in = probe.inputSize();
        int out = probe.outputSize();
        float[] input = new float[batch * in];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        float[] r = new float[batch * out];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        probe.forwardTrain(input, batch, true);
        float[] grads = probe.backward(r, batch);
        float[] gradInput = probe.inputGradients(batch);
        double[] sum = new double[grads.length];
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < batch; n++) {
            probe.forwardTrain(java.util.Arrays.copyOfRange(input, n * in, (n + 1) * in), 1, true);
            float[] g = probe.backward(java.util.Arrays.copyOfRange(r, n * out, (n + 1) * out), 1);
            for (int i = 0; i < g.length; i++) {
                sum[i] += g[i];
            }
            float[] gi = probe.inputGradients(1);
            for (int i = 0; i < in; i++) {
                if (Math.abs(gi[i] - gradInput[n * in + i]) > 1e-5 * (1 + Math.abs(gi[i]))) {
                    failures.add("sample " + n + " input " + i + ": " + gradInput[n * in + i] + " vs " + gi[i]);
                }
            }
        }
        for (int i = 0; i < grads.length; i++) {
            if (Math.abs(grads[i] - sum[i]) > 1e-4 * (1 + Math.abs(sum[i]))) {
                failures.add("param " + i + ": batch " + grads[i] + " vs sum of samples " + sum[i]);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences, first: "
                + failures.subList(0, Math.min(5, failures.size())));
    }

    private static void check(String what, double analytic, double fd, List<String> failures) {
        double err = Math.abs(analytic - fd);
        System.out.printf("%s: analytic %.6g fd %.6g err %.2g%n", what, analytic, fd, err);
        if (!(err <= 1e-3 + 0.01 * Math.max(Math.abs(analytic), Math.abs(fd)))) {
            failures.add(what + ": analytic " + analytic + " vs finite difference " + fd);
        }
    }

    private static double difference(java.util.function.IntToDoubleFunction lossAt) {
        return (lossAt.applyAsDouble(1) - lossAt.applyAsDouble(-1)) / (2 * H);
    }

    private static double[] direction(Random random, int n) {
        double[] v = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(norm);
        }
        return v;
    }

    /** Σ r·logits in double, dropout reseeded so every evaluation draws the same mask. */
    private static double loss(Trainables model, float[] input, float[] r) {
        model.setDropoutSeed(42);
        float[] out = model.forwardTrain(input, r.length / model.outputSize(), true);
        double l = 0;
        for (int i = 0; i < out.length; i++) {
            l += (double) r[i] * out[i];
        }
        return l;
    }
}
