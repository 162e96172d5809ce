package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PyTorch's Linear: {@code out[o] = act(bias[o] + Σ_i weight[o, i] · in[i])}, weight [out, in].
 * {@code activation} is never softmax (that is an {@link ActivationOp} of its own).
 */
public record DenseOp(String layer, Buffer in, Buffer out, int inFeatures, int outFeatures,
                      ParamTensor weight, Optional<ParamTensor> bias, Activation activation) implements Op {
    public DenseOp {
        if (weight.size() != inFeatures * outFeatures || in.size() != inFeatures || out.size() != outFeatures) {
            throw new IllegalArgumentException("dense sizes mismatch in " + layer);
        }
        if (activation.kind() == Activation.Kind.SOFTMAX) {
            throw new IllegalArgumentException("softmax is not fused into dense");
        }
    }

    public DenseOp withActivation(Activation act) {
        return new DenseOp(layer, in, out, inFeatures, outFeatures, weight, bias, act);
    }

    @Override
    public List<Buffer> inputs() {
        return List.of(in);
    }

    @Override
    public Buffer output() {
        return out;
    }

    @Override
    public List<ParamTensor> params() {
        List<ParamTensor> list = new ArrayList<>(List.of(weight));
        bias.ifPresent(list::add);
        return list;
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitDense(this);
    }
}
