package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Emits {@link ConvOp}: per output channel, bias fill, then for each block of input channels and
 * kernel taps an output-row loop whose innermost loop is a plain counted loop
 * {@code out[o + ow] += Σ w_t · in[j + C_t]} with the tap offsets {@code C_t = kh·dh·PW + kw·dw}
 * folded to constants and the weights in locals. How much is unrolled follows the
 * {@link UnrollMode} and the {@link CostModel}; the loop order and the formula are the same in
 * every mode (see {@link ConvOp} for the semantics).
 */
final class ConvEmitter {
    /** Tap granularity of one unrolled block. */
    private enum Taps { ONE, ROW, ALL }

    private final EmitContext ctx;
    private final ConvOp op;
    private final Window h;
    private final Window w;
    private final int taps;
    private final int icg;

    ConvEmitter(EmitContext ctx, ConvOp op) {
        this.ctx = ctx;
        this.op = op;
        this.h = op.h();
        this.w = op.w();
        this.taps = op.taps();
        this.icg = op.inPerGroup();
    }

    /**
     * Whether {@code op}'s forward is the gathered kernel ({@link GatheredConvEmitter}), which
     * skips zero input cells: kernel unrolling, the vector kernels not taking the layer, and the
     * gathered rule.
     */
    static boolean gathered(ConvOp op, UnrollMode mode, boolean vectorApi, Set<Integer> reluOutputs) {
        return mode == UnrollMode.KERNEL && !(vectorApi && VectorProducts.applies(op))
                && GatheredConvEmitter.applies(op, reluOutputs);
    }

    List<MethodDeclaration> emit() {
        UnrollMode mode = ctx.unroll();
        if (gathered(op, mode, ctx.vectorApi(), ctx.reluOutputs())) {
            return new GatheredConvEmitter(ctx, op).emit();
        }
        if (mode == UnrollMode.KERNEL && ConvColumnsEmitter.applies(op)) {
            return new ConvColumnsEmitter(ctx, op).emit();
        }
        if (mode == UnrollMode.FULL) {
            int chunk = Math.min(icg, CostModel.FULL_BLOCK_TERMS / taps);
            while (chunk > 0 && !CostModel.fits(CostModel.convBlock(chunk * taps))) {
                chunk--;
            }
            if (chunk > 0) {
                return full(chunk);
            }
            mode = UnrollMode.KERNEL;
        }
        Taps granularity = Taps.ONE;
        if (mode == UnrollMode.KERNEL) {
            if (taps <= CostModel.MAX_WEIGHT_LOCALS && CostModel.fits(CostModel.convBlock(taps))) {
                granularity = Taps.ALL;
            } else if (w.kernel() <= CostModel.MAX_WEIGHT_LOCALS && CostModel.fits(CostModel.convBlock(w.kernel()))) {
                granularity = Taps.ROW;
            }
        }
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt perChannel = new BlockStmt();
        start(m, perChannel, true);
        perChannel.addStatement(channelLoop(granularity));
        finish(perChannel);
        return List.of(m);
    }

    /** Method prelude and the output-channel loop around {@code perChannel}. */
    private void start(MethodDeclaration m, BlockStmt perChannel, boolean fill) {
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bind(body, "in", op.in());
        ctx.bind(body, "out", op.out());
        ctx.bindParams(body);
        int ohw = h.out() * w.out();
        perChannel.addStatement(Ast.local(Ast.INT, "ob", Lin.of(0).plus("oc", ohw).expr()));
        perChannel.addStatement(Ast.local(Ast.INT, "wb", Lin.of(op.weight().offset()).plus("oc", (long) icg * taps)
                .expr()));
        if (op.groups() > 1) {
            Expression group = Ast.bin(Ast.name("oc"), BinaryExpr.Operator.DIVIDE, Literals.integer(op.outPerGroup()));
            perChannel.addStatement(Ast.local(Ast.INT, "ib",
                    Ast.times(Ast.paren(group), Literals.integer((long) icg * h.in() * w.in()))));
        }
        if (fill) {
            Expression value = op.bias().isPresent()
                    ? Ast.at("p", Lin.var("oc").plus(op.bias().get().offset())) : Literals.floating(0f);
            perChannel.addStatement(Ast.local(Ast.FLOAT, "b", value));
            BlockStmt fillLoop = new BlockStmt();
            fillLoop.addStatement(Ast.assign(Ast.at("out", Lin.var("ob").plus("k", 1)), Ast.name("b")));
            perChannel.addStatement(Ast.loop("k", 0, ohw, fillLoop));
        }
        body.addStatement(Ast.loop("oc", 0, op.outChannels(), perChannel));
    }

    private void finish(BlockStmt perChannel) {
        EmitContext.activateRange(perChannel, op.activation(), "out", Lin.var("ob"), h.out() * w.out());
    }

    private Lin inputBase() {
        return op.groups() > 1 ? Lin.var("ib") : Lin.of(0);
    }

    /** {@code p[wb + c·taps + t]} as an index, with {@code wb = W + oc·icg·taps}. */
    private Lin weightIndex(Lin channel, long tap) {
        return Lin.var("wb").plus(channel.times(taps)).plus(tap);
    }


