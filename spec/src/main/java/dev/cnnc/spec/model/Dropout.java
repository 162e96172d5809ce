package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code dropout}: zeroes a fraction {@code rate} at training (scaling the rest); identity at inference. */
public record Dropout(LayerMeta meta, double rate) implements Layer {
    public Dropout {
        Objects.requireNonNull(meta, "meta");
        Check.that(rate >= 0 && rate < 1, "dropout rate must be in [0, 1), got " + rate);
        Check.that(meta.inputs().size() == 1, "dropout has one input");
    }

    @Override
    public String typeName() {
        return "dropout";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitDropout(this);
    }
}
