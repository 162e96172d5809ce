package dev.cnnc.compiler.ir;

import dev.cnnc.compiler.shape.Shape;
import java.util.Objects;

/**
 * One activation tensor of one sample, stored flat in row-major (C, H, W) order.
 *
 * @param id    position in {@link ModelIr#buffers()}, stable for a given network
 * @param label where it comes from (a layer name, or the layer name plus a suffix such as
 *              {@code .padded}); user text, so code generators must pass it through their
 *              name allocator
 * @param shape the logical shape; padded buffers have the padded spatial extents
 */
public record Buffer(int id, String label, Shape shape) {
    public Buffer {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shape, "shape");
        if (id < 0) {
            throw new IllegalArgumentException("buffer id must be >= 0, got " + id);
        }
    }

    /** Number of floats. */
    public int size() {
        return (int) shape.size();
    }
}
