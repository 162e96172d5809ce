package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the backward pass of a {@link ConvOp} over a batch, per sample and per (output channel,
 * input channel of its group):
 * <pre>
 * dW[o, c, t] += Σ_{oh, ow} gy[o, oh, ow] · x[c, oh·sh + kh·dh, ow·sw + kw·dw]     (a correlation of x and gy)
 * dx[c, oh·sh + kh·dh, ow·sw + kw·dw] += W[o, c, t] · gy[o, oh, ow]            (a correlation with the flipped kernel)
 * db[o] += Σ gy[o, ·]
 * </pre>
 * on the padded input (the pad op's backward folds the border back). As in the forward
 * {@link ConvEmitter}, the taps are unrolled with their offsets {@code C_t = kh·dh·PW + kw·dw}
 * folded to constants and the innermost loop over {@code ow} is a plain counted loop: one with
 * an accumulator per tap for dW, one scattering with the weights in locals for dx.
 */
final class ConvBackwardEmitter {
    /** Taps unrolled per block at most (two statements of this many terms stay far below the budget). */
    static final int MAX_UNROLLED = 25;
    private final ConvOp op;
    private final Window h;
    private final Window w;

    ConvBackwardEmitter(ConvOp op) {
        this.op = op;
        this.h = op.h();
        this.w = op.w();
    }

    /** The method text, named {@code name}, taking {@code (int batch, float[] gp)}. */
    String emit(String name) {
        int ohw = h.out() * w.out();
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int batch, float[] gp) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[] p = params;\n");
        s.append("for (int n = 0; n < batch; n++) {\n");
        s.append("final int xs = n * ").append(op.in().size()).append("; final int ys = n * ")
                .append(op.out().size()).append(";\n");
        s.append(TrainSrc.fusedGrad(op.activation(), op.out().size()));
        op.bias().ifPresent(b -> s.append(TrainSrc.biasSums(op.outChannels(), ohw, b.offset())));
        channelLoops(s, true);
        s.append("}\n}\n");
        return s.toString();
    }

    /**
     * For every (output channel, input channel of its group): dW with an accumulator per tap
     * into {@code gp}, and with {@code withDx} the scatter of dx into {@code GX}. Needs the
     * sample bases {@code xs}, {@code ys}, the arrays {@code X}, {@code GY} ({@code GX} with
     * dx), {@code gp} and, with dx, {@code p}.
     */
    void channelLoops(StringBuilder s, boolean withDx) {
        int ohw = h.out() * w.out();
        int plane = h.in() * w.in();
        int icg = op.inPerGroup();
        int taps = op.taps();
        s.append("for (int oc = 0; oc < ").append(op.outChannels()).append("; oc++) {\n");
        s.append("final int ob = ys + oc * ").append(ohw).append(";\n");
        s.append("final int ib = xs + (oc / ").append(op.outPerGroup()).append(") * ").append((long) icg * plane)
                .append(";\n");
        s.append("for (int ic = 0; ic < ").append(icg).append("; ic++) {\n");
        s.append("final int cb = ib + ic * ").append(plane).append("; final int wb = ")
                .append(op.weight().offset()).append(" + (oc * ").append(icg).append(" + ic) * ").append(taps)
                .append(";\n");
        if (taps <= MAX_UNROLLED) {
            List<long[]> terms = new ArrayList<>();
            for (int kh = 0; kh < h.kernel(); kh++) {
                for (int kw = 0; kw < w.kernel(); kw++) {
                    terms.add(new long[] {(long) kh * w.kernel() + kw, Window.tapOffset(h, w, kh, kw)});
                }
            }
            block(s, terms, "cb", "wb", withDx);
        } else if (w.kernel() <= MAX_UNROLLED) {
            List<long[]> terms = new ArrayList<>();
            for (int kw = 0; kw < w.kernel(); kw++) {
                terms.add(new long[] {kw, Window.tapOffset(h, w, 0, kw)});
            }
            s.append("for (int kh = 0; kh < ").append(h.kernel()).append("; kh++) {\n");
            s.append("final int cbk = cb + kh * ").append((long) h.dilation() * w.in()).append("; final int wbk = wb + kh * ")
                    .append(w.kernel()).append(";\n");
            block(s, terms, "cbk", "wbk", withDx);
            s.append("}\n");
        } else {
            s.append("for (int kh = 0; kh < ").append(h.kernel()).append("; kh++) {\n");
            s.append("for (int kw = 0; kw < ").append(w.kernel()).append("; kw++) {\n");
            s.append("final int cbk = cb + kh * ").append((long) h.dilation() * w.in()).append(" + kw * ")
                    .append(w.dilation()).append("; final int wbk = wb + kh * ").append(w.kernel()).append(" + kw;\n");
            block(s, List.of(new long[] {0, 0}), "cbk", "wbk", withDx);
            s.append("}\n}\n");
        }
        s.append("}\n}\n");
    }

    /** terms: {weight index relative to {@code wb}, input offset relative to the window start}. */
    private void block(StringBuilder s, List<long[]> terms, String cb, String wb, boolean withDx) {
        int t = terms.size();
        for (int k = 0; k < t; k++) {
            s.append("float a").append(k).append(" = 0f;\n");
            if (withDx) {
                s.append("final float w").append(k).append(" = p[").append(wb).append(" + ").append(terms.get(k)[0])
                        .append("];\n");
            }
        }
        String rowStart = "for (int oh = 0; oh < " + h.out() + "; oh++) {\nfinal int o = ob + oh * " + w.out()
                + "; final int i = " + cb + " + oh * " + (long) h.stride() * w.in() + ";\n";
        // dW: one accumulator per tap
        s.append(rowStart).append("for (int ow = 0; ow < ").append(w.out()).append("; ow++) {\n");
        s.append("final float g = GY[o + ow]; final int j = i + ow * ").append(w.stride()).append(";\n");
        for (int k = 0; k < t; k++) {
            s.append("a").append(k).append(" += g * X[j + ").append(terms.get(k)[1]).append("];\n");
        }
        s.append("}\n}\n");
        if (withDx) {
            dxScatter(s, terms, rowStart);
        }
        for (int k = 0; k < t; k++) {
            s.append("gp[").append(wb).append(" + ").append(terms.get(k)[0]).append("] += a").append(k).append(";\n");
        }
    }

    /** dx: scatter with the weights in locals. */
    private void dxScatter(StringBuilder s, List<long[]> terms, String rowStart) {
        int t = terms.size();
        s.append(rowStart).append("for (int ow = 0; ow < ").append(w.out()).append("; ow++) {\n");
        s.append("final float g = GY[o + ow]; final int j = i + ow * ").append(w.stride()).append(";\n");
        for (int k = 0; k < t; k++) {
            s.append("GX[j + ").append(terms.get(k)[1]).append("] += w").append(k).append(" * g;\n");
        }
        s.append("}\n}\n");
    }
}
