package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.function.Function;

/**
 * {@code out[x] += Σ_t c_t · r_t[x]} over consecutive rows {@code r_t}, in groups of
 * {@link CostModel#COLUMNS_TERMS} terms per statement: the loop shape C2's auto-vectoriser
 * (SuperWord, JDK 17) turns into SIMD code (every array indexed by {@code x} alone, a short sum;
 * see {@link ConvColumnsEmitter}). Shared by the kernels that use it, as AST (forward) or as
 * Java text (backward).
 */
final class RowSums {
    private static final int GROUP = CostModel.COLUMNS_TERMS;

    private RowSums() {
    }

    /**
     * Adds to {@code into}: for every group of rows starting at {@code k}, locals
     * {@code coefLocal_t = coef(k + t)} and {@code r_t = row(k + t)}, then
     * {@code for (x < length) out[x] += Σ coefLocal_t · r_t[x]}. The group start is the loop
     * variable {@code k} (a constant when there is a single full group, then the remainder).
     */
    static void ast(BlockStmt into, int rows, String k, String coefLocal, Function<Lin, Expression> coef,
                    Function<Lin, Expression> row, String out, String x, int length) {
        ast(into, rows, k, coefLocal, coef, row, out, x, Literals.integer(length));
    }

    /** As above, with the row length an expression (say, a local). */
    static void ast(BlockStmt into, int rows, String k, String coefLocal, Function<Lin, Expression> coef,
                    Function<Lin, Expression> row, String out, String x, Expression length) {
        int full = rows / GROUP * GROUP;
        if (full > 0) {
            BlockStmt g = new BlockStmt();
            astGroup(g, full == GROUP ? Lin.of(0) : Lin.var(k), GROUP, coefLocal, coef, row, out, x, length);
            into.addStatement(full == GROUP ? g : Ast.loop(k, 0, full, GROUP, g));
        }
        if (rows > full) {
            BlockStmt g = new BlockStmt();
            astGroup(g, Lin.of(full), rows - full, coefLocal, coef, row, out, x, length);
            into.addStatement(g);
        }
    }

    /**
     * Adds to {@code into}, for every group of rows {@code k + t} in {@code from .. to-1}:
     * {@code for (x < length) a[x] += Σ coefLocal_t · a[first + (k + t)·pitch + x]} with
     * {@code coefLocal_t = coef(k + t)}, where the accumulator is {@code a[0 .. length)} and the rows lie
     * in the same array at literal offsets. Each group is a loop of its own with its offsets written
     * out: JDK 17 vectorises loads from one array only at literal offsets, and with the pitch a
     * multiple of a cache line all of them share the store's alignment (docs/performance.md,
     * "Aligned rows").
     */
    static void astInPlace(BlockStmt into, int from, int to, String coefLocal, Function<Lin, Expression> coef,
                           String a, long first, long pitch, String x, Expression length) {
        for (int k = from; k < to; k += GROUP) {
            int count = Math.min(GROUP, to - k);
            BlockStmt g = new BlockStmt();
            Expression sum = null;
            for (int t = 0; t < count; t++) {
                g.addStatement(Ast.local(Ast.FLOAT, coefLocal + t, coef.apply(Lin.of(k + t))));
                Lin at = Lin.of(first + (k + t) * pitch).plus(x, 1);
                sum = Ast.plus(sum, Ast.times(Ast.name(coefLocal + t), Ast.at(a, at)));
            }
            BlockStmt loop = new BlockStmt();
            loop.addStatement(Ast.addAssign(Ast.at(a, Lin.var(x)), sum));
            g.addStatement(Ast.loop(x, Literals.integer(0), length, loop));
            into.addStatement(g);
        }
    }

    private static void astGroup(BlockStmt into, Lin k, int count, String coefLocal, Function<Lin, Expression> coef,
                                 Function<Lin, Expression> row, String out, String x, Expression length) {
        Expression sum = null;
        for (int t = 0; t < count; t++) {
            into.addStatement(Ast.local(Ast.FLOAT, coefLocal + t, coef.apply(k.plus(t))));
            into.addStatement(Ast.local(EmitContext.floats(), "r" + t, row.apply(k.plus(t))));
            sum = Ast.plus(sum, Ast.times(Ast.name(coefLocal + t), Ast.at("r" + t, Lin.var(x))));
        }
        BlockStmt loop = new BlockStmt();
        loop.addStatement(Ast.addAssign(Ast.at(out, Lin.var(x)), sum));
        into.addStatement(Ast.loop(x, Literals.integer(0), length, loop));
    }

    /**
     * The same as Java text, with the loop variable {@code k} and the row loop over {@code x}:
     * {@code coef} and {@code row} are formats taking the row index expression; with
     * {@code skipZero} a group whose coefficients are all zero is skipped.
     */
    static void text(StringBuilder s, int rows, String coef, String row, String out, int length, boolean skipZero) {
        text(s, rows, coef, row, out, String.valueOf(length), skipZero);
    }

    /** As above, with the row length a Java expression (say, a local). */
    static void text(StringBuilder s, int rows, String coef, String row, String out, String length,
                     boolean skipZero) {
        int full = rows / GROUP * GROUP;
        if (full > 0) {
            s.append("for (int k = 0; k < ").append(full).append("; k += ").append(GROUP).append(") {\n");
            textGroup(s, "k", GROUP, coef, row, out, length, skipZero);
            s.append("}\n");
        }
        if (rows > full) {
            s.append("{\n");
            textGroup(s, String.valueOf(full), rows - full, coef, row, out, length, skipZero);
            s.append("}\n");
        }
    }

    /** One group of {@code count} rows starting at the expression {@code base}, as in {@link #text}. */
    static void textGroup(StringBuilder s, String base, int count, String coef, String row, String out, int length,
                          boolean skipZero) {
        textGroup(s, base, count, coef, row, out, String.valueOf(length), skipZero);
    }

    /** As above, with the row length a Java expression. */
    static void textGroup(StringBuilder s, String base, int count, String coef, String row, String out,
                          String length, boolean skipZero) {
        StringBuilder sum = new StringBuilder();
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String at = base + " + " + i;
            s.append("final float w").append(i).append(" = ").append(String.format(coef, at))
                    .append("; final float[] r").append(i).append(" = ").append(String.format(row, at)).append(";\n");
            sum.append(i == 0 ? "" : " + ").append("w").append(i).append(" * r").append(i).append("[x]");
            any.append(i == 0 ? "" : " || ").append("w").append(i).append(" != 0f");
        }
        String loop = "for (int x = 0; x < " + length + "; x++) { " + out + "[x] += " + sum + "; }\n";
        s.append(skipZero ? "if (" + any + ") {\n" + loop + "}\n" : loop);
    }
}
