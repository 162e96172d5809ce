package dev.cnnc.spec.model;

/** One layer of a network: a sealed family, one record per kind. */
public sealed interface Layer
        permits Conv, DepthwiseConv2d, SeparableConv2d, Pool, GlobalPool, Flatten, Reshape, Dense,
        ActivationLayer, Dropout, BatchNorm, Add, Concat {

    LayerMeta meta();

    /** The type as written in YAML ({@code conv2d}, {@code maxpool2d}, ...). */
    String typeName();

    <R> R accept(LayerVisitor<R> visitor);

    default String name() {
        return meta().name();
    }

    /** For messages: {@code layer 3 'c1' (conv2d)}. */
    default String describe() {
        return "layer " + meta().index() + " '" + name() + "' (" + typeName() + ")";
    }
}
