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
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gathered forward ({@link GatheredConvEmitter}): a stride-1 convolution whose input is a
 * ReLU's output and whose rows {@code taps·OC} reach {@link GatheredConvEmitter#MIN_ROW} sums only
 * the non-zero input cells. It must give what the reference loops give ({@link RolledReference}),
 * forward and backward, with padding, a non-square kernel dilated along the height, no bias and
 * other activations, a ReLU layer of its own before reflect padding, and chunks of several samples.
 */
class GatheredConvTest {
    private static final Activation RELU = Nets.act(Activation.Kind.RELU);
    private static final Activation IDENTITY = Nets.act(Activation.Kind.IDENTITY);

    private static Function<LayerMeta, Layer> conv(int filters, int kh, int kw, int dh, int padding,
            PaddingMode mode, boolean bias, Activation act) {
        return m -> new Conv(m, 2, filters, List.of(kh, kw), List.of(1, 1), Padding.Explicit.uniform(padding, 2), mode,
                List.of(dh, 1), 1, bias, act);
    }

    /** The fewest filters whose rows {@code taps·OC} reach the rule's threshold. */
    private static int filtersFor(int taps) {
        return (GatheredConvEmitter.MIN_ROW + taps - 1) / taps;
    }

    /** c2 (3x3, rows just reaching MIN_ROW) reads c1's ReLU through zero padding; c1 reads the image. */
    static NetworkSpec stacked() {
        return Nets.input("img", 3, 9, 10).add("c1", conv(8, 3, 3, 1, 1, PaddingMode.ZEROS, true, RELU))
                .add("c2", conv(filtersFor(9), 3, 3, 1, 1, PaddingMode.ZEROS, true, RELU)).add("pool", Nets.maxpool(2, 2))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 3, true, IDENTITY)).spec();
    }

    /** A 2x4 kernel dilated by 2 along the height, no bias, tanh, no padding. */
    static NetworkSpec dilated() {
        return Nets.input("img", 2, 11, 9).add("c1", conv(6, 1, 1, 1, 0, PaddingMode.ZEROS, true, RELU))
                .add("c2", conv(filtersFor(8), 2, 4, 2, 0, PaddingMode.ZEROS, false, Nets.act(Activation.Kind.TANH)))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
    }

    /** A ReLU layer of its own, then reflect padding; 6x6 planes, so the batch runs in chunks. */
    static NetworkSpec reluLayer() {
        return Nets.input("img", 4, 6, 6).add("c1", conv(16, 3, 3, 1, 1, PaddingMode.ZEROS, true, IDENTITY))
                .add("r", m -> new ActivationLayer(m, RELU))
                .add("c2", conv(filtersFor(9), 3, 3, 1, 1, PaddingMode.REFLECT, true, RELU))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 2, true, IDENTITY)).spec();
    }

    @Test
    void theRuleTakesConvolutionsOfAReluOutputWithLongRowsOnly() {
        assertEquals(Map.of("c1", false, "c2", true), gathered(stacked()));
        assertEquals(Map.of("c1", false, "c2", true), gathered(dilated()));
        assertEquals(Map.of("c1", false, "c2", true), gathered(reluLayer()));
        NetworkSpec shortRows = Nets.input("img", 3, 9, 10).add("c1", conv(8, 3, 3, 1, 1, PaddingMode.ZEROS, true, RELU))
                .add("c2", conv(filtersFor(9) - 1, 3, 3, 1, 1, PaddingMode.ZEROS, true, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, IDENTITY)).spec();
        assertEquals(Map.of("c1", false, "c2", false), gathered(shortRows), "rows just below MIN_ROW");
        NetworkSpec dense = Nets.input("img", 3, 9, 10).add("c1", conv(8, 3, 3, 1, 1, PaddingMode.ZEROS, true,
                        Nets.act(Activation.Kind.TANH)))
                .add("c2", conv(filtersFor(9), 3, 3, 1, 1, PaddingMode.ZEROS, true, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, IDENTITY)).spec();
        assertEquals(Map.of("c1", false, "c2", false), gathered(dense), "a tanh's output has no zeros to skip");
    }

    /** What `cnnc bench --per-layer` marks as an effective rate: the layers the generator gathered. */
    @Test
    void zeroSkippingLayersAreTheGatheredOnesOfTheGeneratedCode() {
        ModelIr ir = Lowering.lower(Models.typed(stacked()));
        assertEquals(Set.of("c2"), JavaGenerator.zeroSkippingLayers(ir, UnrollMode.KERNEL, false));
        assertEquals(Set.of(), JavaGenerator.zeroSkippingLayers(ir, UnrollMode.NONE, false), "the reference loops");
        // c2's rows span 106 columns, enough for the vector kernels, which then take it
        assertTrue(VectorProducts.applies((ConvOp) ir.ops().stream()
                .filter(op -> op instanceof ConvOp c && c.layer().equals("c2")).findFirst().orElseThrow()));
        assertEquals(Set.of(), JavaGenerator.zeroSkippingLayers(ir, UnrollMode.KERNEL, true), "the vector kernels");
    }

    @Test
    void theGeneratedCodeHasTheGatheredKernelExceptWithTheVectorKernels() {
        ModelIr ir = Lowering.lower(Models.typed(stacked()));
        String plain = JavaGenerator.generate(ir, GeneratorOptions.defaults()).files().values().iterator().next();
        assertTrue(plain.contains("oT_c2") && plain.contains("wf_c2"), "c2's gathered kernel");
        assertFalse(plain.contains("oT_c1"), "c1 keeps the column kernel");
        assertTrue(plain.lines().anyMatch(l -> l.contains("wf_c2[c]")),
                "parametersChanged re-lays the weights");
    }

    @Test
    void stackedConvolutionsGiveWhatTheReferenceGives() {
        RolledReference.assertMatches(stacked(), 8);
    }

    @Test
    void aDilatedNonSquareKernelWithoutBiasGivesWhatTheReferenceGives() {
        RolledReference.assertMatches(dilated(), 8);
    }

    @Test
    void aReluLayerBeforeReflectPaddingInChunksGivesWhatTheReferenceGives() {
        assertTrue(ChunkPlan.samplesPerChunk(Lowering.lower(Models.typed(reluLayer())), UnrollMode.KERNEL) > 1,
                "the test needs chunks of several samples");
        RolledReference.assertMatches(reluLayer(), 8);
    }

    private static Map<String, Boolean> gathered(NetworkSpec spec) {
        ModelIr ir = Lowering.lower(Models.typed(spec));
        Set<Integer> relu = GatheredConvEmitter.reluOutputs(ir);
        return ir.ops().stream().filter(op -> op instanceof ConvOp).map(op -> (ConvOp) op)
                .collect(Collectors.toMap(ConvOp::layer, c -> GatheredConvEmitter.applies(c, relu)));
    }
}
