package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/** {@code depthwise_conv2d}: each input channel convolved with {@code multiplier} own kernels. */
public record DepthwiseConv2d(LayerMeta meta, List<Integer> kernel, int multiplier, List<Integer> stride,
                              Padding padding, PaddingMode paddingMode, List<Integer> dilation,
                              boolean bias, Activation activation) implements Layer {
    public DepthwiseConv2d {
        Objects.requireNonNull(meta, "meta");
        kernel = Check.positives(kernel, 2, "kernel");
        Check.positive(multiplier, "multiplier");
        stride = Check.positives(stride, 2, "stride");
        dilation = Check.positives(dilation, 2, "dilation");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(paddingMode, "paddingMode");
        Objects.requireNonNull(activation, "activation");
        Check.that(meta.inputs().size() == 1, "depthwise_conv2d has one input");
    }

    @Override
    public String typeName() {
        return "depthwise_conv2d";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitDepthwiseConv2d(this);
    }
}
