package dev.cnnc.compiler.shape;

import java.util.List;

/**
 * The shape of one sample's tensor, without the batch axis: [N] (flat), [C, L] (1-D) or
 * [C, H, W] (2-D), channels first.
 */
public record Shape(List<Integer> dims) {
    private static final List<String> AXES_FLAT = List.of("N");
    private static final List<String> AXES_1D = List.of("C", "L");
    private static final List<String> AXES_2D = List.of("C", "H", "W");

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty() || dims.size() > 3) {
            throw new IllegalArgumentException("a shape has 1 to 3 dimensions, got " + dims);
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive, got " + dims);
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    /** 0 for flat, 1 for [C, L], 2 for [C, H, W]. */
    public int spatialRank() {
        return dims.size() - 1;
    }

    public boolean isFlat() {
        return dims.size() == 1;
    }

    /** The channel count (the single dimension of a flat tensor). */
    public int channels() {
        return dims.get(0);
    }

    /** Spatial dimension {@code axis} (0 = H or L, 1 = W). */
    public int spatial(int axis) {
        return dims.get(axis + 1);
    }

    /** Number of elements; fits an int because the checker refuses larger tensors. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Axis names: N, or C L, or C H W. */
    public List<String> axisNames() {
        return switch (dims.size()) {
            case 1 -> AXES_FLAT;
            case 2 -> AXES_1D;
            default -> AXES_2D;
        };
    }

    /** With named axes, for messages: {@code [C=6, H=28, W=28]}. */
    public String describe() {
        StringBuilder b = new StringBuilder("[");
        List<String> names = axisNames();
        for (int i = 0; i < dims.size(); i++) {
            b.append(i > 0 ? ", " : "").append(names.get(i)).append('=').append(dims.get(i));
        }
        return b.append(']').toString();
    }

    /** Plain, for tables: {@code [6, 28, 28]}. */
    @Override
    public String toString() {
        return dims.toString();
    }
}
