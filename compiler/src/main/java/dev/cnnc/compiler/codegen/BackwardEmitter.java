package dev.cnnc.compiler.codegen;

import static dev.cnnc.compiler.codegen.TrainSrc.act;
import static dev.cnnc.compiler.codegen.TrainSrc.grad;

import dev.cnnc.compiler.ir.ActivationOp;
import dev.cnnc.compiler.ir.AddOp;
import dev.cnnc.compiler.ir.BatchNormOp;
import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.compiler.ir.ConcatOp;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.DenseOp;
import dev.cnnc.compiler.ir.DropoutOp;
import dev.cnnc.compiler.ir.GlobalPoolOp;
import dev.cnnc.compiler.ir.NormalizeOp;
import dev.cnnc.compiler.ir.OpVisitor;
import dev.cnnc.compiler.ir.PadOp;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Emits the backward method of each op over a batch: {@code private void m(int batch, float[] gp)}
 * reads dL/d(output) from {@code tGrad[out]}, <em>adds</em> dL/d(input) into {@code tGrad[in]}
 * (buffers read by several ops collect every contribution; the caller zeroes them first) and
 * adds dL/d(params), summed over the batch, into {@code gp}. Activations come from
 * {@code tAct}, saved by the training forward. Pooling emitters live in {@link PoolBackwardEmitter}.
 */
final class BackwardEmitter implements OpVisitor<String> {
    private final Names names;
    private final EmitContext ctx;
    private final List<String> helpers = new ArrayList<>();
    private String name;
    private boolean deferInput;
    private String deferred;

    BackwardEmitter(Names names, EmitContext ctx) {
        this.names = names;
        this.ctx = ctx;
    }

    /**
     * Whether the next op's input gradient matters only to dL/d(input) (no parameter upstream):
     * then a convolution that can leaves its dx to a separate method, {@link #takeDeferred}.
     */
    void deferInputGradient(boolean defer) {
        this.deferInput = defer;
        this.deferred = null;
    }

    /** The method {@code (int batch)} computing the last op's deferred input gradient, if any. */
    Optional<String> takeDeferred() {
        Optional<String> out = Optional.ofNullable(deferred);
        deferred = null;
        return out;
    }

    /** Helper methods the last emitted methods call (members of their own), emptied by the call. */
    List<String> takeHelpers() {
        List<String> out = List.copyOf(helpers);
        helpers.clear();
        return out;
    }

    private StringBuilder start(String layer, Buffer in, Buffer out) {
        name = names.allocate("grad_", layer);
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(act("X", in)).append(act("Y", out)).append(grad("GX", in)).append(grad("GY", out));
        s.append("final float[] p = params;\n");
        return s;
    }

    private static String perSample(Buffer in, Buffer out) {
        return "for (int n = 0; n < batch; n++) {\nfinal int xs = n * " + in.size() + "; final int ys = n * "
                + out.size() + ";\n";
    }

    /** d(x − mean)/std = 1/std per channel: the gradient of the caller's input. */
    @Override
    public String visitNormalize(NormalizeOp op) {
        StringBuilder s = start("input", op.in(), op.out());
        s.append(perSample(op.in(), op.out()));
        for (int c = 0; c < op.channels(); c++) {
            double scale = op.isCopy() ? 1.0 : 1.0 / op.std().get(c);
            s.append("for (int k = ").append((long) c * op.spatial()).append("; k < ")
                    .append((long) (c + 1) * op.spatial()).append("; k++) { GX[xs + k] += GY[ys + k] * ")
                    .append(TrainSrc.f(scale)).append("; }\n");
        }
        return s.append("}\n}\n").toString();
    }

