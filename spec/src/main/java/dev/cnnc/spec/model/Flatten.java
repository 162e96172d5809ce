package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code flatten}: [C, H, W] to [C·H·W] in C, H, W order. */
public record Flatten(LayerMeta meta) implements Layer {
    public Flatten {
        Objects.requireNonNull(meta, "meta");
        Check.that(meta.inputs().size() == 1, "flatten has one input");
    }

    @Override
    public String typeName() {
        return "flatten";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitFlatten(this);
    }
}
