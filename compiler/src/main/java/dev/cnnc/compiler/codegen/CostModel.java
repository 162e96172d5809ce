package dev.cnnc.compiler.codegen;

/**
 * Estimates of the bytecode the kernels emit, so that no generated method exceeds HotSpot's
 * 8000-byte JIT limit ({@code -XX:-DontCompileHugeMethods} is off by default). The estimates are
 * per unrolled term, measured on javac output with margin; a test compiles generated models and
 * checks the real sizes.
 */
final class CostModel {
    /** HotSpot does not JIT-compile methods with more bytecode than this. */
    static final int HOTSPOT_LIMIT = 8000;
    /** What the planner aims for, leaving room for the estimate's error. */
    static final int BUDGET = 5000;
    /** Bytes of one multiply-add term {@code w_k * in[j + C]} in an unrolled sum. */
    static final int TERM = 13;
    /** Bytes of loading one weight into a local ({@code final float w = p[wb + C];}). */
    static final int WEIGHT_LOAD = 10;
    /** Bytes of one tap of an unrolled pooling window. */
    static final int POOL_TAP = 16;
    /** Loops, locals and the activation around an unrolled body. */
    static final int OVERHEAD = 300;
    /** Weight locals per unrolled block: keeps local slots below 256 (no {@code wide} loads). */
    static final int MAX_WEIGHT_LOCALS = 200;

    /**
     * Multiply-adds per unrolled block in {@link UnrollMode#FULL}: larger blocks spill the weight
     * locals out of registers and ran slower in measurements (VGG-small: 200 terms 2.8x slower
     * than 50).
     */
    static final int FULL_BLOCK_TERMS = 50;

    /**
     * Rows per multiply-add statement of {@link ConvColumnsEmitter}. C2 (JDK 17) stops
     * vectorising the loop beyond about 10 terms (the unrolled body exceeds its unroll limit);
     * in a standalone copy of VGG-small's conv2, 4 terms ran at 24.6 GFLOP/s, 6 at 21.3, 9 at
     * 20.7, 12 at 3.0 (docs/performance.md).
     */
    static final int COLUMNS_TERMS = 4;

    /**
     * Floats of im2col rows (forward) or gradient columns (dx) per block of channels, and of the
     * transposed im2col per block of output cells (dW): 10 Ki floats = 40 KiB, so that a block
     * stays in a 48 KiB L1 data cache while every output channel reads it. On the Zen 5 machine
     * of docs/performance.md this ran VGG-small 1.2x faster than blocks of 256 KiB (L2), and the
     * 1-D net's batch forward 1.2x; 24 KiB blocks made the 1-D net slower. A channel whose rows
     * exceed the budget (VGG-small's conv2: 38 KiB) is a block of its own.
     */
    static final long COLUMNS_BLOCK_FLOATS = 10 * 1024;

    /**
     * Floats per 64-byte cache line (one AVX-512 vector): {@link ConvColumnsEmitter} lays its im2col
     * rows and accumulator slot out in one array at multiples of this pitch, so that once C2 aligns
     * the loop's store every load is aligned too (docs/performance.md, "Aligned rows").
     */
    static final int LINE_FLOATS = 16;

    /**
     * Most im2col rows per block of {@link ConvColumnsEmitter}'s plain kernel: every group of
     * {@link #COLUMNS_TERMS} rows is a loop of its own (its offsets must be literals to be
     * vectorised), so this bounds the code per output channel to 16 loops.
     */
    static final int COLUMNS_BLOCK_ROWS = 64;

    private CostModel() {
    }

    /** {@code floats} rounded up to whole cache lines ({@link #LINE_FLOATS}). */
    static int linePitch(long floats) {
        return Math.toIntExact((floats + LINE_FLOATS - 1) / LINE_FLOATS * LINE_FLOATS);
    }

    /** Estimated bytes of an unrolled block of {@code terms} multiply-adds with their weight loads. */
    static int convBlock(int terms) {
        return terms * (TERM + WEIGHT_LOAD) + OVERHEAD;
    }

    static boolean fits(int bytes) {
        return bytes <= BUDGET;
    }
}
