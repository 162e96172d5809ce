package dev.cnnc.compiler.ir;

import java.util.List;

/**
 * Dropout: at inference {@code out = in} (code generators may let both buffers share storage);
 * in training each element is zeroed with probability {@code rate} and the rest scaled by
 * {@code 1 / (1 − rate)} (PyTorch's inverted dropout), which is why it has buffers of its own.
 */
public record DropoutOp(String layer, Buffer in, Buffer out, double rate) implements Op {
    public DropoutOp {
        if (in.size() != out.size() || !(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("bad dropout " + layer);
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
        return visitor.visitDropout(this);
    }
}
