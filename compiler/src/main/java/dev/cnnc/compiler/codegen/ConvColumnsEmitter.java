package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import dev.cnnc.compiler.ir.Buffer;
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
 *   <li>per output channel, {@code acc[oc][q] += Σ_{t<G} w_t · row_{k+t}[q]} for groups of G
 *       consecutive rows, with the rows and a slot for {@code acc[oc]} in one array at literal
 *       offsets that are whole cache lines apart ({@link #plainProducts}): every load in the loop
 *       then has the store's alignment, which SuperWord's loops need to run fast (the shifted
 *       loads {@code in[j + 1]}, {@code in[j + 34]} of the direct kernel are misaligned with each
 *       other, and JDK 17 does not vectorise such loops at all);</li>
 *   <li>the activation is applied to the whole rows (a vectorisable pass), then the valid
 *       columns ({@code ow < OW}) are copied out.</li>
 * </ol>
 * Input channels are processed in blocks whose im2col rows stay within
 * {@link CostModel#COLUMNS_BLOCK_FLOATS}, so the rows stay in the L1 cache while every output
 * channel reads them. The kernel is chunk-native: the {@code count} samples of a chunk
 * ({@link ChunkPlan}) lie side by side in the rows, sample {@code s} at columns
 * {@code s·span .. (s+1)·span−1}, so short rows become long ones. The result is the same sum as
 * {@link ConvEmitter}'s in another order. With {@link GeneratorOptions#vectorApi()}, the products
 * of rows long enough are {@link VectorProducts}' register-blocked kernel instead.
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
    /** Floats from one row of the plain kernel's one array to the next: the chunk's columns in whole cache lines. */
    private final int pitch;

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
        this.span = span(op);
        this.block = blockChannels(channels, (long) taps * span * ctx.chunk(),
                Math.max(1, CostModel.COLUMNS_BLOCK_ROWS / taps));
        this.rows = block * taps;
        this.pitch = CostModel.linePitch((long) span * ctx.chunk());
    }

    /** Columns of one sample's im2col row: {@code (OH−1)·PW + OW}. */
    static int span(ConvOp op) {
        return (op.h().out() - 1) * op.w().in() + op.w().out();
    }

    /** The largest divisor of {@code channels} whose rows fit the block budget (at least 1). */
    static int blockChannels(int channels, long floatsPerChannel) {
        return blockChannels(channels, floatsPerChannel, Integer.MAX_VALUE);
    }

    /** As above, and at most {@code atMost} channels. */
    static int blockChannels(int channels, long floatsPerChannel, int atMost) {
        return largestDivisor(channels, Math.min(atMost,
                CostModel.COLUMNS_BLOCK_FLOATS / Math.max(1, floatsPerChannel)));
    }

    /** The largest divisor of {@code n} that is at most {@code atMost} (1 if none is larger): blocks without a remainder. */
    static int largestDivisor(int n, long atMost) {
        for (long b = Math.min(n, atMost); b > 1; b--) {
            if (n % b == 0) {
                return (int) b;
            }
        }
        return 1;
    }

    List<MethodDeclaration> emit() {
        int columns = span * ctx.chunk();
        String accField = ctx.scratch("acc_", op.layer(), op.outChannels(), columns);
        MethodDeclaration m = ctx.method(op.layer());
        ctx.chunkNative(m);
        BlockStmt body = m.getBody().orElseThrow();
        ctx.bindParams(body);
        EmitContext.bindRows(body, "acc", accField);
        body.addStatement(Ast.local(Ast.INT, "cols", Ast.times(Ast.name(EmitContext.COUNT), Literals.integer(span))));
        if (ctx.vectorApi() && VectorProducts.applies(op)) {
            ctx.usesVectors();
            body.addStatement(perSlot("in", op.in(), VectorProducts.products(op)));
        } else {
            plainProducts(body);
        }
        if (!op.activation().isIdentity()) {
            body.addStatement(Ast.loop("oc", 0, op.outChannels(), activate()));
        }
        BlockStmt store = new BlockStmt();
        store.addStatement(Ast.loop("oc", 0, op.outChannels(), store()));
        body.addStatement(perSlot("out", op.out(), store));
        return List.of(m);
    }

    /**
     * {@code acc = bias + W·col}, block of input channels by block: im2col rows, then {@link RowSums}.
     * The block's rows and one accumulator slot are one array {@code col}: the slot at 0, row
     * {@code r} at {@code (r + 1)·pitch}; each output channel's accumulator row is copied into the
     * slot, gets the block's products, and is copied back. The copies cost less than the misaligned
     * loads of rows in arrays of their own, whose alignment the garbage collector scatters
     * (docs/performance.md, "Aligned rows").
     */
    private void plainProducts(BlockStmt body) {
        String colField = ctx.flatScratch("col_", op.layer(), (rows + 1) * pitch);
        body.addStatement(Ast.local(EmitContext.floats(), "col", Ast.field(colField)));
        body.addStatement(Ast.loop("oc", 0, op.outChannels(), fillBias()));
        BlockStmt perBlock = new BlockStmt();
        perBlock.addStatement(perSlot("in", op.in(), im2col()));
        for (int from = 0; from < rows; from += CostModel.COLUMNS_BLOCK_ROWS) {
            perBlock.addStatement(Ast.stmt(Ast.call(null, productsMethod(from, Math.min(rows,
                    from + CostModel.COLUMNS_BLOCK_ROWS)), Ast.name("p"), Ast.name("acc"), Ast.name("col"),
                    Ast.name("cols"), Ast.name("cb"))));
        }
        if (block == channels) {
            perBlock.addStatement(0, Ast.local(Ast.INT, "cb", Literals.integer(0)));
            body.addStatement(perBlock);
        } else {
            body.addStatement(Ast.loop("cb", 0, channels, block, perBlock));
        }
    }

    /**
     * {@code static void products_L(p, acc, col, cols, cb)}: every output channel's products with the
     * block's rows {@code from .. to-1} ({@link #multiply}; a block has more than
     * {@link CostModel#COLUMNS_BLOCK_ROWS} rows only when one channel has more taps, and then gets a
     * method per 64 rows). A method of its own because C2 (JDK 17) left these loops scalar when it
     * compiled them in one method with the im2col copies into the same array (the generated
     * LeNet-5's conv1 method timed alone: 23 us against 6 us per call); compiled on their own they are vectorised.
     * When C2 inlined the method back (forced with {@code -XX:CompileCommand=inline}) they were
     * scalar again. C2 does not inline a hot method of over 325 bytes of bytecode (about ten rows
     * or more: the 1-D example's conv2, 20 rows, has 574 bytes); smaller ones, such as its conv1
     * (7 rows, 235 bytes), it inlined in some compilations (-XX:+PrintInlining), so the trap
     * remains for blocks of few rows, where the products are a small part of the layer.
     */
    private String productsMethod(int from, int to) {
        MethodDeclaration m = ctx.helper("products_", op.layer());
        m.addParameter(EmitContext.floats(), "p");
        m.addParameter(new ArrayType(EmitContext.floats()), "acc");
        m.addParameter(EmitContext.floats(), "col");
        m.addParameter(Ast.INT, "cols");
        m.addParameter(Ast.INT, "cb");
        m.getBody().orElseThrow().addStatement(Ast.loop("oc", 0, op.outChannels(), multiply(from, to)));
        return m.getNameAsString();
    }

    /** {@code for (slot < count) { local = the slot's buffer; at = slot·span; inner }}. */
    private Statement perSlot(String local, Buffer buffer, BlockStmt inner) {
        BlockStmt slot = new BlockStmt();
        ctx.bind(slot, local, buffer);
        slot.addStatement(Ast.local(Ast.INT, "at", Lin.var(EmitContext.SLOT).times(span).expr()));
        inner.getStatements().forEach(st -> slot.addStatement(st.clone()));
        return Ast.loop(EmitContext.SLOT, Literals.integer(0), Ast.name(EmitContext.COUNT), slot);
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
        perChannel.addStatement(Ast.loop("q", Literals.integer(0), Ast.name("cols"), fill));
        return perChannel;
    }

    /**
     * For channels {@code c < block}: row {@code c·taps + kh·KW + kw} (at {@code (row + 1)·pitch} of
     * {@code col}), columns from {@code at} = input channel {@code cb + c} shifted by the tap's offset.
     */
    private BlockStmt im2col() {
        long plane = (long) h.in() * w.in();
        BlockStmt tap = new BlockStmt();
        Lin from = Lin.var("cb").plus("c", 1).times(plane).plus("kh", (long) h.dilation() * w.in())
                .plus("kw", w.dilation());
        Lin to = Lin.of(pitch).plus("c", (long) taps * pitch).plus("kh", (long) w.kernel() * pitch)
                .plus("kw", pitch).plus("at", 1);
        tap.addStatement(Ast.stmt(Ast.call("System", "arraycopy", Ast.name("in"), from.expr(), Ast.name("col"),
                to.expr(), Literals.integer(span))));
        BlockStmt kh = new BlockStmt();
        kh.addStatement(Ast.loop("kw", 0, w.kernel(), tap));
        BlockStmt c = new BlockStmt();
        c.addStatement(Ast.loop("kh", 0, h.kernel(), kh));
        BlockStmt channels = new BlockStmt();
        channels.addStatement(Ast.loop("c", 0, block, c));
        return channels;
    }

    /**
     * For one output channel: its accumulator row into the slot, the block's rows {@code from .. to-1}
     * ({@link RowSums}), and back.
     */
    private BlockStmt multiply(int from, int to) {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        // weight[oc][cb + c][kh][kw] = p[W + oc·C·taps + (cb + c)·taps + kh·KW + kw] = p[wb + row]
        perChannel.addStatement(Ast.local(Ast.INT, "wb", Lin.of(op.weight().offset())
                .plus("oc", (long) channels * taps).plus("cb", taps).expr()));
        perChannel.addStatement(copy("o", "col"));
        RowSums.astInPlace(perChannel, from, to, "w", k -> Ast.at("p", Lin.var("wb").plus(k)), "col", pitch, pitch,
                "q", Ast.name("cols"));
        perChannel.addStatement(copy("col", "o"));
        return perChannel;
    }

    /** {@code System.arraycopy(from, 0, to, 0, cols)}. */
    private static Statement copy(String from, String to) {
        return Ast.stmt(Ast.call("System", "arraycopy", Ast.name(from), Literals.integer(0), Ast.name(to),
                Literals.integer(0), Ast.name("cols")));
    }

    /** {@code acc[oc][q] = act(acc[oc][q])} over all columns: one vectorisable pass (nothing for identity). */
    private BlockStmt activate() {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        BlockStmt cell = new BlockStmt();
        cell.addStatement(Ast.local(Ast.FLOAT, "v", Ast.at("o", Lin.var("q"))));
        cell.addStatement(Ast.assign(Ast.at("o", Lin.var("q")), EmitContext.activate(op.activation(),
                Ast.name("v"))));
        perChannel.addStatement(Ast.loop("q", Literals.integer(0), Ast.name("cols"), cell));
        return perChannel;
    }

    /**
     * {@code out[oc][oh][·] = acc[oc][at + oh·PW ..]}: the slot's valid columns, one
     * {@code System.arraycopy} per output row (one per channel when the rows are contiguous).
     */
    private BlockStmt store() {
        BlockStmt perChannel = new BlockStmt();
        perChannel.addStatement(Ast.local(EmitContext.floats(), "o", Ast.at("acc", Lin.var("oc"))));
        Lin to = Lin.var("oc").times((long) h.out() * w.out());
        if (h.out() == 1 || w.out() == w.in()) {
            perChannel.addStatement(Ast.stmt(Ast.call("System", "arraycopy", Ast.name("o"), Ast.name("at"),
                    Ast.name("out"), to.expr(), Literals.integer((long) h.out() * w.out()))));
            return perChannel;
        }
        BlockStmt row = new BlockStmt();
        row.addStatement(Ast.stmt(Ast.call("System", "arraycopy", Ast.name("o"),
                Lin.var("at").plus("oh", w.in()).expr(), Ast.name("out"), to.plus("oh", w.out()).expr(),
                Literals.integer(w.out()))));
        perChannel.addStatement(Ast.loop("oh", 0, h.out(), row));
        return perChannel;
    }
}
