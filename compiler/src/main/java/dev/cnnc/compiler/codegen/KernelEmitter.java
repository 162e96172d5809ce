package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
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
import dev.cnnc.compiler.ir.PoolOp;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.PoolKind;
import java.util.List;

/**
 * Emits the forward code of each op as private methods of the model class; the caller invokes
 * them in op order. Convolution and pooling have emitters of their own; the rest are plain loops
 * whose formulas are documented on the op records.
 */
final class KernelEmitter implements OpVisitor<List<MethodDeclaration>> {
    /** The first parameter name of the normalize method (the caller's input array). */
    static final String INPUT = "input";
    private final EmitContext ctx;

    KernelEmitter(EmitContext ctx) {
        this.ctx = ctx;
    }

    private BlockStmt start(MethodDeclaration m, Buffer in, Buffer out) {
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bind(body, "in", in);
        ctx.bind(body, "out", out);
        return body;
    }

    @Override
    public List<MethodDeclaration> visitNormalize(NormalizeOp op) {
        MethodDeclaration m = ctx.method("input");
        m.getParameters().add(0, new Parameter(EmitContext.floats(), INPUT));
        m.getParameters().add(1, new Parameter(Ast.INT, EmitContext.FROM));
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bind(body, "out", op.out());
        // the sample of this slot starts at from + slot·INPUT_SIZE in the caller's array
        Lin sample = Lin.var(EmitContext.FROM).plus(EmitContext.SLOT, op.out().size());
        if (op.isCopy()) {
            body.addStatement(Ast.stmt(Ast.call("System", "arraycopy", Ast.name(INPUT), sample.expr(),
                    Ast.name("out"), Literals.integer(0), Literals.integer(op.out().size()))));
            return List.of(m);
        }
        for (int c = 0; c < op.channels(); c++) {
            Lin at = Lin.of((long) c * op.spatial()).plus("s", 1);
            Expression centred = Ast.paren(Ast.bin(Ast.at(INPUT, sample.plus(at)), BinaryExpr.Operator.MINUS,
                    Literals.floating(op.mean().get(c).floatValue())));
            BlockStmt loop = new BlockStmt();
            loop.addStatement(Ast.assign(Ast.at("out", at), Ast.bin(centred, BinaryExpr.Operator.DIVIDE,
                    Literals.floating(op.std().get(c).floatValue()))));
            body.addStatement(Ast.loop("s", 0, op.spatial(), loop));
        }
        return List.of(m);
    }

    @Override
    public List<MethodDeclaration> visitPad(PadOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = start(m, op.in(), op.out());
        BlockStmt channel = op.fill().isConstant() ? constantBorder(op) : copiedBorder(op);
        body.addStatement(Ast.loop("c", 0, op.channels(), channel));
        return List.of(m);
    }

    /** Copies the input rows only: the constructor filled the constant border once, and nothing else writes it. */
    private static BlockStmt constantBorder(PadOp op) {
        BlockStmt row = new BlockStmt();
        row.addStatement(copyRow(Lin.of(0).plus("c", (long) op.inH() * op.inW()).plus("h", op.inW()),
                Lin.of((long) op.top() * op.outW() + op.left()).plus("c", (long) op.outH() * op.outW())
                        .plus("h", op.outW()), op.inW()));
        BlockStmt channel = new BlockStmt();
        channel.addStatement(Ast.loop("h", 0, op.inH(), row));
        return channel;
    }

