package dev.cnnc.runtime.safetensors;

import java.util.Arrays;

/**
 * A float32 tensor: a shape and its values in C order (row-major, last index fastest).
 *
 * <p>The shape is copied; the values array is not (weights can be large): the tensor takes
 * ownership of it, and {@link #values()} returns that same array. A shape {@code []} is a scalar
 * with one value; a shape containing 0 has no values.
 *
 * @param shape the dimensions, each ≥ 0
 * @param values exactly {@code prod(shape)} values
 */
public record Tensor(int[] shape, float[] values) {
    /** Validates the shape and that {@code values.length == prod(shape)}. */
    public Tensor {
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + shapeString(shape) + " needs "
                    + n + " values, got " + values.length);
        }
    }

    /** Returns a copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Returns dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Returns the number of values, {@code prod(shape)}. */
    public int size() {
        return values.length;
    }

    /** Returns true when this tensor has the given shape. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /**
     * Returns {@code prod(shape)}.
     *
     * @throws IllegalArgumentException when a dimension is negative or the product exceeds the
     *     largest Java array
     */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + shapeString(shape)
                        + " has more than " + Integer.MAX_VALUE + " values");
            }
        }
        return n;
    }

    /** Formats a shape the way messages show it: {@code [6, 1, 5, 5]}. */
    public static String shapeString(int[] shape) {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString(shape);
    }
}
