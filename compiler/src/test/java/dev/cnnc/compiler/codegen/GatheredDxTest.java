package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gathered dx ({@link ConvBackwardColumnsEmitter#gathersDx}): a convolution with a fused ReLU
 * and rows {@code taps·C} of at least {@link ConvBackwardColumnsEmitter#MIN_GATHERED_ROW} floats
 * sums only the non-zero output gradients, into a channel-minor dx. It must give what the rolled
 * direct kernels give (themselves checked against PyTorch and finite differences), for square and
 * non-square kernels, dilation along the height, padding, and as the first layer, whose dx is only
 * asked for by {@code inputGradients}.
 */
class GatheredDxTest {
    private static final Activation RELU = Nets.act(Activation.Kind.RELU);
    private static final Activation IDENTITY = Nets.act(Activation.Kind.IDENTITY);

    /** A conv with {@code kernel} (h, w), dilation (dh, 1), {@code padding} on every side. */
    private static Function<dev.cnnc.spec.model.LayerMeta, dev.cnnc.spec.model.Layer> conv(int filters, int kh, int kw,
            int dh, int padding, Activation act) {
        return m -> new Conv(m, 2, filters, List.of(kh, kw), List.of(1, 1), Padding.Explicit.uniform(padding, 2),
                PaddingMode.ZEROS, List.of(dh, 1), 1, true, act);
    }

    /** c2 (32 input channels, 3x3: rows of 288 floats) gathers; c1 (3 channels: 27) does not. */
    static NetworkSpec hidden() {
        return Nets.input("img", 3, 9, 10).add("c1", conv(32, 3, 3, 1, 1, RELU))
                .add("c2", conv(7, 3, 3, 1, 1, RELU)).add("pool", Nets.maxpool(2, 2)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, IDENTITY)).spec();
    }

    /** A 2x5 kernel dilated by 2 along the height on 20 channels (rows of 200 floats), no padding. */
    static NetworkSpec dilated() {
        return Nets.input("img", 2, 8, 9).add("c1", conv(20, 1, 1, 1, 0, RELU))
                .add("c2", conv(5, 2, 5, 2, 0, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
    }

    /** The first layer gathers: its dx runs in inputGradients only. */
    static NetworkSpec first() {
        return Nets.input("img", 32, 5, 6).add("c1", conv(6, 3, 3, 1, 1, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
    }

    /** One 3x3 ReLU convolution on {@code channels} input channels. */
    private static NetworkSpec single(int channels) {
        return Nets.input("img", channels, 5, 6).add("c1", conv(6, 3, 3, 1, 1, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
    }

    @Test
    void theRuleTakesReluConvolutionsWithLongRowsOnly() {
        assertEquals(Map.of("c1", false, "c2", true), gathers(hidden()));
        assertEquals(Map.of("c1", false, "c2", true), gathers(dilated()));
        assertEquals(Map.of("c1", true), gathers(first()));
        NetworkSpec linear = Nets.input("img", 3, 9, 10).add("c1", conv(32, 3, 3, 1, 1, RELU))
                .add("c2", conv(7, 3, 3, 1, 1, IDENTITY)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, IDENTITY)).spec();
        assertEquals(Map.of("c1", false, "c2", false), gathers(linear), "no zeros to skip without a ReLU");
        NetworkSpec widthDilated = Nets.input("img", 32, 5, 9).add("c1", m -> new Conv(m, 2, 4, List.of(3, 3),
                List.of(1, 1), Padding.Explicit.uniform(0, 2), PaddingMode.ZEROS, List.of(1, 2), 1, true, RELU))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
        assertEquals(Map.of("c1", false), gathers(widthDilated), "taps along a dilated width are not contiguous");
        assertEquals(90, ConvBackwardColumnsEmitter.MIN_GATHERED_ROW - 6, "the threshold lies between 90 and 99");
        assertEquals(Map.of("c1", false), gathers(single(10)), "rows of 9 taps x 10 channels = 90 floats");
        assertEquals(Map.of("c1", true), gathers(single(11)), "rows of 99 floats");
    }

    @Test
    void theGeneratedCodeHasTheGatheredKernel() {
        String code = JavaGenerator.generateTrainable(Lowering.lower(Models.typed(hidden())), GeneratorOptions.defaults())
                .files().values().iterator().next();
        assertTrue(code.contains("dT_c2") && code.contains("wk_c2"), "c2's gathered dx");
        assertFalse(code.contains("dT_c1"), "c1 keeps the dense dx");
        assertTrue(code.contains("gcol_c1"), "c1's gradient columns");
    }

    @Test
    void aHiddenLayerGivesWhatTheRolledKernelsGive() {
        RolledReference.assertMatches(hidden(), 5);
    }

    @Test
    void aDilatedNonSquareKernelGivesWhatTheRolledKernelsGive() {
        RolledReference.assertMatches(dilated(), 5);
    }

    @Test
    void theFirstLayersInputGradientsAreWhatTheRolledKernelsGive() {
        RolledReference.assertMatches(first(), 5);
    }

    private static Map<String, Boolean> gathers(NetworkSpec spec) {
        ModelIr ir = Lowering.lower(Models.typed(spec));
        return ir.ops().stream().filter(op -> op instanceof ConvOp).map(op -> (ConvOp) op)
                .collect(Collectors.toMap(ConvOp::layer, ConvBackwardColumnsEmitter::gathersDx));
    }
}