    /**
     * Every padded row ph copies source row {@code padSource(ph − top)}; its border cells copy
     * {@code padSource(pw − left)} of that row (reflect, replicate or circular, per axis).
     */
    private static BlockStmt copiedBorder(PadOp op) {
        int mode = switch (op.fill()) {
            case REFLECT -> 1;
            case REPLICATE -> 2;
            default -> 3;
        };
        BlockStmt row = new BlockStmt();
        row.addStatement(Ast.local(Ast.INT, "sh", Ast.call(null, EmitContext.PAD_SOURCE,
                Lin.var("ph").plus(-op.top()).expr(), Literals.integer(op.inH()), Literals.integer(mode))));
        row.addStatement(Ast.local(Ast.INT, "ib", Lin.of(0).plus("c", (long) op.inH() * op.inW())
                .plus("sh", op.inW()).expr()));
        row.addStatement(Ast.local(Ast.INT, "rb", Lin.of(0).plus("c", (long) op.outH() * op.outW())
                .plus("ph", op.outW()).expr()));
        row.addStatement(copyRow(Lin.var("ib"), Lin.var("rb").plus(op.left()), op.inW()));
        BlockStmt col = new BlockStmt();
        Expression source = Ast.call(null, EmitContext.PAD_SOURCE, Lin.var("pw").plus(-op.left()).expr(),
                Literals.integer(op.inW()), Literals.integer(mode));
        col.addStatement(Ast.assign(Ast.at("out", Lin.var("rb").plus("pw", 1)),
                Ast.at("in", Ast.plus(Ast.name("ib"), source))));
        row.addStatement(Ast.loop("pw", 0, op.left(), col));
        row.addStatement(Ast.loop("pw", op.left() + op.inW(), op.outW(), col.clone()));
        BlockStmt channel = new BlockStmt();
        channel.addStatement(Ast.loop("ph", 0, op.outH(), row));
        return channel;
    }

    private static com.github.javaparser.ast.stmt.Statement copyRow(Lin from, Lin to, int count) {
        return Ast.stmt(Ast.call("System", "arraycopy", Ast.name("in"), from.expr(), Ast.name("out"), to.expr(),
                Literals.integer(count)));
    }

    @Override
    public List<MethodDeclaration> visitConv(ConvOp op) {
        return new ConvEmitter(ctx, op).emit();
    }

    @Override
    public List<MethodDeclaration> visitPool(PoolOp op) {
        return List.of(new PoolEmitter(ctx, op).emit());
    }

    @Override
    public List<MethodDeclaration> visitGlobalPool(GlobalPoolOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = start(m, op.in(), op.out());
        boolean max = op.kind() == PoolKind.MAX;
        int spatial = op.spatial();
        int lanes = Math.min(GLOBAL_POOL_CHAINS, spatial);
        int whole = spatial / lanes * lanes;
        BlockStmt channel = new BlockStmt();
        for (int t = 0; t < lanes; t++) {
            channel.addStatement(Ast.var(max ? Ast.FLOAT : Ast.DOUBLE, "acc" + t,
                    max ? new FieldAccessExpr(Ast.name("Float"), "NEGATIVE_INFINITY") : Literals.doubleValue(0)));
        }
        BlockStmt loop = new BlockStmt();
        for (int t = 0; t < lanes; t++) {
            loop.addStatement(accumulate(max, "acc" + t, Lin.of(t).plus("c", spatial).plus("s", 1)));
        }
        channel.addStatement(lanes == whole ? loopBody(loop, "s", 0) : Ast.loop("s", 0, whole, lanes, loop));
        for (int s = whole; s < spatial; s++) {
            channel.addStatement(accumulate(max, "acc" + (s - whole), Lin.of(s).plus("c", spatial)));
        }
        Expression all = Ast.name("acc0");
        for (int t = 1; t < lanes; t++) {
            all = max ? Ast.call("Math", "max", all, Ast.name("acc" + t)) : Ast.plus(all, Ast.name("acc" + t));
        }
        Expression result = max ? all : Ast.cast(Ast.FLOAT, Ast.paren(Ast.bin(Ast.paren(all),
                BinaryExpr.Operator.DIVIDE, Literals.integer(spatial))));
        channel.addStatement(Ast.assign(Ast.at("out", Lin.var("c")), result));
        body.addStatement(Ast.loop("c", 0, op.channels(), channel));
        return List.of(m);
    }

    /**
     * Independent accumulators of a global pool: four dependency chains instead of one keep the
     * adder busy (a single chain waits ~4 cycles per element). The mean sums in double, so the
     * order of the additions does not show in the float result.
     */
    private static final int GLOBAL_POOL_CHAINS = 4;

    private static Statement accumulate(boolean max, String acc, Lin at) {
        return Ast.assign(Ast.name(acc), max ? Ast.call("Math", "max", Ast.name(acc), Ast.at("in", at))
                : Ast.plus(Ast.name(acc), Ast.at("in", at)));
    }

