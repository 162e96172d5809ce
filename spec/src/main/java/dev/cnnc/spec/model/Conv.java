package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code conv1d} and {@code conv2d}: cross-correlation with {@code filters} output channels.
 *
 * @param rank number of spatial axes, 1 or 2
 */
public record Conv(LayerMeta meta, int rank, int filters, List<Integer> kernel, List<Integer> stride,
                   Padding padding, PaddingMode paddingMode, List<Integer> dilation, int groups,
                   boolean bias, Activation activation) implements Layer {
    public Conv {
        Objects.requireNonNull(meta, "meta");
        Check.that(rank == 1 || rank == 2, "conv rank must be 1 or 2, got " + rank);
        Check.positive(filters, "filters");
        kernel = Check.positives(kernel, rank, "kernel");
        stride = Check.positives(stride, rank, "stride");
        dilation = Check.positives(dilation, rank, "dilation");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(paddingMode, "paddingMode");
        Check.positive(groups, "groups");
        Objects.requireNonNull(activation, "activation");
        Check.that(meta.inputs().size() == 1, "conv has one input");
    }

    @Override
    public String typeName() {
        return rank == 1 ? "conv1d" : "conv2d";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitConv(this);
    }
}
