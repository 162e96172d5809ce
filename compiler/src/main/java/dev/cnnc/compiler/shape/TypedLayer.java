package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Layer;
import java.util.List;
import java.util.Objects;

/**
 * A layer with everything the later stages need to know about its tensors.
 *
 * @param inputShapes one per input, in the order of {@code layer.meta().inputs()}
 * @param windows     resolved sliding-window geometry per spatial axis for conv and pooling
 *                    layers; empty for every other kind
 * @param params      trainable parameters (PyTorch's {@code sum(p.numel())}); batchnorm's
 *                    running statistics are buffers, not counted
 * @param macs        multiply-accumulates of one forward pass of one sample
 */
public record TypedLayer(Layer layer, List<Shape> inputShapes, Shape output, List<AxisWindow> windows,
                         long params, long macs, ReceptiveField receptiveField) {
    public TypedLayer {
        Objects.requireNonNull(layer, "layer");
        inputShapes = List.copyOf(inputShapes);
        Objects.requireNonNull(output, "output");
        windows = List.copyOf(windows);
        Objects.requireNonNull(receptiveField, "receptiveField");
        if (inputShapes.size() != layer.meta().inputs().size()) {
            throw new IllegalArgumentException("one input shape per input");
        }
    }

    public String name() {
        return layer.name();
    }

    /** The shape of the single input of a one-input layer. */
    public Shape input() {
        return inputShapes.get(0);
    }
}
