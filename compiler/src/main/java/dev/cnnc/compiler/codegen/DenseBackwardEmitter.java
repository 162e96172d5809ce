package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.DenseOp;

/**
 * Emits the backward pass of a {@link DenseOp} ({@code y = W·x + b}) over a batch in the loop
 * shape C2's auto-vectoriser (SuperWord, JDK 17) turns into SIMD code: separate row arrays indexed
 * by the loop variable alone, at most {@link CostModel#COLUMNS_TERMS} multiply-adds per statement.
 * <ul>
 *   <li><b>dW</b>: the weight gradient rows of {@code gp} are copied into scratch rows, and per
 *   group of four samples (their inputs copied into rows {@code xr}) every row gets
 *   {@code d[i] += Σ_{n<4} g_n[o] · x_n[i]} (skipped when the four gradients are all zero, as a
 *   fused ReLU makes common), then the rows are copied back;</li>
 *   <li><b>dx</b>: per sample, {@code dx[i] += Σ_o W[o][i] · g[o]} over groups of four weight
 *   rows (the weights copied into rows once per batch), likewise skipping all-zero groups;</li>
 *   <li><b>db</b>: {@code db[o] += g[o]}.</li>
 * </ul>
 * Narrow and very large layers ({@link #applies}) keep {@link BackwardEmitter}'s plain loops.
 */
final class DenseBackwardEmitter {
    /** Narrowest input for which the row form pays (shorter rows stay in C2's scalar pre/post loops). */
    static final int MIN_IN = 16;
    private static final int GROUP = CostModel.COLUMNS_TERMS;
    private final EmitContext ctx;
    private final DenseOp op;
    private final int in;
    private final int out;
    /** Floats per sample of the input and output buffers. */
    private final int inSize;
    private final int outSize;

    /**
     * Most weights for the row form: its two scratch copies of the weights (values and gradient)
     * stay at most 2 × 16 MiB per model instance; bigger layers keep the plain loops.
     */
    static final long MAX_WEIGHTS = 1L << 22;

    static boolean applies(DenseOp op) {
        return op.inFeatures() >= MIN_IN && (long) op.inFeatures() * op.outFeatures() <= MAX_WEIGHTS;
    }

    DenseBackwardEmitter(EmitContext ctx, DenseOp op) {
        this.ctx = ctx;
        this.op = op;
        this.in = op.inFeatures();
        this.out = op.outFeatures();
        this.inSize = op.in().size();
        this.outSize = op.out().size();
    }

    String emit(String name) {
        String wr = ctx.scratch("wr_", op.layer(), out, in);
        String dwr = ctx.scratch("dwr_", op.layer(), out, in);
        String xr = ctx.scratch("xr_", op.layer(), GROUP, in);
        int wOff = op.weight().offset();
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[] p = params;\n");
        s.append("final float[][] wr = this.").append(wr).append("; final float[][] dwr = this.").append(dwr)
                .append("; final float[][] xr = this.").append(xr).append(";\n");
        s.append("for (int n = 0; n < batch; n++) {\nfinal int ys = n * ").append(outSize).append(";\n");
        s.append(TrainSrc.fusedGrad(op.activation(), outSize));
        op.bias().ifPresent(b -> s.append("for (int o = 0; o < ").append(out).append("; o++) { gp[")
                .append(b.offset()).append(" + o] += GY[ys + o]; }\n"));
        s.append("}\n");
        s.append("for (int o = 0; o < ").append(out).append("; o++) { System.arraycopy(p, ").append(wOff)
                .append(" + o * ").append(in).append(", wr[o], 0, ").append(in).append("); System.arraycopy(gp, ")
                .append(wOff).append(" + o * ").append(in).append(", dwr[o], 0, ").append(in).append("); }\n");
        // dW: four samples at a time
        s.append("int n = 0;\nfor (; n + ").append(GROUP - 1).append(" < batch; n += ").append(GROUP).append(") {\n");
        for (int t = 0; t < GROUP; t++) {
            s.append("System.arraycopy(X, (n + ").append(t).append(") * ").append(inSize).append(", xr[").append(t)
                    .append("], 0, ").append(in).append(");\n");
        }
        for (int t = 0; t < GROUP; t++) {
            s.append("final float[] x").append(t).append(" = xr[").append(t).append("];\n");
        }
        s.append("for (int o = 0; o < ").append(out).append("; o++) {\n");
        StringBuilder any = new StringBuilder();
        StringBuilder sum = new StringBuilder();
        for (int t = 0; t < GROUP; t++) {
            s.append("final float g").append(t).append(" = GY[(n + ").append(t).append(") * ").append(outSize)
                    .append(" + o];\n");
            any.append(t == 0 ? "" : " || ").append("g").append(t).append(" != 0f");
            sum.append(t == 0 ? "" : " + ").append("g").append(t).append(" * x").append(t).append("[i]");
        }
        s.append("if (").append(any).append(") {\nfinal float[] d = dwr[o];\n");
        s.append("for (int i = 0; i < ").append(in).append("; i++) { d[i] += ").append(sum).append("; }\n}\n}\n}\n");
        s.append("for (; n < batch; n++) {\nSystem.arraycopy(X, n * ").append(inSize).append(", xr[0], 0, ").append(in)
                .append(");\nfinal float[] x0 = xr[0];\n");
        s.append("for (int o = 0; o < ").append(out).append("; o++) {\nfinal float g0 = GY[n * ").append(outSize)
                .append(" + o];\nif (g0 != 0f) {\nfinal float[] d = dwr[o];\n");
        s.append("for (int i = 0; i < ").append(in).append("; i++) { d[i] += g0 * x0[i]; }\n}\n}\n}\n");
        s.append("for (int o = 0; o < ").append(out).append("; o++) { System.arraycopy(dwr[o], 0, gp, ").append(wOff)
                .append(" + o * ").append(in).append(", ").append(in).append("); }\n");
        // dx: per sample, four weight rows at a time
        s.append("final float[] d = xr[0];\n");
        s.append("for (int m = 0; m < batch; m++) {\nfinal int xs = m * ").append(inSize)
                .append("; final int ys = m * ").append(outSize).append(";\n");
        s.append("System.arraycopy(GX, xs, d, 0, ").append(in).append(");\n");
        RowSums.text(s, out, "GY[ys + %s]", "wr[%s]", "d", in, true);
        s.append("System.arraycopy(d, 0, GX, xs, ").append(in).append(");\n}\n");
        return s.append("}\n").toString();
    }
}
