package dev.cnnc.spec.model;

/** One method per layer kind; every pass over layers implements all of them. */
public interface LayerVisitor<R> {
    R visitConv(Conv layer);

    R visitDepthwiseConv2d(DepthwiseConv2d layer);

    R visitSeparableConv2d(SeparableConv2d layer);

    R visitPool(Pool layer);

    R visitGlobalPool(GlobalPool layer);

    R visitFlatten(Flatten layer);

    R visitReshape(Reshape layer);

    R visitDense(Dense layer);

    R visitActivation(ActivationLayer layer);

    R visitDropout(Dropout layer);

    R visitBatchNorm(BatchNorm layer);

    R visitAdd(Add layer);

    R visitConcat(Concat layer);
}