    /** Each padded cell's gradient goes to the cell it copies (constant cells have none). */
    @Override
    public String visitPad(PadOp op) {
        StringBuilder s = start(op.layer(), op.in(), op.out());
        s.append(perSample(op.in(), op.out()));
        int inPlane = op.inH() * op.inW();
        int outPlane = op.outH() * op.outW();
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) {\n");
        if (op.fill().isConstant()) {
            s.append("for (int h = 0; h < ").append(op.inH()).append("; h++) {\n");
            s.append("final int gi = xs + c * ").append(inPlane).append(" + h * ").append(op.inW())
                    .append("; final int go = ys + c * ").append(outPlane).append(" + (h + ").append(op.top())
                    .append(") * ").append(op.outW()).append(" + ").append(op.left()).append(";\n");
            s.append("for (int w = 0; w < ").append(op.inW()).append("; w++) { GX[gi + w] += GY[go + w]; }\n}\n");
        } else {
            int mode = switch (op.fill()) {
                case REFLECT -> 1;
                case REPLICATE -> 2;
                default -> 3;
            };
            s.append("for (int ph = 0; ph < ").append(op.outH()).append("; ph++) {\n");
            s.append("final int gi = xs + c * ").append(inPlane).append(" + ").append(EmitContext.PAD_SOURCE)
                    .append("(ph - ").append(op.top()).append(", ").append(op.inH()).append(", ").append(mode)
                    .append(") * ").append(op.inW()).append("; final int go = ys + c * ").append(outPlane)
                    .append(" + ph * ").append(op.outW()).append(";\n");
            s.append("for (int pw = 0; pw < ").append(op.outW()).append("; pw++) { GX[gi + ")
                    .append(EmitContext.PAD_SOURCE).append("(pw - ").append(op.left()).append(", ").append(op.inW())
                    .append(", ").append(mode).append(")] += GY[go + pw]; }\n}\n");
        }
        return s.append("}\n}\n}\n").toString();
    }

    /**
     * Stride-1 ungrouped convolutions take the column kernels ({@link ConvBackwardColumnsEmitter}),
     * except with {@link UnrollMode#NONE}, the reference: there every convolution keeps
     * {@link ConvBackwardEmitter}'s direct loops, which tests compare the column kernels with.
     */
    @Override
    public String visitConv(ConvOp op) {
        String method = names.allocate("grad_", op.layer());
        if (ctx.unroll() != UnrollMode.NONE && ConvBackwardColumnsEmitter.applies(op)) {
            ConvBackwardColumnsEmitter columns = new ConvBackwardColumnsEmitter(ctx, names, op);
            String text = columns.emit(method, deferInput);
            helpers.addAll(columns.helpers());
            deferred = columns.deferred().orElse(null);
            return text;
        }
        return new ConvBackwardEmitter(op).emit(method);
    }

    @Override
    public String visitPool(dev.cnnc.compiler.ir.PoolOp op) {
        return new PoolBackwardEmitter(op).emit(names.allocate("grad_", op.layer()));
    }

    /** avg: g/S to every cell; max: g to the first maximum. */
    @Override
    public String visitGlobalPool(GlobalPoolOp op) {
        StringBuilder s = start(op.layer(), op.in(), op.out());
        s.append(perSample(op.in(), op.out()));
        int sp = op.spatial();
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) {\n");
        s.append("final int b = xs + c * ").append(sp).append("; final float g = GY[ys + c];\n");
        if (op.kind() == PoolKind.MAX) {
            s.append("int arg = b; float best = X[b];\n");
            s.append("for (int k = 1; k < ").append(sp).append("; k++) { if (X[b + k] > best) { best = X[b + k]; "
                    + "arg = b + k; } }\nGX[arg] += g;\n");
        } else {
            s.append("final float v = g / ").append(TrainSrc.f(sp)).append(";\n");
            s.append("for (int k = 0; k < ").append(sp).append("; k++) { GX[b + k] += v; }\n");
        }
        return s.append("}\n}\n}\n").toString();
    }

