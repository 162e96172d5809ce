package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.cnnc.compiler.ir.PoolOp;
import dev.cnnc.compiler.ir.Window;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.PoolKind;

/**
 * Emits {@link PoolOp}: {@code for c: for oh: for ow: out = reduce over taps of in[j + C_t]} on
 * the padded input. With {@link UnrollMode#KERNEL} or {@link UnrollMode#FULL} the window is one
 * expression with constant tap offsets (when it fits the budget); with {@link UnrollMode#NONE} it
 * is a loop. Average pooling's divisor per axis is the constant kernel size where no window
 * reaches padding, else PyTorch's count from {@link PoolOp}'s formula, once per row or column.
 */
final class PoolEmitter {
    private final EmitContext ctx;
    private final PoolOp op;
    private final Window h;
    private final Window w;

    PoolEmitter(EmitContext ctx, PoolOp op) {
        this.ctx = ctx;
        this.op = op;
        this.h = op.h();
        this.w = op.w();
    }

    MethodDeclaration emit() {
        boolean unrolled = ctx.unroll() != UnrollMode.NONE
                && CostModel.fits(h.kernel() * w.kernel() * CostModel.POOL_TAP + CostModel.OVERHEAD);
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bind(body, "in", op.in());
        ctx.bind(body, "out", op.out());
        BlockStmt row = new BlockStmt();
        row.addStatement(Ast.local(Ast.INT, "i", Lin.of(0).plus("c", (long) h.in() * w.in())
                .plus("oh", (long) h.stride() * w.in()).expr()));
        row.addStatement(Ast.local(Ast.INT, "o", Lin.of(0).plus("c", (long) h.out() * w.out())
                .plus("oh", w.out()).expr()));
        Expression divisorH = divisor(h, "oh", row, "nh");
        BlockStmt inner = new BlockStmt();
        inner.addStatement(Ast.local(Ast.INT, "j", Lin.var("i").plus("ow", w.stride()).expr()));
        Expression divisorW = divisor(w, "ow", inner, "nw");
        Expression value = unrolled ? unrolledWindow() : rolledWindow(inner);
        inner.addStatement(Ast.assign(Ast.at("out", Lin.var("o").plus("ow", 1)), finish(value, divisorH, divisorW)));
        row.addStatement(Ast.loop("ow", 0, w.out(), inner));
        BlockStmt channel = new BlockStmt();
        channel.addStatement(Ast.loop("oh", 0, h.out(), row));
        body.addStatement(Ast.loop("c", 0, op.channels(), channel));
        return m;
    }


    private Expression unrolledWindow() {
        Expression acc = null;
        for (int kh = 0; kh < h.kernel(); kh++) {
            for (int kw = 0; kw < w.kernel(); kw++) {
                Expression x = Ast.at("in", Lin.var("j").plus(Window.tapOffset(h, w, kh, kw)));
                acc = combine(acc, x, Ast.at("in", Lin.var("j").plus(Window.tapOffset(h, w, kh, kw))));
            }
        }
        return acc;
    }

    /** {@code acc} combined with cell {@code x} ({@code x2} is the same cell, for x·x). */
    private Expression combine(Expression acc, Expression x, Expression x2) {
        return switch (op.kind()) {
            case MAX -> acc == null ? x : Ast.call("Math", "max", acc, x);
            case AVG -> Ast.plus(acc, x);
            case L2 -> Ast.plus(acc, Ast.times(x, x2));
        };
    }

    /** Declares {@code float acc} and the tap loops in {@code inner}; returns {@code acc}. */
    private Expression rolledWindow(BlockStmt inner) {
        Expression init = op.kind() == PoolKind.MAX
                ? new FieldAccessExpr(Ast.name("Float"), "NEGATIVE_INFINITY") : Literals.floating(0f);
        inner.addStatement(Ast.var(Ast.FLOAT, "acc", init));
        BlockStmt tap = new BlockStmt();
        tap.addStatement(Ast.local(Ast.FLOAT, "x", Ast.at("in", Lin.var("j").plus("kh", w.in()).plus("kw", 1))));
        Expression next = switch (op.kind()) {
            case MAX -> Ast.call("Math", "max", Ast.name("acc"), Ast.name("x"));
            case AVG -> Ast.plus(Ast.name("acc"), Ast.name("x"));
            case L2 -> Ast.plus(Ast.name("acc"), Ast.times(Ast.name("x"), Ast.name("x")));
        };
        tap.addStatement(Ast.assign(Ast.name("acc"), next));
        BlockStmt kw = new BlockStmt();
        kw.addStatement(Ast.loop("kw", 0, w.kernel(), tap));
        inner.addStatement(Ast.loop("kh", 0, h.kernel(), kw));
        return Ast.name("acc");
    }

    private Expression finish(Expression value, Expression divisorH, Expression divisorW) {
        return switch (op.kind()) {
            case MAX -> op.activation().kind() == Activation.Kind.RELU
                    ? Ast.call("Math", "max", value, Literals.floating(0f)) : value;
            case L2 -> Ast.cast(Ast.FLOAT, Ast.call("Math", "sqrt", value));
            case AVG -> Ast.bin(Ast.paren(value), BinaryExpr.Operator.DIVIDE,
                    Ast.cast(Ast.FLOAT, Ast.paren(Ast.times(divisorH, divisorW))));
        };
    }

    /**
     * The cells of the window counted by average pooling along one axis: the constant kernel
     * size when no window reaches the padding, else {@code n} declared in {@code into} from the
     * formula on {@link PoolOp} with {@code start = pos·stride − padBefore}.
     */
    private Expression divisor(Window a, String pos, BlockStmt into, String n) {
        if (op.kind() != PoolKind.AVG) {
            return null;
        }
        long lastEnd = (long) (a.out() - 1) * a.stride() - a.padBefore() + a.kernel();
        boolean constant = op.countIncludePad() ? lastEnd <= a.realIn() + a.padAfter()
                : a.padBefore() == 0 && lastEnd <= a.realIn();
        if (constant) {
            return Literals.integer(a.kernel());
        }
        Lin start = Lin.var(pos).times(a.stride()).plus(-a.padBefore());
        Expression limit = Literals.integer(op.countIncludePad() ? a.realIn() + a.padAfter() : a.realIn());
        Expression end = Ast.call("Math", "min", start.plus(a.kernel()).expr(), limit);
        Expression begin = op.countIncludePad() ? Ast.paren(start.expr())
                : Ast.call("Math", "max", start.expr(), Literals.integer(0));
        into.addStatement(Ast.local(Ast.INT, n, Ast.bin(end, BinaryExpr.Operator.MINUS, begin)));
        return Ast.name(n);
    }
}
