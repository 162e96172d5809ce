package dev.cnnc.spec.model;

import java.util.Objects;

/**
 * {@code relu}, {@code leaky_relu}, {@code sigmoid}, {@code tanh}, {@code softmax},
 * {@code identity} as layers of their own. Softmax on a [C, ...] tensor is taken over the
 * channel axis (PyTorch's {@code dim=1} with a batch).
 */
public record ActivationLayer(LayerMeta meta, Activation activation) implements Layer {
    public ActivationLayer {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(activation, "activation");
        Check.that(meta.inputs().size() == 1, "an activation has one input");
    }

    @Override
    public String typeName() {
        return activation.kind().yamlName();
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitActivation(this);
    }
}
