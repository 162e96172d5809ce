package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.PoolKind;
import java.util.List;

/**
 * Window pooling per channel on an already padded input (max: padded cells hold -inf;
 * avg and L2: zeros):
 * <pre>
 * max: out[c, i, j] = act( max_{kh, kw} in[c, i·sh + kh, j·sw + kw] )
 * l2:  out[c, i, j] = sqrt( Σ in[c, i·sh + kh, j·sw + kw]² )        (LPPool, p = 2)
 * avg: out[c, i, j] = Σ in[c, i·sh + kh, j·sw + kw] / (n_h(i) · n_w(j))
 *   with h0 = i·sh − padBefore:
 *   n_h = min(h0 + k, realIn + padAfter) − h0      if countIncludePad (PyTorch's pool_size)
 *   n_h = min(h0 + k, realIn) − max(h0, 0)          otherwise (cells inside the input)
 * </pre>
 * {@code activation} is identity or (max only) a fused ReLU, which commutes with max.
 */
public record PoolOp(String layer, Buffer in, Buffer out, PoolKind kind, int channels, Window h, Window w,
                     boolean countIncludePad, Activation activation) implements Op {
    public PoolOp {
        if (!activation.isIdentity() && !(kind == PoolKind.MAX && activation.kind() == Activation.Kind.RELU)) {
            throw new IllegalArgumentException("only ReLU fuses into (max) pooling");
        }
        if (h.dilation() != 1 || w.dilation() != 1) {
            throw new IllegalArgumentException("pooling has no dilation");
        }
    }

    public PoolOp withActivation(Activation act) {
        return new PoolOp(layer, in, out, kind, channels, h, w, countIncludePad, act);
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
        return visitor.visitPool(this);
    }
}
