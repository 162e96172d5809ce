package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code reshape}: the same elements in row-major order under a new shape (batch axis
 * excluded). At most one entry may be -1, meaning "whatever makes the count match", as in
 * PyTorch's {@code view}.
 */
public record Reshape(LayerMeta meta, List<Integer> shape) implements Layer {
    public Reshape {
        Objects.requireNonNull(meta, "meta");
        shape = List.copyOf(shape);
        Check.that(!shape.isEmpty() && shape.size() <= 3, "reshape has 1 to 3 dimensions, got " + shape);
        Check.that(shape.stream().allMatch(d -> d > 0 || d == -1), "reshape entries are positive or -1");
        Check.that(shape.stream().filter(d -> d == -1).count() <= 1, "reshape has at most one -1");
        Check.that(meta.inputs().size() == 1, "reshape has one input");
    }

    @Override
    public String typeName() {
        return "reshape";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitReshape(this);
    }
}
