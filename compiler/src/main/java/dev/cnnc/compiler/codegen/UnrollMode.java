package dev.cnnc.compiler.codegen;

/**
 * How far window loops are unrolled. Every mode computes the same function; they differ in
 * speed and code size, and every mode falls back to a smaller unrolling where the bytecode
 * budget ({@link CostModel}) would be exceeded.
 */
public enum UnrollMode {
    /** Loops over every kernel tap, forward and backward (the reference; smallest code). */
    NONE,
    /** The kernel window unrolled: one local per weight, constant offsets per tap (default). */
    KERNEL,
    /**
     * Kernel window and blocks of input channels unrolled, split into methods by the budget.
     * Bigger code; on VGG-small it measured slower than {@link #KERNEL} (more live weights than
     * registers), so it is an option to try, not the default.
     */
    FULL
}
