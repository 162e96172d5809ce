package dev.cnnc.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Padding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoweringTest {
    private static ActivationLayer relu(dev.cnnc.spec.model.LayerMeta m) {
        return new ActivationLayer(m, Activation.of(Activation.Kind.RELU));
    }

    static NetworkSpec lenet() {
        return Nets.input("lenet", 1, 28, 28)
                .add("conv1", Nets.conv2d(6, 5, 1, 2, Activation.NONE))
                .add("r1", LoweringTest::relu)
                .add("pool1", m -> new Pool(m, PoolKind.MAX, 2, List.of(2, 2), List.of(2, 2), Padding.VALID, false,
                        true))
                .add("r2", LoweringTest::relu)
                .add("bn", m -> new BatchNorm(m, 0.1, 1e-5))
                .add("flat", Flatten::new)
                .add("fc1", m -> new Dense(m, 120, true, Activation.NONE))
                .add("fc2", m -> new Dense(m, 10, false, Activation.of(Activation.Kind.SOFTMAX)))
                .spec();
    }

    @Test
    void parametersAreContiguousInStateDictOrder() {
        ModelIr ir = Lowering.lower(Models.typed(lenet()));
        assertEquals(List.of("conv1.weight", "conv1.bias", "bn.weight", "bn.bias", "bn.running_mean",
                "bn.running_var", "fc1.weight", "fc1.bias", "fc2.weight"),
                ir.params().stream().map(ParamTensor::name).toList());
        assertEquals(List.of(6, 1, 5, 5), ir.params().get(0).shape());
        assertEquals(List.of(120, 6 * 14 * 14), ir.params().get(6).shape());
        assertEquals(150 + 6 + 4 * 6 + 120 * 1176 + 120 + 10 * 120, ir.paramCount());
        assertFalse(ir.params().get(4).trainable());
    }

    @Test
    void activationsFuseIntoTheirOnlyProducerAndPaddingIsAnOp() {
        ModelIr ir = Lowering.lower(Models.typed(lenet()));
        List<Class<?>> kinds = ir.ops().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(NormalizeOp.class, PadOp.class, ConvOp.class, PoolOp.class, BatchNormOp.class,
                DenseOp.class, DenseOp.class, ActivationOp.class), kinds);
        assertEquals(Activation.Kind.RELU, ((ConvOp) ir.ops().get(2)).activation().kind());
        assertEquals(Activation.Kind.RELU, ((PoolOp) ir.ops().get(3)).activation().kind());
        assertEquals(Activation.Kind.SOFTMAX, assertInstanceOf(ActivationOp.class, ir.ops().get(7)).activation()
                .kind());
        PadOp pad = (PadOp) ir.ops().get(1);
        assertEquals(List.of(1, 32, 32), pad.out().shape().dims());
        assertEquals(ir.layerOutputs().get("conv1"), ir.layerOutputs().get("r1"));
        assertEquals(ir.layerOutputs().get("bn"), ir.layerOutputs().get("flat"));
        assertEquals(ir.output(), ir.layerOutputs().get("fc2"));
        assertEquals(ir.ops().get(6).output(), ir.logits());
    }

    /** Every op writes a buffer of its own that no earlier op wrote and that it does not read. */
    @Test
    void buffersAreExplicitAndWrittenOnce() {
        ModelIr ir = Lowering.lower(Models.typed(lenet()));
        Set<Integer> written = new HashSet<>();
        for (Op op : ir.ops()) {
            assertTrue(written.add(op.output().id()), "written twice: " + op.output());
            assertTrue(op.inputs().stream().noneMatch(b -> b.id() == op.output().id()), op.layer());
            assertTrue(op.inputs().stream().allMatch(b -> b.id() == ir.input().id() || written.contains(b.id())),
                    op.layer() + " reads a buffer nobody wrote");
        }
    }
}
