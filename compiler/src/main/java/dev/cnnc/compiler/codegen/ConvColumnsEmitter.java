package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Window;
import java.util.List;

/**
 * Emits a stride-1, ungrouped {@link ConvOp} as a matrix product over im2col rows, in the shape
 * that C2's auto-vectoriser (SuperWord, JDK 17) turns into AVX/AVX-512 code:
 * <ol>
 *   <li>the output is computed at the padded input's pitch {@code PW}: output cell (oh, ow) is
 *       column {@code q = oh·PW + ow} of a row of {@code (OH−1)·PW + OW} columns, so that the
 *       input seen by tap (kh, kw) of channel c is one contiguous run of the input, copied with
 *       {@code System.arraycopy} into im2col row {@code c·taps + kh·KW + kw};</li>
 *   <li>per output channel, {@code acc[oc][q] += Σ_{t<G} w_t · col[k+t][q]} for groups of G
 *       consecutive rows: every array in the loop is indexed by {@code q} alone, which is what
 *       SuperWord needs (the shifted loads {@code in[j + 1]}, {@code in[j + 34]} of the direct
 *       kernel are misaligned with each other, and JDK 17 does not vectorise such loops);</li>
 *   <li>the valid columns ({@code ow < OW}) are copied out with the activation applied.</li>
 * </ol>
 * Input channels are processed in blocks whose im2col rows stay within
 * {@link CostModel#COLUMNS_BLOCK_FLOATS}, so the rows stay in the L2 cache while every output
 * channel reads them. The result is the same sum as {@link ConvEmitter}'s in another order.
 */
final class ConvColumnsEmitter {
    private final EmitContext ctx;
    private final ConvOp op;
    private final Window h;
    private final Window w;
    private final int taps;
    private final int channels;
    /** Columns of one im2col or accumulator row. */
    private final int span;
    /** Input channels per block, and im2col rows per block. */
    private final int block;
    private final int rows;

    /** Whether the op has the shape this emitter handles. */
    static boolean applies(ConvOp op) {
        return op.groups() == 1 && op.h().stride() == 1 && op.w().stride() == 1;
    }

    ConvColumnsEmitter(EmitContext ctx, ConvOp op) {
        if (!applies(op)) {
            throw new IllegalArgumentException("not a stride-1 ungrouped convolution: " + op.layer());
        }
        this.ctx = ctx;
        this.op = op;
        this.h = op.h();
        this.w = op.w();
        this.taps = op.taps();
        this.channels = op.inChannels();
        this.span = (h.out() - 1) * w.in() + w.out();
        this.block = blockChannels(channels, (long) taps * span);
        this.rows = block * taps;
    }

    /** The largest divisor of {@code channels} whose rows fit the block budget (at least 1). */
    static int blockChannels(int channels, long floatsPerChannel) {
        long fit = CostModel.COLUMNS_BLOCK_FLOATS / Math.max(1, floatsPerChannel);
        int most = (int) Math.max(1, Math.min(channels, fit));
        for (int b = most; b > 1; b--) {
            if (channels % b == 0) {
                return b;
            }
        }
        return 1;
    }

    List<MethodDeclaration> emit() {
        String colField = ctx.scratch("col_", op.layer(), rows, span);
        String accField = ctx.scratch("acc_", op.layer(), op.outChannels(), span);
        MethodDeclaration m = ctx.method(op.layer());
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bind(body, "in", op.in());
        ctx.bind(body, "out", op.out());
        ctx.bindParams(body);
        EmitContext.bindRows(body, "col", colField);
        EmitContext.bindRows(body, "acc", accField);
        body.addStatement(Ast.loop("oc", 0, op.outChannels(), fillBias()));
        BlockStmt perBlock = new BlockStmt();
        perBlock.addStatement(Ast.loop("c", 0, block, im2col()));
        perBlock.addStatement(Ast.loop("oc", 0, op.outChannels(), multiply()));
        if (block == channels) {
            perBlock.addStatement(0, Ast.local(Ast.INT, "cb", Literals.integer(0)));
            body.addStatement(perBlock);
        } else {
            body.addStatement(Ast.loop("cb", 0, channels, block, perBlock));
        }
        body.addStatement(Ast.loop("oc", 0, op.outChannels(), store()));
        return List.of(m);
    }

    /** {@code acc[oc][q] = bias[oc]} for every column. */
    private BlockStmt fillBias() {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        Expression value = op.bias().isPresent()
                ? Ast.at("p", Lin.var("oc").plus(op.bias().get().offset())) : Literals.floating(0f);
        perChannel.addStatement(Ast.local(Ast.FLOAT, "b", value));
        BlockStmt fill = new BlockStmt();
        fill.addStatement(Ast.assign(Ast.at("o", Lin.var("q")), Ast.name("b")));
        perChannel.addStatement(Ast.loop("q", 0, span, fill));
        return perChannel;
    }

    /** Row {@code c·taps + kh·KW + kw} = input channel {@code cb + c} shifted by the tap's offset. */
    private BlockStmt im2col() {
        long plane = (long) h.in() * w.in();
        BlockStmt tap = new BlockStmt();
        Lin from = Lin.var("cb").plus("c", 1).times(plane).plus("kh", (long) h.dilation() * w.in())
                .plus("kw", w.dilation());
        Lin row = Lin.var("c").times(taps).plus("kh", w.kernel()).plus("kw", 1);
        tap.addStatement(Ast.stmt(Ast.call("System", "arraycopy", Ast.name("in"), from.expr(), Ast.at("col", row),
                Literals.integer(0), Literals.integer(span))));
        BlockStmt kh = new BlockStmt();
        kh.addStatement(Ast.loop("kw", 0, w.kernel(), tap));
        BlockStmt c = new BlockStmt();
        c.addStatement(Ast.loop("kh", 0, h.kernel(), kh));
        return c;
    }

    /** For one output channel: the block's rows, {@link RowSums}. */
    private BlockStmt multiply() {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        // weight[oc][cb + c][kh][kw] = p[W + oc·C·taps + (cb + c)·taps + kh·KW + kw] = p[wb + row]
        perChannel.addStatement(Ast.local(Ast.INT, "wb", Lin.of(op.weight().offset())
                .plus("oc", (long) channels * taps).plus("cb", taps).expr()));
        RowSums.ast(perChannel, rows, "k", "w", k -> Ast.at("p", Lin.var("wb").plus(k)), k -> Ast.at("col", k), "o",
                "q", span);
        return perChannel;
    }

    /** {@code out[oc][oh][ow] = act(acc[oc][oh·PW + ow])}: the valid columns, activated. */
    private BlockStmt store() {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        BlockStmt cell = new BlockStmt();
        cell.addStatement(Ast.local(Ast.FLOAT, "v", Ast.at("o", Lin.var("oh").times(w.in()).plus("ow", 1))));
        cell.addStatement(Ast.assign(Ast.at("out", Lin.var("oc").times((long) h.out() * w.out())
                .plus("oh", w.out()).plus("ow", 1)), EmitContext.activate(op.activation(), Ast.name("v"))));
        BlockStmt row = new BlockStmt();
        row.addStatement(Ast.loop("ow", 0, w.out(), cell));
        perChannel.addStatement(Ast.loop("oh", 0, h.out(), row));
        return perChannel;
    }
}