    /** The body once, with {@code v} fixed at {@code value} (a loop of one iteration). */
    private static BlockStmt loopBody(BlockStmt body, String v, int value) {
        BlockStmt b = new BlockStmt();
        b.addStatement(Ast.local(Ast.INT, v, Literals.integer(value)));
        body.getStatements().forEach(st -> b.addStatement(st.clone()));
        return b;
    }

    /**
     * {@code y = act(x·Wᵀ + b)} as a sum of scaled weight rows: {@code out[o] += Σ_t x[i+t] · wt[i+t][o]}
     * over groups of input features, where {@code wt[i]} is column i of W, re-laid out by
     * {@code parametersChanged()}. The loop over the output units is one C2 vectorises (a dot
     * product per unit, a float reduction, it does not).
     */
    /** Input features per block of the dense weights' transposing copy. */
    static final int RELAYOUT_BLOCK = 64;

    @Override
    public List<MethodDeclaration> visitDense(DenseOp op) {
        int n = op.inFeatures();
        int units = op.outFeatures();
        String wtField = ctx.scratch("wt_", op.layer(), n, units);
        // wt[i][o] = W[o][i] = params[W + o·n + i], in blocks of RELAYOUT_BLOCK columns i: each o
        // then reads a run of the block's columns (one column at a time strode n floats per o,
        // a new page each: VGG-small's fc1, 4096 x 256, took 2.3 ms, and a training step re-lays it)
        ctx.relayout(StaticJavaParser.parseStatement("for (int i0 = 0; i0 < " + n + "; i0 += " + RELAYOUT_BLOCK
                + ") {\nfinal int i1 = Math.min(i0 + " + RELAYOUT_BLOCK + ", " + n + ");\nfor (int o = 0; o < " + units
                + "; o++) {\nfinal int from = " + op.weight().offset() + " + o * " + n + ";\n"
                + "for (int i = i0; i < i1; i++) {\n" + wtField + "[i][o] = " + EmitContext.PARAMS + "[from + i];\n}\n}\n}"));

        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = start(m, op.in(), op.out());
        ctx.bindParams(body);
        EmitContext.bindRows(body, "wt", wtField);
        BlockStmt fill = new BlockStmt();
        fill.addStatement(Ast.assign(Ast.at("out", Lin.var("o")), op.bias().isPresent()
                ? Ast.at("p", Lin.var("o").plus(op.bias().get().offset())) : Literals.floating(0f)));
        body.addStatement(Ast.loop("o", 0, units, fill));
        RowSums.ast(body, n, "i", "x", i -> Ast.at("in", i), i -> Ast.at("wt", i), "out", "o", units);
        EmitContext.activateRange(body, op.activation(), "out", Lin.of(0), units);
        return List.of(m);
    }

    @Override
    public List<MethodDeclaration> visitActivation(ActivationOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = start(m, op.in(), op.out());
        if (op.activation().kind() != Activation.Kind.SOFTMAX) {
            BlockStmt loop = new BlockStmt();
            loop.addStatement(Ast.local(Ast.FLOAT, "v", Ast.at("in", Lin.var("k"))));
            loop.addStatement(Ast.assign(Ast.at("out", Lin.var("k")), EmitContext.activate(op.activation(),
                    Ast.name("v"))));
            body.addStatement(Ast.loop("k", 0, op.out().size(), loop));
            return List.of(m);
        }
        body.addStatement(softmax(op.channels(), op.spatial()));
        return List.of(m);
    }

