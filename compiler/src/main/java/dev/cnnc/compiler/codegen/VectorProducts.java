package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.cnnc.compiler.ir.ConvOp;
import java.util.List;

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
            "jdk.incubator.vector.VectorSpecies");
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
     * {@code acc[oc][at + q] = bias[oc] + Σ_{c, kh, kw} w[oc][c][kh][kw] · in[c·plane + kh·dh·PW + kw·dw + q]}
     * for the columns {@code q < span} of the slot whose input is bound to {@code in} and whose
     * first column is {@code at}; {@code p} and {@code acc} are bound too.
     */
    static BlockStmt products(ConvOp op) {
        int span = ConvColumnsEmitter.span(op);
        int channels = op.inChannels();
        int outChannels = op.outChannels();
        int vectors = vectors(span);
        int rows = Math.min(outChannels, ACCUMULATORS / vectors);
        int whole = outChannels - outChannels % rows;
        StringBuilder b = new StringBuilder("{\n");
        b.append("final int vl = ").append(SPECIES).append(".length();\n");
        b.append("for (int qs = 0; qs < ").append(span).append("; qs += ").append(vectors).append(" * vl) {\n");
        b.append("final int q = Math.min(qs, ").append(span).append(" - ").append(vectors).append(" * vl);\n");
        if (whole > 0) {
            b.append("for (int oc = 0; oc < ").append(whole).append("; oc += ").append(rows).append(") {\n");
            block(b, op, rows, vectors, channels);
            b.append("}\n");
        }
        if (whole < outChannels) {
            b.append("{\nfinal int oc = ").append(whole).append(";\n");
            block(b, op, outChannels - whole, vectors, channels);
            b.append("}\n");
        }
        b.append("}\n}");
        return StaticJavaParser.parseBlock(b.toString());
    }

    /** One register block of {@code rows} output channels from {@code oc}, {@code vectors} vectors from {@code q}. */
    private static void block(StringBuilder b, ConvOp op, int rows, int vectors, int channels) {
        int taps = op.taps();
        long perChannel = (long) channels * taps;
        long plane = (long) op.h().in() * op.w().in();
        for (int r = 0; r < rows; r++) {
            String init = op.bias().isPresent()
                    ? "FloatVector.broadcast(" + SPECIES + ", p[" + op.bias().get().offset()
                    + " + oc" + plus(r) + "])"
                    : "FloatVector.zero(" + SPECIES + ")";
            b.append("FloatVector a").append(r).append("_0 = ").append(init);
            for (int v = 1; v < vectors; v++) {
                b.append(", a").append(r).append('_').append(v).append(" = a").append(r).append("_0");
            }
            b.append(";\n");
        }
        b.append("for (int c = 0; c < ").append(channels).append("; c++) {\n");
        b.append("for (int kh = 0; kh < ").append(op.h().kernel()).append("; kh++) {\n");
        b.append("for (int kw = 0; kw < ").append(op.w().kernel()).append("; kw++) {\n");
        int dw = op.w().dilation();
        b.append("final int i = c * ").append(plane).append(" + kh * ").append((long) op.h().dilation() * op.w().in())
                .append(" + kw").append(dw == 1 ? "" : " * " + dw).append(" + q;\n");
        // weight[oc][c][kh][kw] = p[W + oc·C·taps + c·taps + kh·KW + kw]
        b.append("final int k = ").append(op.weight().offset()).append(" + oc * ").append(perChannel)
                .append(" + c * ").append(taps).append(" + kh * ").append(op.w().kernel()).append(" + kw;\n");
        for (int v = 0; v < vectors; v++) {
            b.append("final FloatVector x").append(v)
                    .append(" = FloatVector.fromArray(").append(SPECIES).append(", in, i")
                    .append(offset(v)).append(");\n");
        }
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "FloatVector " : "").append("w = FloatVector.broadcast(").append(SPECIES)
                    .append(", p[k").append(plus(r * perChannel)).append("]);\n");
            for (int v = 0; v < vectors; v++) {
                b.append('a').append(r).append('_').append(v).append(" = x").append(v).append(".fma(w, a")
                        .append(r).append('_').append(v).append(");\n");
            }
        }
        b.append("}\n}\n}\n");
        for (int r = 0; r < rows; r++) {
            b.append("{\nfinal float[] o = acc[oc").append(plus(r)).append("];\n");
            for (int v = 0; v < vectors; v++) {
                b.append('a').append(r).append('_').append(v).append(".intoArray(o, at + q")
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
