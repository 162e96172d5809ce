package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code separable_conv2d}: a depthwise convolution (no bias) followed by a 1×1 convolution
 * to {@code filters} channels (with {@code bias}), then {@code activation}.
 */
public record SeparableConv2d(LayerMeta meta, int filters, List<Integer> kernel, List<Integer> stride,
                              Padding padding, PaddingMode paddingMode, List<Integer> dilation,
                              boolean bias, Activation activation) implements Layer {
    public SeparableConv2d {
        Objects.requireNonNull(meta, "meta");
        Check.positive(filters, "filters");
        kernel = Check.positives(kernel, 2, "kernel");
        stride = Check.positives(stride, 2, "stride");
        dilation = Check.positives(dilation, 2, "dilation");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(paddingMode, "paddingMode");
        Objects.requireNonNull(activation, "activation");
        Check.that(meta.inputs().size() == 1, "separable_conv2d has one input");
    }

    @Override
    public String typeName() {
        return "separable_conv2d";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitSeparableConv2d(this);
    }
}
