package dev.cnnc.compiler.testing;

import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.InputSpec;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Normalize;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Positions;
import dev.cnnc.spec.model.TrainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds {@link NetworkSpec}s programmatically: layers get indices and default inputs (the layer before). */
public final class Nets {
    private final String name;
    private final List<Integer> input;
    private Optional<Normalize> normalize = Optional.empty();
    private List<String> classes = List.of();
    private final List<Layer> layers = new ArrayList<>();

    private Nets(String name, List<Integer> input) {
        this.name = name;
        this.input = List.copyOf(input);
    }

    public static Nets input(String name, Integer... shape) {
        return new Nets(name, List.of(shape));
    }

    public Nets normalize(List<Double> mean, List<Double> std) {
        normalize = Optional.of(new Normalize(mean, std));
        return this;
    }

    public Nets classes(List<String> labels) {
        classes = List.copyOf(labels);
        return this;
    }

    /** Adds a layer fed by the previous one (or the network input). */
    public Nets add(String layerName, Function<LayerMeta, Layer> make) {
        String previous = layers.isEmpty() ? LayerMeta.NETWORK_INPUT : layers.get(layers.size() - 1).name();
        return add(layerName, List.of(previous), make);
    }

    public Nets add(String layerName, List<String> inputs, Function<LayerMeta, Layer> make) {
        layers.add(make.apply(new LayerMeta(layers.size() + 1, layerName, inputs, Positions.NONE, List.of())));
        return this;
    }

    public NetworkSpec spec() {
        return new NetworkSpec(NetworkSpec.FORMAT, name, new InputSpec(input, normalize, Positions.NONE), classes,
                layers, TrainSpec.DEFAULTS, Positions.NONE);
    }

    // ---- layer shorthands ----

    public static Padding pad(List<Integer> before, List<Integer> after) {
        return new Padding.Explicit(before, after);
    }

    public static Function<LayerMeta, Layer> conv2d(int filters, int k, int stride, int padding, Activation act) {
        return m -> new Conv(m, 2, filters, List.of(k, k), List.of(stride, stride),
                Padding.Explicit.uniform(padding, 2), PaddingMode.ZEROS, List.of(1, 1), 1, true, act);
    }

    public static Function<LayerMeta, Layer> conv1d(int filters, int k, int stride, int padding, Activation act) {
        return m -> new Conv(m, 1, filters, List.of(k), List.of(stride), Padding.Explicit.uniform(padding, 1),
                PaddingMode.ZEROS, List.of(1), 1, true, act);
    }

    public static Function<LayerMeta, Layer> maxpool(int rank, int size) {
        List<Integer> s = rank == 2 ? List.of(size, size) : List.of(size);
        return m -> new Pool(m, PoolKind.MAX, rank, s, s, Padding.VALID, false, false);
    }

    public static Activation act(Activation.Kind kind) {
        return Activation.of(kind);
    }
}
