package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Layer;
import java.util.Optional;

/**
 * A tensor flowing into a layer: who produced it, its shape and its receptive field.
 *
 * @param producer  the producing layer, empty for the network input
 * @param shape     the tensor's shape
 * @param field     receptive field on the network input
 * @param wholeField whether every output element already sees the whole input (after
 *                  flatten, dense, global pooling or reshape); window layers keep it whole
 */
record Flow(Optional<Layer> producer, Shape shape, ReceptiveField field, boolean wholeField) {
    /** The producer's name as the user wrote it in {@code input:}. */
    String producerName() {
        return producer.map(Layer::name).orElse(dev.cnnc.spec.model.LayerMeta.NETWORK_INPUT);
    }

    /** For messages: {@code [C=16, H=4, W=4] from 'pool2'}. */
    String describe() {
        return shape.describe() + " from '" + producerName() + "'";
    }
}
