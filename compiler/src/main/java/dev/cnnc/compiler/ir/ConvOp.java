package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cross-correlation on an already padded input (no kernel flip), PyTorch's Conv1d/Conv2d:
 * <pre>
 * out[o, i, j] = act( bias[o] + Σ_{c &lt; inPerGroup} Σ_{kh} Σ_{kw}
 *                weight[o, c, kh, kw] · in[g(o)·inPerGroup + c, i·sh + kh·dh, j·sw + kw·dw] )
 * g(o) = o / (outChannels / groups)
 * </pre>
 * 1-D convolutions use {@code h = Window.TRIVIAL}. {@code activation} is never softmax
 * (that is an {@link ActivationOp} of its own).
 */
public record ConvOp(String layer, Buffer in, Buffer out, int inChannels, int outChannels, int groups,
                     Window h, Window w, ParamTensor weight, Optional<ParamTensor> bias,
                     Activation activation) implements Op {
    public ConvOp {
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups must divide channels in " + layer);
        }
        if (weight.size() != outChannels * (inChannels / groups) * h.kernel() * w.kernel()) {
            throw new IllegalArgumentException("weight size mismatch in " + layer);
        }
        if (activation.kind() == Activation.Kind.SOFTMAX) {
            throw new IllegalArgumentException("softmax is not fused into a convolution");
        }
    }

    public int inPerGroup() {
        return inChannels / groups;
    }

    public int outPerGroup() {
        return outChannels / groups;
    }

    public int taps() {
        return h.kernel() * w.kernel();
    }

    public ConvOp withActivation(Activation act) {
        return new ConvOp(layer, in, out, inChannels, outChannels, groups, h, w, weight, bias, act);
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
        return visitor.visitConv(this);
    }
}
