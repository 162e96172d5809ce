package dev.cnnc.compiler.ir;

import dev.cnnc.compiler.shape.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lowered network: ops in execution order over explicit buffers and one flat parameter array.
 *
 * @param name       the spec's name (user text)
 * @param labels     class labels (user text), empty when the spec has none
 * @param input      the caller's input array (read only by the first op, a {@link NormalizeOp})
 * @param output     the buffer holding the network output after the last op
 * @param buffers    every buffer, {@code input} first, by id
 * @param params     every tensor in state_dict order; offsets are contiguous from 0
 * @param paramCount total floats of the parameter array (the end of the last tensor)
 * @param layerOutputs the buffer holding each spec layer's output, in spec order (layers that
 *                   re-interpret memory share their input's buffer; a layer with a fused
 *                   activation shares the activated buffer with the activation layer)
 */
public record ModelIr(String name, List<String> labels, Shape inputShape, Shape outputShape, Buffer input,
                      Buffer output, List<Op> ops, List<Buffer> buffers, List<ParamTensor> params,
                      int paramCount, Map<String, Buffer> layerOutputs) {
    public ModelIr {
        layerOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(layerOutputs));
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        ops = List.copyOf(ops);
        buffers = List.copyOf(buffers);
        params = List.copyOf(params);
        int expected = 0;
        for (ParamTensor p : params) {
            if (p.offset() != expected) {
                throw new IllegalArgumentException("parameter offsets must be contiguous at " + p.name());
            }
            expected = p.end();
        }
        if (expected != paramCount) {
            throw new IllegalArgumentException("paramCount " + paramCount + " != " + expected);
        }
    }

    /**
     * The buffer a training loss is taken on: for a network ending in softmax (a layer or a fused
     * activation), the values before it; otherwise the output.
     */
    public Buffer logits() {
        Op last = ops.get(ops.size() - 1);
        if (last instanceof ActivationOp a && a.activation().kind() == dev.cnnc.spec.model.Activation.Kind.SOFTMAX
                && a.out().id() == output.id()) {
            return a.in();
        }
        return output;
    }
}
