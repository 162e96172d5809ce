package dev.cnnc.runtime;

import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Concat;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.DepthwiseConv2d;
import dev.cnnc.spec.model.Dropout;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.GlobalPool;
import dev.cnnc.spec.model.LayerVisitor;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.Optional;

/**
 * For convolution layers (every kind), whether they add a bias; empty for every other layer.
 * A new layer kind makes javac ask whether it is a convolution.
 */
final class ConvBias implements LayerVisitor<Optional<Boolean>> {
    @Override
    public Optional<Boolean> visitConv(Conv layer) {
        return Optional.of(layer.bias());
    }

    @Override
    public Optional<Boolean> visitDepthwiseConv2d(DepthwiseConv2d layer) {
        return Optional.of(layer.bias());
    }

    @Override
    public Optional<Boolean> visitSeparableConv2d(SeparableConv2d layer) {
        return Optional.of(layer.bias());
    }

    @Override
    public Optional<Boolean> visitPool(Pool layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitGlobalPool(GlobalPool layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitFlatten(Flatten layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitReshape(Reshape layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitDense(Dense layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitActivation(ActivationLayer layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitDropout(Dropout layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitBatchNorm(BatchNorm layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitAdd(Add layer) {
        return Optional.empty();
    }

    @Override
    public Optional<Boolean> visitConcat(Concat layer) {
        return Optional.empty();
    }
}
