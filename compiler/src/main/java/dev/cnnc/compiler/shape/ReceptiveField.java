package dev.cnnc.compiler.shape;

import java.util.List;

/**
 * Receptive field of one output element on the network input, per spatial axis of the
 * input: {@code size} input cells seen, {@code jump} input cells between neighbouring
 * outputs (the product of strides so far). After a layer that mixes all positions
 * (flatten, dense, global pooling) size is the whole input.
 */
public record ReceptiveField(List<Long> size, List<Long> jump) {
    public ReceptiveField {
        size = List.copyOf(size);
        jump = List.copyOf(jump);
        if (size.size() != jump.size()) {
            throw new IllegalArgumentException("size and jump differ in rank");
        }
    }
}
