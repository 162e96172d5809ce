package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.model.Activation;
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
import dev.cnnc.spec.model.InputSpec;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Positions;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import dev.cnnc.spec.model.TrainSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link NetworkSpec}s in tests without YAML. Layer k sits on line k of a fake file
 * "t.yaml"; each key has its own column ({@link #column}), so tests can check which key a
 * diagnostic points at. The network input is on line 100, classes on line 101.
 */
final class NetBuilder {
    static final String FILE = "t.yaml";
    static final List<String> KEYS = List.of("type", "name", "input", "kernel", "size", "stride", "padding",
            "groups", "filters", "units", "shape", "multiplier", "padding_mode", "dilation");

    private final List<Integer> input;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> typeCounts = new HashMap<>();
    private List<String> classes = List.of();
    private List<String> nextInputs;
    private List<Note> nextOrigin = List.of();

    private NetBuilder(List<Integer> input) {
        this.input = input;
    }

    static NetBuilder input(Integer... dims) {
        return new NetBuilder(List.of(dims));
    }

    /** The column of key {@code key} on a layer's line. */
    static int column(String key) {
        return KEYS.indexOf(key) + 2;
    }

    static Position at(int layerIndex, String key) {
        return new Position(FILE, layerIndex, column(key));
    }

    /** The next layer reads these inputs instead of the previous layer. */
    NetBuilder from(String... names) {
        nextInputs = List.of(names);
        return this;
    }

    /** The next layer comes from a block used at this note's position. */
    NetBuilder origin(Note note) {
        nextOrigin = List.of(note);
        return this;
    }

    NetBuilder classes(String... names) {
        classes = List.of(names);
        return this;
    }

    NetBuilder conv(String name, int rank, int filters, List<Integer> kernel, List<Integer> stride, Padding padding,
                    PaddingMode mode, List<Integer> dilation, int groups) {
        return layer(rank == 1 ? "conv1d" : "conv2d", name, m -> new Conv(m, rank, filters, kernel, stride, padding,
                mode, dilation, groups, true, Activation.NONE));
    }

    NetBuilder conv2d(String name, int filters, int kernel) {
        return conv2d(name, filters, kernel, 1, Padding.VALID);
    }

    NetBuilder conv2d(String name, int filters, int kernel, int stride, Padding padding) {
        return conv(name, 2, filters, List.of(kernel, kernel), List.of(stride, stride), padding, PaddingMode.ZEROS,
                List.of(1, 1), 1);
    }

    NetBuilder conv1d(String name, int filters, int kernel) {
        return conv(name, 1, filters, List.of(kernel), List.of(1), Padding.VALID, PaddingMode.ZEROS, List.of(1), 1);
    }

    NetBuilder depthwise(String name, int kernel, int multiplier) {
        return layer("depthwise_conv2d", name, m -> new DepthwiseConv2d(m, List.of(kernel, kernel), multiplier,
                List.of(1, 1), Padding.VALID, PaddingMode.ZEROS, List.of(1, 1), true, Activation.NONE));
    }

    NetBuilder separable(String name, int filters, int kernel, boolean bias) {
        return layer("separable_conv2d", name, m -> new SeparableConv2d(m, filters, List.of(kernel, kernel),
                List.of(1, 1), Padding.VALID, PaddingMode.ZEROS, List.of(1, 1), bias, Activation.NONE));
    }

    NetBuilder pool(String name, PoolKind kind, int rank, List<Integer> size, List<Integer> stride, Padding padding,
                    boolean ceil) {
        return layer(kind.prefix() + "pool" + rank + "d", name, m -> new Pool(m, kind, rank, size, stride, padding,
                false, ceil));
    }

    NetBuilder maxpool2d(String name, int size) {
        return pool(name, PoolKind.MAX, 2, List.of(size, size), List.of(size, size), Padding.VALID, false);
    }

    NetBuilder globalAvg(String name) {
        return layer("global_avgpool", name, m -> new GlobalPool(m, PoolKind.AVG));
    }

    NetBuilder flatten(String name) {
        return layer("flatten", name, Flatten::new);
    }

    NetBuilder reshape(String name, Integer... shape) {
        return layer("reshape", name, m -> new Reshape(m, List.of(shape)));
    }

    NetBuilder dense(String name, int units) {
        return layer("dense", name, m -> new Dense(m, units, true, Activation.NONE));
    }

    NetBuilder relu(String name) {
        return layer("relu", name, m -> new ActivationLayer(m, Activation.of(Activation.Kind.RELU)));
    }

    NetBuilder dropout(String name) {
        return layer("dropout", name, m -> new Dropout(m, 0.5));
    }

    NetBuilder batchnorm(String name) {
        return layer("batchnorm", name, m -> new BatchNorm(m, 0.1, 1e-5));
    }

    NetBuilder add(String name, String... inputs) {
        nextInputs = List.of(inputs);
        return layer("add", name, Add::new);
    }

    NetBuilder concat(String name, String... inputs) {
        nextInputs = List.of(inputs);
        return layer("concat", name, Concat::new);
    }

    private NetBuilder layer(String type, String name, Function<LayerMeta, Layer> make) {
        int index = layers.size() + 1;
        int k = typeCounts.merge(type, 1, Integer::sum);
        String actual = name != null ? name : type + "_" + k;
        List<String> inputs = nextInputs != null ? nextInputs
                : List.of(layers.isEmpty() ? LayerMeta.NETWORK_INPUT : layers.get(layers.size() - 1).name());
        Map<String, Position> keys = new LinkedHashMap<>();
        KEYS.forEach(key -> keys.put(key, at(index, key)));
        Positions positions = new Positions(new Position(FILE, index, 1), keys);
        layers.add(make.apply(new LayerMeta(index, actual, inputs, positions, nextOrigin)));
        nextInputs = null;
        nextOrigin = List.of();
        return this;
    }

    NetworkSpec build() {
        Positions top = new Positions(new Position(FILE, 99, 1),
                Map.of("input", new Position(FILE, 100, 8), "classes", new Position(FILE, 101, 10),
                        "layers", new Position(FILE, 102, 1)));
        InputSpec in = new InputSpec(input, java.util.Optional.empty(), Positions.NONE);
        return new NetworkSpec(1, "Test", in, classes, layers, TrainSpec.DEFAULTS, top);
    }

    static List<Integer> ints(Integer... values) {
        return Arrays.asList(values);
    }

    static List<Integer> twice(int v) {
        return Collections.nCopies(2, v);
    }
}
