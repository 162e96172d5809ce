package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code add}: the element-wise sum of two or more tensors of equal shape. */
public record Add(LayerMeta meta) implements Layer {
    public Add {
        Objects.requireNonNull(meta, "meta");
        Check.that(meta.inputs().size() >= 2, "add has at least two inputs");
    }

    @Override
    public String typeName() {
        return "add";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitAdd(this);
    }
}
