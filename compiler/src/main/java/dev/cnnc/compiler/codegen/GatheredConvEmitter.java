package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.cnnc.compiler.ir.ActivationOp;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.DenseOp;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.Op;
import dev.cnnc.compiler.ir.PadFill;
import dev.cnnc.compiler.ir.PadOp;
import dev.cnnc.compiler.ir.Window;
import dev.cnnc.spec.model.Activation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Emits a stride-1 ungrouped {@link ConvOp} whose input comes from a ReLU (about half of its cells
 * zero) as the <em>gathered</em> convolution, the forward twin of the backward's gathered dx
 * ({@link ConvBackwardColumnsEmitter}): per input cell, the channels {@code c} whose value
 * {@code x} is not zero are gathered without a branch, and {@code Σ x · wf[c]} is added to the
 * output cells whose window holds the input cell.
 *
 * <p>The sums go to {@code oT}, the sample's output with the channels innermost, at the padded
 * input's pitch {@code PW} after a margin of {@code M = (KH−1)·dh·PW + KW−1} cells (so that no
 * window's cells fall before the array): output cell (oh, ow) at {@code (M + oh·PW + ow)·OC}. Input
 * cell {@code q} reaches, for kernel row {@code kh}, the {@code KW} output cells ending at
 * {@code M + q − kh·dh·PW}, which are {@code KW·OC} consecutive floats of {@code oT}; the {@code KH}
 * runs are copied side by side into the slot {@code a}, summed there by one loop over
 * {@code taps·OC} floats with the weights re-laid as
 * {@code wf[c][(kh·KW + k)·OC + oc] = W[oc][c][kh][KW−1−k]}, and copied back
 * ({@link Gathered#windowSums}). The columns {@code ow ≥ OW} and
 * the margin are never read. Then the activation and a transpose give the channel-major output.
 * The same sums as {@link ConvColumnsEmitter}'s in another order. On VGG-small, whose conv2 and
 * conv4 read a ReLU's output, conv4 (64 input channels) ran about 2x as fast per layer and conv2
 * (32 input channels) about as fast as the im2col kernel; the model's batch-1 latency dropped
 * 13-20% (docs/performance.md, "Gathered forward"). The speed now depends on the data: an input
 * without zeros would cost about twice the im2col kernel's time.
 */
final class GatheredConvEmitter {
    /**
     * Shortest row {@code taps·OC} worth gathering. Each input cell runs a few loops of
     * {@code taps·OC} floats, and every loop pays C2's scalar pre- and post-loop (up to 15
     * iterations each, about as long as a vector iteration each): VGG-small's conv2 (rows of
     * 288) ran about as fast as the im2col kernel on a Zen 4 and 25-35% slower on a Zen 5, whose
     * im2col kernel runs at full 512-bit width; conv4 (576) was faster on both
     * (docs/performance.md, "Gathered forward").
     */
    static final int MIN_ROW = 512;
    private final EmitContext ctx;
    private final ConvOp op;
    private final Window h;
    private final Window w;

    GatheredConvEmitter(EmitContext ctx, ConvOp op) {
        this.ctx = ctx;
        this.op = op;
        this.h = op.h();
        this.w = op.w();
    }

    /**
     * The buffers that hold the output of a ReLU: the outputs of convolutions, dense layers and
     * activation layers with a ReLU, and padding of such a buffer that copies or adds zeros.
     */
    static Set<Integer> reluOutputs(ModelIr ir) {
        Set<Integer> ids = new HashSet<>();
        for (Op op : ir.ops()) {
            Activation a = op instanceof ConvOp c ? c.activation() : op instanceof DenseOp d ? d.activation()
                    : op instanceof ActivationOp act ? act.activation() : null;
            if (a != null && a.kind() == Activation.Kind.RELU) {
                ids.add(op.output().id());
            } else if (op instanceof PadOp pad && pad.fill() != PadFill.NEGATIVE_INFINITY
                    && ids.contains(pad.in().id())) {
                ids.add(pad.out().id());
            }
        }
        return ids;
    }

    /**
     * Whether {@code op} is gathered: stride 1, ungrouped, no dilation along the width (a kernel
     * row's output cells are then consecutive), its input the output of a ReLU, and rows
     * {@code taps·OC} of at least {@link #MIN_ROW} floats.
     */
    static boolean applies(ConvOp op, Set<Integer> reluOutputs) {
        return ConvColumnsEmitter.applies(op) && op.w().dilation() == 1 && reluOutputs.contains(op.in().id())
                && (long) op.taps() * op.outChannels() >= MIN_ROW;
    }

    List<MethodDeclaration> emit() {
        int channels = op.inChannels();
        int outChannels = op.outChannels();
        int taps = op.taps();
        int pw = w.in();
        int plane = h.in() * pw;
        long margin = (long) (h.kernel() - 1) * h.dilation() * pw + w.kernel() - 1;
        int cells = Math.toIntExact(margin + plane);
        long run = (long) w.kernel() * outChannels;
        int row = taps * outChannels;
        String wf = ctx.scratch("wf_", op.layer(), channels, row);
        String oT = ctx.flatScratch("oT_", op.layer(), cells * outChannels);
        String slot = ctx.flatScratch("fslot_", op.layer(), row);
        String sel = ctx.scratch("fsel_", op.layer(), 2, channels);
        // wf[c][(kh·KW + k)·OC + oc] = W[oc][c][kh][KW−1−k], rebuilt by parametersChanged()
        ctx.relayout(StaticJavaParser.parseStatement("for (int c = 0; c < " + channels + "; c++) {\n"
                + "final float[] r = " + wf + "[c];\nfor (int kh = 0; kh < " + h.kernel() + "; kh++) {\n"
                + "for (int k = 0; k < " + w.kernel() + "; k++) {\nfor (int oc = 0; oc < " + outChannels + "; oc++) {\n"
                + "r[(kh * " + w.kernel() + " + k) * " + outChannels + " + oc] = " + EmitContext.PARAMS + "["
                + op.weight().offset() + " + ((oc * " + channels + " + c) * " + h.kernel() + " + kh) * "
                + w.kernel() + " + " + (w.kernel() - 1) + " - k];\n}\n}\n}\n}"));
        StringBuilder s = new StringBuilder("{\n");
        s.append("final float[] p = this.").append(EmitContext.PARAMS).append(";\n");
        s.append("final float[][] wf = this.").append(wf).append("; final float[] oT = this.").append(oT)
                .append("; final float[] a = this.").append(slot).append("; final float[] gv = this.").append(sel)
                .append("[0]; final float[] gi = this.").append(sel).append("[1];\n");
        s.append("for (int slot = 0; slot < count; slot++) {\n")
                .append("final float[] in = this.").append(ctx.field(op.in())).append("[slot];\n")
                .append("final float[] out = this.").append(ctx.field(op.out())).append("[slot];\n");
        String bias = op.bias().map(b -> "p[" + b.offset() + " + oc]").orElse("0f");
        s.append("for (int cell = 0; cell < ").append(cells).append("; cell++) {\nfinal int o = cell * ")
                .append(outChannels).append(";\nfor (int oc = 0; oc < ").append(outChannels).append("; oc++) { oT[o + oc] = ")
                .append(bias).append("; }\n}\n");
        s.append("for (int q = 0; q < ").append(plane).append("; q++) {\n");
        Gathered.nonZero(s, String.valueOf(channels), "in[j * " + plane + " + q]");
        s.append("if (m == 0) { continue; }\n")
                .append("final int base = (q + ").append(margin - (w.kernel() - 1)).append(") * ").append(outChannels)
                .append(";\n");
        // kernel row kh reaches the KW output cells ending at M + q − kh·dh·PW: KW·OC floats of oT
        String[] runs = new String[h.kernel()];
        for (int kh = 0; kh < h.kernel(); kh++) {
            runs[kh] = "base - " + (long) kh * h.dilation() * pw * outChannels;
        }
        Gathered.windowSums(s, "oT", runs, run, "wf[(int) gi[%s]]");
        s.append("}\n");
        // the valid cells, activated, into the channel-major output: its channels' lines stay in L1
        String act = EmitContext.activate(op.activation(), Ast.name("v")).toString();
        s.append("for (int oh = 0; oh < ").append(h.out()).append("; oh++) {\nfor (int ow = 0; ow < ").append(w.out())
                .append("; ow++) {\nfinal int from = (").append(margin).append(" + oh * ").append(pw)
                .append(" + ow) * ").append(outChannels).append("; final int to = oh * ").append(w.out())
                .append(" + ow;\nfor (int oc = 0; oc < ").append(outChannels).append("; oc++) { final float v = oT[from + oc]; out[oc * ")
                .append((long) h.out() * w.out()).append(" + to] = ").append(act).append("; }\n}\n}\n}\n}");
        MethodDeclaration m = ctx.method(op.layer());
        m.setBody(StaticJavaParser.parseBlock(s.toString()));
        // it loops over the chunk's slots itself
        ctx.chunkNative(m);
        return List.of(m);
    }
}
