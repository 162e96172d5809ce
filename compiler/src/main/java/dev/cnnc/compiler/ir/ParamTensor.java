package dev.cnnc.compiler.ir;

import java.util.List;
import java.util.Objects;

/**
 * One named tensor inside the flat parameter array: {@code size()} floats from {@code offset},
 * row-major in {@code shape}, named and laid out as in PyTorch's {@code state_dict()}.
 *
 * @param trainable false for batchnorm's running statistics (buffers in PyTorch's terms)
 */
public record ParamTensor(String name, List<Integer> shape, int offset, boolean trainable) {
    public ParamTensor {
        Objects.requireNonNull(name, "name");
        shape = List.copyOf(shape);
        if (offset < 0 || shape.isEmpty() || shape.stream().anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("bad tensor " + name + " " + shape + " @" + offset);
        }
    }

    /** Number of floats: the product of the shape. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** One past the last float. */
    public int end() {
        return offset + size();
    }
}
