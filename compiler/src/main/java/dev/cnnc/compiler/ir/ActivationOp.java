package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import java.util.List;

/**
 * An element-wise activation on [channels, spatial] values: relu max(x, 0); leaky_relu
 * x or slope·x; sigmoid 1/(1+e^-x); tanh. Softmax runs over the channel axis at each spatial
 * position: {@code exp(x_c - max) / Σ_c' exp(x_c' - max)} (the max subtracted so exp cannot overflow).
 */
public record ActivationOp(String layer, Buffer in, Buffer out, Activation activation, int channels, int spatial)
        implements Op {
    public ActivationOp {
        if (in.size() != out.size() || (long) channels * spatial != out.size()) {
            throw new IllegalArgumentException("activation sizes mismatch in " + layer);
        }
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
        return List.of();
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitActivation(this);
    }
}
