package dev.cnnc.runtime.golden;

import java.util.Arrays;

/**
 * One fixture tensor: float32 values in C order (row-major, last index fastest).
 *
 * @param name the tensor's name in its case ({@code weight}, {@code grad_input}, {@code act3}, ...)
 * @param role what it is for
 * @param shape the dimensions; {@code []} is a scalar holding one value
 * @param data the values; its length is the product of the shape. The array is shared by every
 *     caller of {@link GoldenCase#tensor}: do not modify it, take a {@link #copy()}
 */
public record GoldenTensor(String name, Role role, int[] shape, float[] data) {
    /** Checks that the data length matches the shape. */
    public GoldenTensor {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, found " + data.length);
        }
        shape = shape.clone();
    }

    /** Returns a copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Returns a copy of the values (callers may modify it). */
    public float[] copy() {
        return data.clone();
    }

    /** Returns the number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Returns the number of values. */
    public int size() {
        return data.length;
    }

    /** Returns the single value of a scalar (shape {@code []}) or one-element tensor. */
    public float scalar() {
        if (data.length != 1) {
            throw new IllegalStateException(name + " has " + data.length + " values, not one");
        }
        return data[0];
    }

    /** Returns the values as integer class labels, checking each is a whole number ≥ 0. */
    public int[] labels() {
        int[] out = new int[data.length];
        for (int i = 0; i < out.length; i++) {
            float v = data[i];
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalStateException(name + "[" + i + "] = " + v + " is not a class label");
            }
            out[i] = (int) v;
        }
        return out;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " (" + role + ")";
    }
}
