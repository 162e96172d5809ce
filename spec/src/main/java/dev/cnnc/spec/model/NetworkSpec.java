package dev.cnnc.spec.model;

import java.util.List;
import java.util.Objects;

/**
 * A whole model spec after block expansion: the layers in order, each with resolved,
 * named inputs (a DAG; the last layer is the output).
 *
 * @param name      free text as written; the Java class name is derived from it elsewhere
 * @param classes   label names, empty when not given
 * @param positions where the top-level keys are ({@code name}, {@code input}, {@code classes}, ...)
 */
public record NetworkSpec(int format, String name, InputSpec input, List<String> classes,
                          List<Layer> layers, TrainSpec train, Positions positions) {
    public static final int FORMAT = 1;

    public NetworkSpec {
        Check.that(format == FORMAT, "only format 1 exists, got " + format);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        classes = List.copyOf(classes);
        layers = List.copyOf(layers);
        Check.that(!layers.isEmpty(), "a network has at least one layer");
        for (int i = 0; i < layers.size(); i++) {
            Check.that(layers.get(i).meta().index() == i + 1, "layer indices must be 1..n in order");
        }
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(positions, "positions");
    }

    public Layer output() {
        return layers.get(layers.size() - 1);
    }
}