    private com.github.javaparser.ast.stmt.Statement channelLoop(Taps granularity) {
        BlockStmt ic = new BlockStmt();
        long plane = (long) h.in() * w.in();
        Lin channelBase = inputBase().plus("ic", plane);
        if (granularity == Taps.ALL) {
            List<Term> terms = new ArrayList<>();
            for (int kh = 0; kh < h.kernel(); kh++) {
                for (int kw = 0; kw < w.kernel(); kw++) {
                    terms.add(new Term(weightIndex(Lin.var("ic"), (long) kh * w.kernel() + kw),
                            Window.tapOffset(h, w, kh, kw)));
                }
            }
            ic.addStatement(Ast.local(Ast.INT, "cb", channelBase.expr()));
            block(ic, terms, Lin.var("cb"));
        } else if (granularity == Taps.ROW) {
            BlockStmt row = new BlockStmt();
            List<Term> terms = new ArrayList<>();
            for (int kw = 0; kw < w.kernel(); kw++) {
                terms.add(new Term(weightIndex(Lin.var("ic"), kw).plus("kh", w.kernel()),
                        Window.tapOffset(h, w, 0, kw)));
            }
            row.addStatement(Ast.local(Ast.INT, "cb", channelBase.plus("kh", (long) h.dilation() * w.in()).expr()));
            block(row, terms, Lin.var("cb"));
            ic.addStatement(Ast.loop("kh", 0, h.kernel(), row));
        } else {
            BlockStmt tap = new BlockStmt();
            List<Term> terms = List.of(new Term(weightIndex(Lin.var("ic"), 0).plus("kh", w.kernel()).plus("kw", 1), 0));
            tap.addStatement(Ast.local(Ast.INT, "cb", channelBase.plus("kh", (long) h.dilation() * w.in())
                    .plus("kw", w.dilation()).expr()));
            block(tap, terms, Lin.var("cb"));
            BlockStmt kwLoop = new BlockStmt();
            kwLoop.addStatement(Ast.loop("kw", 0, w.kernel(), tap));
            ic.addStatement(Ast.loop("kh", 0, h.kernel(), kwLoop));
        }
        return Ast.loop("ic", 0, icg, ic);
    }

    /** One multiply-add: weight at {@code weight} (a parameter index), input at {@code j + offset}. */
    private record Term(Lin weight, long offset) {
    }

    /**
     * Loads the block's weights into locals, then
     * {@code for oh: for ow: out[ob + oh·OW + ow] += Σ w_k · in[base + oh·sh·PW + ow·sw + offset_k]}.
     */
    private void block(BlockStmt into, List<Term> terms, Lin base) {
        Expression sum = null;
        for (int k = 0; k < terms.size(); k++) {
            String wk = "w" + k;
            into.addStatement(Ast.local(Ast.FLOAT, wk, Ast.at("p", terms.get(k).weight())));
            sum = Ast.plus(sum, Ast.times(Ast.name(wk), Ast.at("in", Lin.var("j").plus(terms.get(k).offset()))));
        }
        BlockStmt inner = new BlockStmt();
        inner.addStatement(Ast.local(Ast.INT, "j", Lin.var("i").plus("ow", w.stride()).expr()));
        inner.addStatement(Ast.addAssign(Ast.at("out", Lin.var("o").plus("ow", 1)), sum));
        BlockStmt row = new BlockStmt();
        row.addStatement(Ast.local(Ast.INT, "o", Lin.var("ob").plus("oh", w.out()).expr()));
        row.addStatement(Ast.local(Ast.INT, "i", base.plus("oh", (long) h.stride() * w.in()).expr()));
        row.addStatement(Ast.loop("ow", 0, w.out(), inner));
        into.addStatement(Ast.loop("oh", 0, h.out(), row));
    }

    /** Input channels unrolled in chunks of {@code chunk}; chunks grouped into methods under the budget. */
    private List<MethodDeclaration> full(int chunk) {
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> part = new ArrayList<>();
        int bytes = 0;
        for (int c0 = 0; c0 < icg; c0 += chunk) {
            int cost = CostModel.convBlock(Math.min(chunk, icg - c0) * taps);
            if (!part.isEmpty() && !CostModel.fits(bytes + cost)) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(c0);
            bytes += cost;
        }
        parts.add(part);
        List<MethodDeclaration> methods = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            MethodDeclaration m = ctx.method(op.layer());
            BlockStmt perChannel = new BlockStmt();
            start(m, perChannel, p == 0);
            for (int c0 : parts.get(p)) {
                BlockStmt blockBody = new BlockStmt();
                List<Term> terms = new ArrayList<>();
                for (int c = c0; c < Math.min(icg, c0 + chunk); c++) {
                    for (int kh = 0; kh < h.kernel(); kh++) {
                        for (int kw = 0; kw < w.kernel(); kw++) {
                            terms.add(new Term(weightIndex(Lin.of(c), (long) kh * w.kernel() + kw),
                                    (long) c * h.in() * w.in() + Window.tapOffset(h, w, kh, kw)));
                        }
                    }
                }
                block(blockBody, terms, inputBase());
                perChannel.addStatement(blockBody);
            }
            if (p == parts.size() - 1) {
                finish(perChannel);
            }
            methods.add(m);
        }
        return methods;
    }
}
