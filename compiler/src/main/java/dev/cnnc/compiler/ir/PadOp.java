package dev.cnnc.compiler.ir;

import java.util.List;

/**
 * Copies a [C, H, W] (or [C, L], as H = 1) input into the middle of a larger buffer
 * [C, H + top + bottom, W + left + right] and fills the border per {@link #fill()}
 * (padded index p reads source index {@code fill.source(p - before, n)}, per axis, so corners
 * combine both axes as PyTorch does). Extra cells after {@code bottom}/{@code right} that
 * ceil-mode pooling windows may reach are filled like constant padding.
 *
 * @param inH   real input height (1 for 1-D)
 * @param inW   real input width (L for 1-D)
 */
public record PadOp(String layer, Buffer in, Buffer out, int channels, int inH, int inW,
                    int top, int left, int outH, int outW, PadFill fill) implements Op {
    public PadOp {
        if (outH < inH + top || outW < inW + left || (long) channels * outH * outW != out.size()
                || (long) channels * inH * inW != in.size()) {
            throw new IllegalArgumentException("inconsistent padding of " + layer);
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
        return visitor.visitPad(this);
    }
}
