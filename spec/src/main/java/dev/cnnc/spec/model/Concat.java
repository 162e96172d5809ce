package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code concat}: joins two or more tensors of equal spatial size along the channel axis. */
public record Concat(LayerMeta meta) implements Layer {
    public Concat {
        Objects.requireNonNull(meta, "meta");
        Check.that(meta.inputs().size() >= 2, "concat has at least two inputs");
    }

    @Override
    public String typeName() {
        return "concat";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitConcat(this);
    }
}
