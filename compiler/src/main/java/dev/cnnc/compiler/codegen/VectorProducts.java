package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Window;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The products of a stride-1 convolution written with {@code jdk.incubator.vector} (the opt-in
 * {@link GeneratorOptions#vectorApi()} variant): a register-blocked micro-kernel that keeps
 * {@code rows} output channels × {@code vectors} vectors of output columns in registers
 * ({@link #ACCUMULATORS} in all) and reads the padded input directly, so it needs no im2col
 * rows. It fills the same accumulator rows as {@link ConvColumnsEmitter}'s plain-Java products
 * (bias included, columns at the padded input's pitch), whose activation and store passes then
 * run unchanged.
 *
 * <p>Why: C2 (JDK 17) auto-vectorises only one output channel per loop, so the plain products
 * stream every im2col row from L2 once per output channel (25-30% of the FMA peak on
 * VGG-small). Here each input vector loaded feeds {@code rows} FMAs and each broadcast weight
 * {@code vectors}; the input window of a column block stays in L1 across output channels.
 * A column block that would pass the row's end is moved back to end at it (its columns are
 * computed twice, with the same result), so no masked or scalar tail is needed; hence a row
 * must hold one block ({@link #MIN_SPAN}). Long rows get 4 vectors × 4 channels; shorter ones
 * fewer vectors and more channels, whichever computes the fewest columns twice (the 1-D
 * example's rows of 57 columns: 2 vectors × 8 channels, 64 columns).
 */
final class VectorProducts {
    /** Accumulator registers of a block: {@code rows · vectors}. AVX-512 has 32 vector registers. */
    static final int ACCUMULATORS = 16;
    /** The most vectors of columns per block. */
    static final int MAX_VECTORS = 4;
    /** The species' length is capped at 16 floats (512 bits): a block of v vectors spans at most 16·v columns. */
    static final int MAX_LANES = 16;
    /** The shortest row: one vector of the widest species. */
    static final int MIN_SPAN = MAX_LANES;
    /** The imports the generated class needs when a kernel uses the vectors. */
    static final List<String> IMPORTS = List.of("jdk.incubator.vector.FloatVector",
            "jdk.incubator.vector.VectorOperators", "jdk.incubator.vector.VectorSpecies");
    /** The generated class's species constant. */
    static final String SPECIES = "VS";
    /** Declaration of {@link #SPECIES}: the machine's preferred shape, at most 512 bits. */
    static final String SPECIES_FIELD = "private static final VectorSpecies<Float> " + SPECIES
            + " = FloatVector.SPECIES_PREFERRED.length() <= " + MAX_LANES
            + " ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;";

    private VectorProducts() {
    }

    /** Whether the op's rows are long enough for the register blocks. */
    static boolean applies(ConvOp op) {
        return ConvColumnsEmitter.applies(op) && ConvColumnsEmitter.span(op) >= MIN_SPAN;
    }

    /**
     * Vectors per block for a row of {@code span} columns (at most {@link #MAX_VECTORS} and
     * {@code span / 16}): the fewest columns computed at 16 lanes, ties to more vectors (fewer
     * loads per multiply-add).
     */
    static int vectors(int span) {
        int best = 1;
        long bestColumns = Long.MAX_VALUE;
        for (int v = 1; v <= Math.min(MAX_VECTORS, span / MAX_LANES); v++) {
            long width = (long) v * MAX_LANES;
            long columns = (span + width - 1) / width * width;
            if (columns <= bestColumns) {
                best = v;
                bestColumns = columns;
            }
        }
        return best;
    }

    /**
     * What varies between the forward products and dx: the text of the index, load and store
     * expressions. In the kernel, {@code oc} is the first of the block's {@code rows} result rows,
     * {@code c} the summed channel, {@code kh, kw} the tap, {@code q} the block's first column and
     * {@code i}, {@code k} the input and weight indices the two declarations define.
     *
     * @param span       the columns of a result row (an expression: the dx rows depend on the chunk)
     * @param blockSpan  the row length the block shape is chosen for ({@link #vectors})
     * @param results    result rows (output channels of the forward, input channels for dx)
     * @param summed     channels summed over
     * @param inputIndex declares {@code i}, the input index of the tap for column {@code q}
     * @param input      the array the input vectors are loaded from
     * @param weightIndex declares {@code k}, the weight index of result row {@code oc}
     * @param weight     the weight of result row {@code oc + r} at {@code k}
     * @param prelude    statements at the start of a block of {@code r} rows (binding weight rows)
     * @param init       the initial accumulator of row {@code oc + r}
     * @param storeRow   the array row {@code oc + r} of the block is stored in
     * @param storeAt    the column of that array where column {@code q} goes
     */
    private record Kernel(ConvOp op, String span, int blockSpan, int results, int summed, String inputIndex,
                          String input, String weightIndex, IntFunction<String> weight,
                          IntFunction<String> prelude, IntFunction<String> init,
                          IntFunction<String> storeRow, String storeAt) {
    }

    /**
     * {@code acc[oc][at + q] = bias[oc] + Σ_{c, kh, kw} w[oc][c][kh][kw] · in[c·plane + kh·dh·PW + kw·dw + q]}
     * for the columns {@code q < span} of the slot whose input is bound to {@code in} and whose
     * first column is {@code at}; {@code p} and {@code acc} are bound too.
     */
    static BlockStmt products(ConvOp op) {
        int span = ConvColumnsEmitter.span(op);
        int channels = op.inChannels();
        int taps = op.taps();
        long perChannel = (long) channels * taps;
        long plane = (long) op.h().in() * op.w().in();
        Kernel k = new Kernel(op, Integer.toString(span), span, op.outChannels(), channels,
                "final int i = c * " + plane + " + " + tapOffset(op) + " + q;\n", "in",
                // weight[oc][c][kh][kw] = p[W + oc·C·taps + c·taps + kh·KW + kw]
                "final int k = " + op.weight().offset() + " + oc * " + perChannel + " + c * " + taps + " + kh * "
                        + op.w().kernel() + " + kw;\n",
                r -> "p[k" + plus(r * perChannel) + "]",
                rows -> "",
                r -> op.bias().isPresent() ? "FloatVector.broadcast(" + SPECIES + ", p[" + op.bias().get().offset()
                        + " + oc" + plus(r) + "])" : "FloatVector.zero(" + SPECIES + ")",
                r -> "acc[oc" + plus(r) + "]", "at + q");
        return StaticJavaParser.parseBlock(kernel(k));
    }

    /** Whether the convolution's dx can use the vectors: a padded input plane of at least one vector. */
    static boolean appliesToDx(ConvOp op) {
        return ConvColumnsEmitter.applies(op) && (long) op.h().in() * op.w().in() >= MIN_SPAN;
    }

    /** The largest tap offset {@code (KH−1)·dh·PW + (KW−1)·dw}: the margin before dx's gradient rows. */
    static long dxMargin(ConvOp op) {
        return Window.tapOffset(op.h(), op.w(), op.h().kernel() - 1, op.w().kernel() - 1);
    }

    /**
     * dx of a chunk, as the forward kernel's correlation of the output gradient with the
     * transposed weights: {@code dacc[c][q] = Σ_{oc, kh, kw} wT[c][oc·taps + t] · g[oc][margin − off_t + q]}
     * for {@code q < cols}, where {@code g[oc]} holds the chunk's output gradient at the padded
     * input's pitch after a {@link #dxMargin} of zeros, sample {@code s} from column
     * {@code s·plane} (the columns between the samples' gradients stay zero, so the chunk is one
     * long row). {@code wT}, {@code g}, {@code dacc} and {@code cols} must be bound.
     */
    static String dx(ConvOp op) {
        int taps = op.taps();
        int plane = op.h().in() * op.w().in();
        Kernel k = new Kernel(op, "cols", plane, op.inChannels(), op.outChannels(),
                "final int i = " + dxMargin(op) + " - (" + tapOffset(op) + ") + q;\n", "g[c]",
                "final int k = c * " + taps + " + kh * " + op.w().kernel() + " + kw;\n",
                r -> "w" + r + "[k]",
                rows -> {
                    StringBuilder b = new StringBuilder();
                    for (int r = 0; r < rows; r++) {
                        b.append("final float[] w").append(r).append(" = wT[oc").append(plus(r)).append("];\n");
                    }
                    return b.toString();
                },
                r -> "FloatVector.zero(" + SPECIES + ")",
                r -> "dacc[oc" + plus(r) + "]", "q");
        return kernel(k);
    }

    /** {@code kh·dh·PW + kw·dw} as text. */
    private static String tapOffset(ConvOp op) {
        int dw = op.w().dilation();
        return "kh * " + (long) op.h().dilation() * op.w().in() + " + kw" + (dw == 1 ? "" : " * " + dw);
    }

    /** The kernel's text: blocks of columns, in them blocks of result rows and a remainder block. */
    private static String kernel(Kernel k) {
        int vectors = vectors(k.blockSpan());
        int rows = Math.min(k.results(), ACCUMULATORS / vectors);
        int whole = k.results() - k.results() % rows;
        StringBuilder b = new StringBuilder("{\n");
        b.append("final int vl = ").append(SPECIES).append(".length();\n");
        b.append("for (int qs = 0; qs < ").append(k.span()).append("; qs += ").append(vectors).append(" * vl) {\n");
        b.append("final int q = Math.min(qs, ").append(k.span()).append(" - ").append(vectors).append(" * vl);\n");
        if (whole > 0) {
            b.append("for (int oc = 0; oc < ").append(whole).append("; oc += ").append(rows).append(") {\n");
            block(b, k, rows, vectors);
            b.append("}\n");
        }
        if (whole < k.results()) {
            b.append("{\nfinal int oc = ").append(whole).append(";\n");
            block(b, k, k.results() - whole, vectors);
            b.append("}\n");
        }
        return b.append("}\n}").toString();
    }

    /** One register block of {@code rows} result rows from {@code oc}, {@code vectors} vectors from {@code q}. */
    private static void block(StringBuilder b, Kernel k, int rows, int vectors) {
        b.append(k.prelude().apply(rows));
        for (int r = 0; r < rows; r++) {
            b.append("FloatVector a").append(r).append("_0 = ").append(k.init().apply(r));
            for (int v = 1; v < vectors; v++) {
                b.append(", a").append(r).append('_').append(v).append(" = a").append(r).append("_0");
            }
            b.append(";\n");
        }
        b.append("for (int c = 0; c < ").append(k.summed()).append("; c++) {\n");
        b.append("for (int kh = 0; kh < ").append(k.op().h().kernel()).append("; kh++) {\n");
        b.append("for (int kw = 0; kw < ").append(k.op().w().kernel()).append("; kw++) {\n");
        b.append(k.inputIndex()).append(k.weightIndex());
        for (int v = 0; v < vectors; v++) {
            b.append("final FloatVector x").append(v).append(" = FloatVector.fromArray(").append(SPECIES)
                    .append(", ").append(k.input()).append(", i").append(offset(v)).append(");\n");
        }
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "FloatVector " : "").append("w = FloatVector.broadcast(").append(SPECIES).append(", ")
                    .append(k.weight().apply(r)).append(");\n");
            for (int v = 0; v < vectors; v++) {
                b.append('a').append(r).append('_').append(v).append(" = x").append(v).append(".fma(w, a")
                        .append(r).append('_').append(v).append(");\n");
            }
        }
        b.append("}\n}\n}\n");
        for (int r = 0; r < rows; r++) {
            b.append("{\nfinal float[] o = ").append(k.storeRow().apply(r)).append(";\n");
            for (int v = 0; v < vectors; v++) {
                b.append('a').append(r).append('_').append(v).append(".intoArray(o, ").append(k.storeAt())
                        .append(offset(v)).append(");\n");
            }
            b.append("}\n");
        }
    }

    /** {@code ""} or {@code " + n"}. */
    private static String plus(long n) {
        return n == 0 ? "" : " + " + n;
    }

    /** The offset of vector {@code v} of a block: {@code ""}, {@code " + vl"}, {@code " + 2 * vl"}, ... */
    private static String offset(int v) {
        return v == 0 ? "" : v == 1 ? " + vl" : " + " + v + " * vl";
    }
}
