package dev.cnnc.compiler.ir;

import java.util.List;

/** {@code out[k] = Σ_inputs in[k]}, all of equal size. */
public record AddOp(String layer, List<Buffer> inputs, Buffer out) implements Op {
    public AddOp {
        inputs = List.copyOf(inputs);
        for (Buffer b : inputs) {
            if (b.size() != out.size()) {
                throw new IllegalArgumentException("add inputs differ in size in " + layer);
            }
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
        return visitor.visitAdd(this);
    }
}
