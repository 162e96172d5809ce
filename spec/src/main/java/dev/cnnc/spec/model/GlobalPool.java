package dev.cnnc.spec.model;

import java.util.Objects;

/** {@code global_avgpool} and {@code global_maxpool}: one value per channel, output [C]. */
public record GlobalPool(LayerMeta meta, PoolKind kind) implements Layer {
    public GlobalPool {
        Objects.requireNonNull(meta, "meta");
        Check.that(kind == PoolKind.AVG || kind == PoolKind.MAX, "global pooling is avg or max");
        Check.that(meta.inputs().size() == 1, "global pooling has one input");
    }

    @Override
    public String typeName() {
        return "global_" + kind.prefix() + "pool";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitGlobalPool(this);
    }
}
