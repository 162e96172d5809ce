package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Concat;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.DepthwiseConv2d;
import dev.cnnc.spec.model.Dropout;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Layers the PyTorch fixtures do not cover, checked against independent formulas or equivalent networks. */
class LayerSemanticsTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void normalizeIsAppliedPerChannelFirst() {
        NetworkSpec normalized = Nets.input("n", 2, 2, 2).normalize(List.of(0.25, -1.0), List.of(0.5, 2.0))
                .add("d", m -> new Dropout(m, 0.5)).spec();
        float[] x = {0, 0.25f, 0.5f, 1, 0, 1, -1, 3};
        float[] expected = {-0.5f, 0, 0.5f, 1.5f, 0.5f, 1, 0, 2};
        assertArrayEquals(expected, Models.build(normalized, GeneratorOptions.defaults(), new float[0])
                .forward(x, 8), 1e-6f);
    }

    @Test
    void concatJoinsChannelsAndReshapeKeepsOrder() {
        NetworkSpec spec = Nets.input("cat", 2, 2, 3)
                .add("r", m -> new ActivationLayer(m, Activation.of(Activation.Kind.RELU)))
                .add("cat", List.of("input", "r"), Concat::new)
                .add("flat", m -> new Reshape(m, List.of(4, 6)))
                .spec();
        float[] x = random(12, 1);
        float[] out = Models.build(spec, GeneratorOptions.defaults(), new float[0]).forward(x, 24);
        for (int i = 0; i < 12; i++) {
            assertEquals(x[i], out[i]);
            assertEquals(Math.max(x[i], 0f), out[12 + i]);
        }
    }

    /** separable_conv2d = depthwise_conv2d (no bias) then a 1x1 conv2d, with the same weights. */
    @Test
    void separableEqualsDepthwiseThenPointwise() {
        List<Integer> k = List.of(3, 2);
        Padding pad = new Padding.Explicit(List.of(1, 0), List.of(2, 1));
        Activation tanh = Activation.of(Activation.Kind.TANH);
        NetworkSpec fused = Nets.input("sep", 3, 7, 6)
                .add("s", m -> new SeparableConv2d(m, 4, k, List.of(2, 1), pad, PaddingMode.REFLECT, List.of(1, 1),
                        true, tanh))
                .spec();
        NetworkSpec split = Nets.input("split", 3, 7, 6)
                .add("dw", m -> new DepthwiseConv2d(m, k, 1, List.of(2, 1), pad, PaddingMode.REFLECT, List.of(1, 1),
                        false, Activation.NONE))
                .add("pw", m -> new Conv(m, 2, 4, List.of(1, 1), List.of(1, 1), Padding.VALID, PaddingMode.ZEROS,
                        List.of(1, 1), 1, true, tanh))
                .spec();
        ModelIr ir = Lowering.lower(Models.typed(fused));
        assertEquals(List.of("s.depthwise.weight", "s.pointwise.weight", "s.pointwise.bias"),
                ir.params().stream().map(t -> t.name()).toList());
        assertEquals(List.of(3, 1, 3, 2), ir.params().get(0).shape());
        assertEquals(List.of(4, 3, 1, 1), ir.params().get(1).shape());
        float[] params = random(ir.paramCount(), 2);
        float[] x = random(3 * 7 * 6, 3);
        int outSize = (int) Models.typed(fused).output().size();
        float[] a = Models.build(fused, GeneratorOptions.defaults(), params).forward(x, outSize);
        float[] b = Models.build(split, GeneratorOptions.defaults(), params).forward(x, outSize);
        assertArrayEquals(b, a, 1e-5f);
        assertTrue(outSize == 4 * 4 * 6, "output " + outSize);
    }

    /** y = x·Wᵀ + b for widths that exercise the partial-sum loop and its tail. */
    @Test
    void denseMatchesTheFormulaForEveryWidth() {
        for (int width : new int[] {1, 7, 8, 11, 13}) {
            NetworkSpec spec = Nets.input("dense", width, 1).add("flat", dev.cnnc.spec.model.Flatten::new)
                    .add("fc", m -> new dev.cnnc.spec.model.Dense(m, 3, true, Activation.NONE)).spec();
            float[] params = random(3 * width + 3, width);
            float[] x = random(width, 100 + width);
            float[] y = Models.build(spec, GeneratorOptions.defaults(), params).forward(x, 3);
            for (int o = 0; o < 3; o++) {
                double expected = params[3 * width + o];
                for (int i = 0; i < width; i++) {
                    expected += (double) params[o * width + i] * x[i];
                }
                assertEquals(expected, y[o], 1e-5, "width " + width + " output " + o);
            }
        }
    }
}
