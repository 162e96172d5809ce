package dev.cnnc.runtime;

import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.compiler.shape.TypedLayer;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.model.LayerMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The per-layer facts that {@code cnnc summary} shows, in spec order with the network input
 * as row 0: output shape, parameters, multiply-accumulates, receptive field and, for
 * convolutions, the parameters a dense layer between the same tensors would need.
 *
 * @param rows        the input row first, then one row per layer
 * @param activations values of all layer outputs of one sample, the input included
 */
public record NetworkSummary(String name, List<Row> rows, long totalParams, long totalMacs, long activations) {
    public NetworkSummary {
        Objects.requireNonNull(name, "name");
        rows = List.copyOf(rows);
    }

    /**
     * One table row.
     *
     * @param index           0 for the network input, else the 1-based layer index
     * @param inputs          names of the layers feeding this one (empty for the input row)
     * @param denseEquivalent for convolutions only: {@code in_elems * out_elems} weights plus
     *                        {@code out_elems} biases when the layer has a bias, i.e. the size
     *                        of the (Toeplitz) matrix the convolution is, stored densely
     */
    public record Row(int index, String name, String type, List<String> inputs, Shape output, long params,
                      long macs, ReceptiveField receptiveField, OptionalLong denseEquivalent) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(receptiveField, "receptiveField");
            Objects.requireNonNull(denseEquivalent, "denseEquivalent");
        }

        /** How many times more parameters the dense equivalent needs (dense / params). */
        public double denseRatio() {
            return params == 0 ? Double.NaN : (double) denseEquivalent.orElse(0) / params;
        }
    }

    /** The summary of a shape-checked network. */
    public static NetworkSummary of(TypedNetwork network) {
        List<Row> rows = new ArrayList<>();
        rows.add(inputRow(network.input()));
        long activations = network.input().size();
        for (TypedLayer layer : network.layers()) {
            rows.add(new Row(layer.layer().meta().index(), layer.name(), layer.layer().typeName(),
                    layer.layer().meta().inputs(), layer.output(), layer.params(), layer.macs(),
                    layer.receptiveField(), denseEquivalent(layer)));
            activations = Math.addExact(activations, layer.output().size());
        }
        return new NetworkSummary(network.spec().name(), rows, network.totalParams(), network.totalMacs(),
                activations);
    }

    /** The input sees one cell of itself, and neighbours are one cell apart. */
    private static Row inputRow(Shape input) {
        List<Long> ones = Collections.nCopies(input.spatialRank(), 1L);
        return new Row(0, LayerMeta.NETWORK_INPUT, "input", List.of(), input, 0, 0,
                new ReceptiveField(ones, ones), OptionalLong.empty());
    }

    private static OptionalLong denseEquivalent(TypedLayer layer) {
        return layer.layer().accept(new ConvBias()).map(bias -> {
            long in = layer.input().size();
            long out = layer.output().size();
            return OptionalLong.of(Math.addExact(Math.multiplyExact(in, out), bias ? out : 0));
        }).orElse(OptionalLong.empty());
    }
}