    /** Softmax over channels at each position s: exp(x_c − max) / Σ exp(x_c' − max). */
    private static com.github.javaparser.ast.stmt.Statement softmax(int channels, int spatial) {
        Lin at = Lin.of(0).plus("c", spatial).plus("s", 1);
        BlockStmt pos = new BlockStmt();
        pos.addStatement(Ast.var(Ast.FLOAT, "max", Ast.at("in", Lin.var("s"))));
        BlockStmt findMax = new BlockStmt();
        findMax.addStatement(Ast.assign(Ast.name("max"), Ast.call("Math", "max", Ast.name("max"), Ast.at("in", at))));
        pos.addStatement(Ast.loop("c", 1, channels, findMax));
        pos.addStatement(Ast.var(Ast.DOUBLE, "sum", Literals.doubleValue(0)));
        BlockStmt exp = new BlockStmt();
        exp.addStatement(Ast.local(Ast.FLOAT, "e", Ast.cast(Ast.FLOAT, Ast.call("Math", "exp",
                Ast.bin(Ast.at("in", at), BinaryExpr.Operator.MINUS, Ast.name("max"))))));
        exp.addStatement(Ast.assign(Ast.at("out", at), Ast.name("e")));
        exp.addStatement(Ast.addAssign(Ast.name("sum"), Ast.name("e")));
        pos.addStatement(Ast.loop("c", 0, channels, exp));
        BlockStmt scale = new BlockStmt();
        scale.addStatement(Ast.assign(Ast.at("out", at), Ast.cast(Ast.FLOAT, Ast.paren(Ast.bin(Ast.at("out", at),
                BinaryExpr.Operator.DIVIDE, Ast.name("sum"))))));
        pos.addStatement(Ast.loop("c", 0, channels, scale));
        return Ast.loop("s", 0, spatial, pos);
    }

    @Override
    public List<MethodDeclaration> visitBatchNorm(BatchNormOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = start(m, op.in(), op.out());
        ctx.bindParams(body);
        BlockStmt channel = new BlockStmt();
        Expression var = Ast.at("p", Lin.var("c").plus(op.runningVar().offset()));
        channel.addStatement(Ast.local(Ast.DOUBLE, "inv", Ast.bin(Literals.doubleValue(1.0),
                BinaryExpr.Operator.DIVIDE, Ast.call("Math", "sqrt", Ast.plus(var, Literals.doubleValue(op.eps()))))));
        Expression gamma = Ast.at("p", Lin.var("c").plus(op.weight().offset()));
        channel.addStatement(Ast.local(Ast.FLOAT, "scale", Ast.cast(Ast.FLOAT, Ast.paren(Ast.times(gamma,
                Ast.name("inv"))))));
        Expression shift = Ast.bin(Ast.at("p", Lin.var("c").plus(op.bias().offset())), BinaryExpr.Operator.MINUS,
                Ast.times(Ast.times(Ast.at("p", Lin.var("c").plus(op.runningMean().offset())), gamma.clone()),
                        Ast.name("inv")));
        channel.addStatement(Ast.local(Ast.FLOAT, "shift", Ast.cast(Ast.FLOAT, Ast.paren(shift))));
        Lin at = Lin.of(0).plus("c", op.spatial()).plus("s", 1);
        BlockStmt loop = new BlockStmt();
        loop.addStatement(Ast.local(Ast.FLOAT, "v", Ast.plus(Ast.times(Ast.at("in", at), Ast.name("scale")),
                Ast.name("shift"))));
        loop.addStatement(Ast.assign(Ast.at("out", at), EmitContext.activate(op.activation(), Ast.name("v"))));
        channel.addStatement(Ast.loop("s", 0, op.spatial(), loop));
        body.addStatement(Ast.loop("c", 0, op.channels(), channel));
        return List.of(m);
    }

    @Override
    public List<MethodDeclaration> visitAdd(AddOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = m.getBody().orElseThrow();
        Expression sum = null;
        for (int k = 0; k < op.inputs().size(); k++) {
            ctx.bind(body, "a" + k, op.inputs().get(k));
            sum = Ast.plus(sum, Ast.at("a" + k, Lin.var("k")));
        }
        ctx.bind(body, "out", op.out());
        BlockStmt loop = new BlockStmt();
        loop.addStatement(Ast.assign(Ast.at("out", Lin.var("k")), sum));
        body.addStatement(Ast.loop("k", 0, op.out().size(), loop));
        return List.of(m);
    }

    /** Identity at inference: the model class lets its output share its input's storage. */
    @Override
    public List<MethodDeclaration> visitDropout(DropoutOp op) {
        return List.of();
    }

    @Override
    public List<MethodDeclaration> visitConcat(ConcatOp op) {
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = m.getBody().orElseThrow();
        int offset = 0;
        for (Buffer in : op.inputs()) {
            body.addStatement(Ast.stmt(Ast.call("System", "arraycopy", ctx.buffer(in), Literals.integer(0),
                    ctx.buffer(op.out()), Literals.integer(offset), Literals.integer(in.size()))));
            offset += in.size();
        }
        return List.of(m);
    }
}
