package dev.cnnc.spec.model;

import java.util.Objects;

/**
 * {@code batchnorm}: per-channel normalisation (PyTorch's BatchNorm1d/2d semantics,
 * {@code momentum} weighting the new batch statistic).
 */
public record BatchNorm(LayerMeta meta, double momentum, double eps) implements Layer {
    public BatchNorm {
        Objects.requireNonNull(meta, "meta");
        Check.that(momentum >= 0 && momentum <= 1, "momentum must be in [0, 1], got " + momentum);
        Check.that(eps > 0 && Double.isFinite(eps), "eps must be positive, got " + eps);
        Check.that(meta.inputs().size() == 1, "batchnorm has one input");
    }

    @Override
    public String typeName() {
        return "batchnorm";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitBatchNorm(this);
    }
}
