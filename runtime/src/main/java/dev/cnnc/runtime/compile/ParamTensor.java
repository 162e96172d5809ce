package dev.cnnc.runtime.compile;

import java.util.List;
import java.util.Objects;

/**
 * One parameter tensor of a model, as PyTorch's {@code state_dict()} names and lays it out
 * (e.g. {@code c1.weight} [6, 1, 5, 5]), and where it sits in the model's flat parameter array.
 *
 * @param offset index of its first element in the flat array
 */
public record ParamTensor(String name, List<Integer> shape, int offset) {
    public ParamTensor {
        Objects.requireNonNull(name, "name");
        shape = List.copyOf(shape);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " for " + name);
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive, got " + shape + " for " + name);
            }
        }
    }

    /** Number of elements (the product of the shape). */
    public int size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
