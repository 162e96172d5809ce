package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code dense}: y = x Wᵀ + b on a flat input (PyTorch's Linear). */
public record Dense(LayerMeta meta, int units, boolean bias, Activation activation) implements Layer {
    public Dense {
        Objects.requireNonNull(meta, "meta");
        Check.positive(units, "units");
        Objects.requireNonNull(activation, "activation");
        Check.that(meta.inputs().size() == 1, "dense has one input");
    }

    @Override
    public String typeName() {
        return "dense";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitDense(this);
    }
}
