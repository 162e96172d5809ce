package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code maxpool1d/2d}, {@code avgpool1d/2d}, {@code l2pool1d/2d}.
 *
 * @param countIncludePad average pooling only: divide by the whole window, padding included
 * @param ceilMode        output size rounds up (PyTorch's {@code ceil_mode}); an extension to
 *                        the contract, default false
 */
public record Pool(LayerMeta meta, PoolKind kind, int rank, List<Integer> size, List<Integer> stride,
                   Padding padding, boolean countIncludePad, boolean ceilMode) implements Layer {
    public Pool {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(kind, "kind");
        Check.that(rank == 1 || rank == 2, "pool rank must be 1 or 2, got " + rank);
        size = Check.positives(size, rank, "size");
        stride = Check.positives(stride, rank, "stride");
        Objects.requireNonNull(padding, "padding");
        Check.that(!countIncludePad || kind == PoolKind.AVG, "count_include_pad is for average pooling");
        Check.that(meta.inputs().size() == 1, "pooling has one input");
    }

    @Override
    public String typeName() {
        return kind.prefix() + "pool" + rank + "d";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitPool(this);
    }
}
