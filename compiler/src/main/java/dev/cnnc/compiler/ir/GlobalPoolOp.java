package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.PoolKind;
import java.util.List;

/** {@code out[c] = mean or max over s < spatial of in[c, s]} (output [C], no trailing 1×1). */
public record GlobalPoolOp(String layer, Buffer in, Buffer out, PoolKind kind, int channels, int spatial)
        implements Op {
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
        return visitor.visitGlobalPool(this);
    }
}
