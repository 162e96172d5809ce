package dev.cnnc.compiler.ir;

/**
 * What a padded cell holds. For source index {@code i} outside {@code 0..n-1}:
 * zeros and negative infinity are constants; reflect mirrors without repeating the edge
 * ({@code -i}, {@code 2(n-1)-i}); replicate clamps to the edge; circular wraps ({@code i mod n}),
 * as PyTorch's padding modes.
 */
public enum PadFill {
    ZEROS, NEGATIVE_INFINITY, REFLECT, REPLICATE, CIRCULAR;

    /** Whether the fill is a constant rather than a copy of an input cell. */
    public boolean isConstant() {
        return this == ZEROS || this == NEGATIVE_INFINITY;
    }

    /** The source index for padded index {@code i} of an axis of length {@code n}; constant fills return -1 outside. */
    public int source(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case ZEROS, NEGATIVE_INFINITY -> -1;
            case REFLECT -> i < 0 ? -i : 2 * (n - 1) - i;
            case REPLICATE -> i < 0 ? 0 : n - 1;
            case CIRCULAR -> Math.floorMod(i, n);
        };
    }
}