    /** y = W·x + b: dW[o, i] += g[o]·x[i]; dx[i] += Σ_o W[o, i]·g[o]; db[o] += g[o]. */
    @Override
    public String visitDense(DenseOp op) {
        if (DenseBackwardEmitter.applies(op)) {
            return new DenseBackwardEmitter(ctx, op).emit(names.allocate("grad_", op.layer()));
        }
        StringBuilder s = start(op.layer(), op.in(), op.out());
        s.append(perSample(op.in(), op.out()));
        s.append(TrainSrc.fusedGrad(op.activation(), op.out().size()));
        int inF = op.inFeatures();
        s.append("for (int o = 0; o < ").append(op.outFeatures()).append("; o++) {\n");
        s.append("final float g = GY[ys + o]; final int wb = ").append(op.weight().offset()).append(" + o * ")
                .append(inF).append(";\n");
        op.bias().ifPresent(b -> s.append("gp[").append(b.offset()).append(" + o] += g;\n"));
        s.append("for (int i = 0; i < ").append(inF).append("; i++) { gp[wb + i] += g * X[xs + i]; }\n");
        s.append("for (int i = 0; i < ").append(inF).append("; i++) { GX[xs + i] += p[wb + i] * g; }\n");
        return s.append("}\n}\n}\n").toString();
    }

    /** Element-wise: g·act'(x) from y; softmax: y_c·(g_c − Σ_c' g_c'·y_c') at each position. */
    @Override
    public String visitActivation(ActivationOp op) {
        StringBuilder s = start(op.layer(), op.in(), op.out());
        s.append(perSample(op.in(), op.out()));
        Activation a = op.activation();
        if (a.kind() != Activation.Kind.SOFTMAX) {
            s.append("for (int k = 0; k < ").append(op.out().size()).append("; k++) { final float y = Y[ys + k]; "
                    + "final float g = GY[ys + k]; GX[xs + k] += ").append(TrainSrc.derivative(a, "g", "y"))
                    .append("; }\n");
            return s.append("}\n}\n").toString();
        }
        int sp = op.spatial();
        s.append("for (int s = 0; s < ").append(sp).append("; s++) {\ndouble dot = 0;\n");
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) { final int k = c * ").append(sp)
                .append(" + s; dot += GY[ys + k] * Y[ys + k]; }\n");
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) { final int k = c * ").append(sp)
                .append(" + s; GX[xs + k] += (float) (Y[ys + k] * (GY[ys + k] - dot)); }\n");
        return s.append("}\n}\n}\n").toString();
    }

    @Override
    public String visitBatchNorm(BatchNormOp op) {
        return BatchNormTraining.backward(op, names.allocate("grad_", op.layer()));
    }

    @Override
    public String visitAdd(AddOp op) {
        name = names.allocate("grad_", op.layer());
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(grad("GY", op.out())).append("final int total = batch * ").append(op.out().size()).append(";\n");
        for (int k = 0; k < op.inputs().size(); k++) {
            s.append("{\n").append(grad("GX", op.inputs().get(k)));
            s.append("for (int k = 0; k < total; k++) { GX[k] += GY[k]; }\n}\n");
        }
        return s.append("}\n").toString();
    }

    @Override
    public String visitConcat(ConcatOp op) {
        name = names.allocate("grad_", op.layer());
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(grad("GY", op.out()));
        s.append("for (int n = 0; n < batch; n++) {\n");
        int offset = 0;
        for (Buffer in : op.inputs()) {
            s.append("{\n").append(grad("GX", in)).append("final int xs = n * ").append(in.size())
                    .append("; final int ys = n * ").append(op.out().size()).append(" + ").append(offset).append(";\n");
            s.append("for (int k = 0; k < ").append(in.size()).append("; k++) { GX[xs + k] += GY[ys + k]; }\n}\n");
            offset += in.size();
        }
        return s.append("}\n}\n").toString();
    }

    /** g times the saved mask (0 or 1/(1 − rate)). */
    @Override
    public String visitDropout(DropoutOp op) {
        name = names.allocate("grad_", op.layer());
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(grad("GX", op.in())).append(grad("GY", op.out()));
        s.append("final float[] M = tMask[").append(op.out().id()).append("];\n");
        s.append("final int total = batch * ").append(op.out().size()).append(";\n");
        s.append("for (int k = 0; k < total; k++) { GX[k] += GY[k] * M[k]; }\n");
        return s.append("}\n").toString();
    }
}
