package dev.cnnc.compiler.ir;

import java.util.List;

/**
 * Joins inputs along the channel axis: with channels-first storage, input k's whole buffer
 * lands at offset {@code Σ_{j<k} size(in_j)} of {@code out}.
 */
public record ConcatOp(String layer, List<Buffer> inputs, Buffer out) implements Op {
    public ConcatOp {
        inputs = List.copyOf(inputs);
        if (inputs.stream().mapToLong(Buffer::size).sum() != out.size()) {
            throw new IllegalArgumentException("concat sizes mismatch in " + layer);
        }
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
        return visitor.visitConcat(this);
    }
}
