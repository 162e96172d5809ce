package dev.cnnc.compiler.ir;

import java.util.List;

/**
 * The model's first step: {@code out[c, s] = (in[c, s] - mean[c]) / std[c]} over {@code spatial}
 * positions per channel; a plain copy when {@code mean} is empty (no {@code normalize:}).
 * {@code in} is the caller's array.
 */
public record NormalizeOp(String layer, Buffer in, Buffer out, int channels, int spatial,
                          List<Double> mean, List<Double> std) implements Op {
    public NormalizeOp {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (!mean.isEmpty() && (mean.size() != channels || std.size() != channels)) {
            throw new IllegalArgumentException("normalize needs one mean and std per channel");
        }
    }

    public boolean isCopy() {
        return mean.isEmpty();
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
        return visitor.visitNormalize(this);
    }
}
