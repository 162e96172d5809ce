package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.PoolOp;
import dev.cnnc.compiler.ir.Window;

/**
 * Emits the backward pass of a {@link PoolOp} on its padded input, per window:
 * <pre>
 * max: dx[argmax] += g        (the first maximum in row-major window order, PyTorch's choice, or
 *                              the last NaN, as PyTorch; padded cells hold −inf and never win;
 *                              a fused ReLU passes g only where y &gt; 0)
 * avg: dx[cell] += g / (n_h · n_w)   for every cell of the window, the divisor as in the forward
 * l2:  dx[cell] += g · x[cell] / y    (y = sqrt(Σ x²); nothing where y = 0)
 * </pre>
 * The argmax is found again from the saved input rather than stored: it is the same cell.
 * Gradients landing on padding cells are dropped by the pad op's backward.
 */
final class PoolBackwardEmitter {
    private final PoolOp op;
    private final Window h;
    private final Window w;

    PoolBackwardEmitter(PoolOp op) {
        this.op = op;
        this.h = op.h();
        this.w = op.w();
    }

    String emit(String name) {
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("for (int n = 0; n < batch; n++) {\n");
        s.append("final int xs = n * ").append(op.in().size()).append("; final int ys = n * ")
                .append(op.out().size()).append(";\n");
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) {\n");
        s.append("for (int oh = 0; oh < ").append(h.out()).append("; oh++) {\n");
        divisor(s, h, "oh", "nh");
        s.append("for (int ow = 0; ow < ").append(w.out()).append("; ow++) {\n");
        divisor(s, w, "ow", "nw");
        s.append("final int yo = ys + (c * ").append(h.out()).append(" + oh) * ").append(w.out()).append(" + ow;\n");
        s.append("final float g = GY[yo];\n");
        s.append("final int b = xs + c * ").append((long) h.in() * w.in()).append(" + oh * ")
                .append((long) h.stride() * w.in()).append(" + ow * ").append(w.stride()).append(";\n");
        String cells = "for (int kh = 0; kh < " + h.kernel() + "; kh++) { for (int kw = 0; kw < " + w.kernel()
                + "; kw++) { final int at = b + kh * " + w.in() + " + kw; ";
        switch (op.kind()) {
            case MAX -> {
                if (!op.activation().isIdentity()) {
                    s.append("if (Y[yo] > 0f) {\n");
                }
                s.append("int arg = b; float best = X[b];\n");
                // without a branch: random activations make "is this cell larger" a coin toss, and
                // C2 keeps an if, or a float ?: as a jump (mispredicted about half the time). The
                // index moves by arithmetic and the running maximum is Math.max: VGG-small's 2x2
                // windows 13.7 -> 5.3 ns each in a harness, the 1-D example's pool backward
                // 290 -> 108 us per batch of 64. A NaN wins and stays the maximum, so the last NaN
                // of a window gets the gradient, as in PyTorch (val > max || isnan(val)).
                s.append(cells).append("final float v = X[at]; final int gt = (v > best) | (v != v) ? 1 : 0; ")
                        .append("arg += (at - arg) * gt; best = Math.max(best, v); } }\n");
                s.append("GX[arg] += g;\n");
                if (!op.activation().isIdentity()) {
                    s.append("}\n");
                }
            }
            case AVG -> s.append("final float v = g / (float) (nh * nw);\n").append(cells)
                    .append("GX[at] += v; } }\n");
            case L2 -> s.append("final float y = Y[yo];\nif (y > 0f) { final float r = g / y;\n").append(cells)
                    .append("GX[at] += r * X[at]; } }\n}\n");
        }
        return s.append("}\n}\n}\n}\n}\n").toString();
    }

    /**
     * {@code final int n = …;} the cells average pooling divides by along one axis (PoolOp):
     * with {@code h0 = pos·s − padBefore}, {@code min(h0 + k, realIn + padAfter) − h0} when
     * count_include_pad, else {@code min(h0 + k, realIn) − max(h0, 0)}.
     */
    private void divisor(StringBuilder s, Window a, String pos, String n) {
        s.append("final int ").append(n).append("0 = ").append(pos).append(" * ").append(a.stride()).append(" - ")
                .append(a.padBefore()).append(";\n");
        if (op.countIncludePad()) {
            s.append("final int ").append(n).append(" = Math.min(").append(n).append("0 + ").append(a.kernel())
                    .append(", ").append(a.realIn() + a.padAfter()).append(") - ").append(n).append("0;\n");
        } else {
            s.append("final int ").append(n).append(" = Math.min(").append(n).append("0 + ").append(a.kernel())
                    .append(", ").append(a.realIn()).append(") - Math.max(").append(n).append("0, 0);\n");
        }
    }
}
