package dev.cnnc.spec.def;

import static dev.cnnc.spec.def.ParamDef.computed;
import static dev.cnnc.spec.def.ParamDef.optional;
import static dev.cnnc.spec.def.ParamDef.required;

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
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every layer type of format 1 (contract §1.1): its YAML name, arity, spatial rank,
 * parameters, and how its record is built from checked {@link Args}.
 */
public enum LayerType {
    CONV1D("conv1d", Arity.ONE, 1, "1-D convolution (cross-correlation) over [C, L].", conv(),
            (m, a) -> conv(m, a, 1)),
    CONV2D("conv2d", Arity.ONE, 2, "2-D convolution (cross-correlation) over [C, H, W].", conv(),
            (m, a) -> conv(m, a, 2)),
    DEPTHWISE_CONV2D("depthwise_conv2d", Arity.ONE, 2,
            "Each channel convolved with `multiplier` kernels of its own (groups = channels).",
            list(required("kernel", ParamType.SPATIAL, "Kernel size, int or [kh, kw]."),
                    optional("multiplier", ParamType.POSITIVE_INT, 1, "Output channels per input channel."),
                    stride(), padding(), paddingMode(), dilation(), bias(), activation()),
            (m, a) -> new DepthwiseConv2d(m, a.spatial("kernel"), a.integer("multiplier"), a.spatial("stride"),
                    a.padding("padding"), a.paddingMode("padding_mode"), a.spatial("dilation"), a.bool("bias"),
                    a.activation("activation"))),
    SEPARABLE_CONV2D("separable_conv2d", Arity.ONE, 2,
            "A depthwise convolution (no bias) followed by a 1x1 convolution to `filters` channels.",
            list(required("filters", ParamType.POSITIVE_INT, "Output channels of the 1x1 convolution."),
                    required("kernel", ParamType.SPATIAL, "Depthwise kernel size, int or [kh, kw]."),
                    stride(), padding(), paddingMode(), dilation(), bias(), activation()),
            (m, a) -> new SeparableConv2d(m, a.integer("filters"), a.spatial("kernel"), a.spatial("stride"),
                    a.padding("padding"), a.paddingMode("padding_mode"), a.spatial("dilation"), a.bool("bias"),
                    a.activation("activation"))),
    MAXPOOL1D("maxpool1d", Arity.ONE, 1, "Maximum over each window; padded cells are ignored.",
            pool(false), (m, a) -> pool(m, a, PoolKind.MAX, 1)),
    MAXPOOL2D("maxpool2d", Arity.ONE, 2, "Maximum over each window; padded cells are ignored.",
            pool(false), (m, a) -> pool(m, a, PoolKind.MAX, 2)),
    AVGPOOL1D("avgpool1d", Arity.ONE, 1, "Mean over each window.",
            pool(true), (m, a) -> pool(m, a, PoolKind.AVG, 1)),
    AVGPOOL2D("avgpool2d", Arity.ONE, 2, "Mean over each window.",
            pool(true), (m, a) -> pool(m, a, PoolKind.AVG, 2)),
    L2POOL1D("l2pool1d", Arity.ONE, 1, "sqrt(sum of squares) over each window (LPPool, p = 2).",
            pool(false), (m, a) -> pool(m, a, PoolKind.L2, 1)),
    L2POOL2D("l2pool2d", Arity.ONE, 2, "sqrt(sum of squares) over each window (LPPool, p = 2).",
            pool(false), (m, a) -> pool(m, a, PoolKind.L2, 2)),
    GLOBAL_AVGPOOL("global_avgpool", Arity.ONE, 0, "Mean over all positions of each channel: [C].",
            list(), (m, a) -> new GlobalPool(m, PoolKind.AVG)),
    GLOBAL_MAXPOOL("global_maxpool", Arity.ONE, 0, "Maximum over all positions of each channel: [C].",
            list(), (m, a) -> new GlobalPool(m, PoolKind.MAX)),
    FLATTEN("flatten", Arity.ONE, 0, "[C, H, W] to [C*H*W] in C, H, W order.", list(),
            (m, a) -> new Flatten(m)),
    RESHAPE("reshape", Arity.ONE, 0, "The same elements under a new shape (one entry may be -1).",
            list(required("shape", ParamType.SHAPE, "The new shape, without the batch axis.")),
            (m, a) -> new Reshape(m, a.ints("shape"))),
    DENSE("dense", Arity.ONE, 0, "Fully connected: y = x W^T + b on a flat input.",
            list(required("units", ParamType.POSITIVE_INT, "Output size."), bias(), activation()),
            (m, a) -> new Dense(m, a.integer("units"), a.bool("bias"), a.activation("activation"))),
    RELU("relu", Arity.ONE, 0, "max(x, 0).", list(), (m, a) -> act(m, Activation.Kind.RELU)),
    SIGMOID("sigmoid", Arity.ONE, 0, "1 / (1 + exp(-x)).", list(), (m, a) -> act(m, Activation.Kind.SIGMOID)),
    TANH("tanh", Arity.ONE, 0, "tanh(x).", list(), (m, a) -> act(m, Activation.Kind.TANH)),
    SOFTMAX("softmax", Arity.ONE, 0, "exp(x) / sum(exp(x)) over the channel axis.", list(),
            (m, a) -> act(m, Activation.Kind.SOFTMAX)),
    IDENTITY("identity", Arity.ONE, 0, "x.", list(), (m, a) -> act(m, Activation.Kind.IDENTITY)),
    LEAKY_RELU("leaky_relu", Arity.ONE, 0, "x if x > 0 else slope * x.",
            list(optional("slope", ParamType.NUMBER, Activation.DEFAULT_LEAKY_SLOPE, "Slope for negative inputs.")),
            (m, a) -> new ActivationLayer(m, new Activation(Activation.Kind.LEAKY_RELU, a.number("slope")))),
    DROPOUT("dropout", Arity.ONE, 0, "Zeroes a fraction `rate` of values at training; identity at inference.",
            list(required("rate", ParamType.RATE, "Fraction dropped, 0 <= rate < 1.")),
            (m, a) -> new Dropout(m, a.number("rate"))),
    BATCHNORM("batchnorm", Arity.ONE, 0, "Per-channel batch normalisation (PyTorch BatchNorm1d/2d).",
            list(optional("momentum", ParamType.FRACTION, 0.1, "Weight of the new batch in the running statistics."),
                    optional("eps", ParamType.POSITIVE_NUMBER, 1e-5, "Added to the variance.")),
            (m, a) -> new BatchNorm(m, a.number("momentum"), a.number("eps"))),
    ADD("add", Arity.MANY, 0, "Element-wise sum of two or more tensors of equal shape.", list(),
            (m, a) -> new Add(m)),
    CONCAT("concat", Arity.MANY, 0, "Joins two or more tensors of equal spatial size along channels.", list(),
            (m, a) -> new Concat(m));

    /** How many inputs a layer takes. */
    public enum Arity {
        /** Exactly one (default: the layer before). */
        ONE,
        /** Two or more, named explicitly. */
        MANY
    }

    /** Keys every layer mapping may have besides its parameters. */
    public static final List<String> COMMON_KEYS = List.of("type", "name", "input");

    private final String yamlName;
    private final Arity arity;
    private final int spatialRank;
    private final String doc;
    private final List<ParamDef> params;
    private final BiFunction<LayerMeta, Args, Layer> factory;

    LayerType(String yamlName, Arity arity, int spatialRank, String doc, List<ParamDef> params,
              BiFunction<LayerMeta, Args, Layer> factory) {
        this.yamlName = yamlName;
        this.arity = arity;
        this.spatialRank = spatialRank;
        this.doc = doc;
        this.params = params;
        this.factory = factory;
    }

    public String yamlName() {
        return yamlName;
    }

    public Arity arity() {
        return arity;
    }

    /** 1 or 2 for layers tied to 1-D or 2-D tensors, 0 for rank-agnostic layers. */
    public int spatialRank() {
        return spatialRank;
    }

    public String doc() {
        return doc;
    }

    public List<ParamDef> params() {
        return params;
    }

    public Optional<ParamDef> param(String key) {
        return params.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** Whether a bare string (e.g. {@code - flatten}) is enough: no required parameters. */
    public boolean allowsBareString() {
        return params.stream().noneMatch(ParamDef::required) && arity == Arity.ONE;
    }

    /** Builds the record; {@code args} must hold checked values for this type's parameters. */
    public Layer create(LayerMeta meta, Args args) {
        return factory.apply(meta, args);
    }

    public static Optional<LayerType> byYamlName(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    /** The YAML names of the types that may be written as a bare string, in table order. */
    public static List<String> yamlNamesAllowingBareString() {
        return Arrays.stream(values()).filter(LayerType::allowsBareString).map(LayerType::yamlName).toList();
    }

    /** All YAML names, in table order (for "valid choices" lists). */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(LayerType::yamlName).toList();
    }

    // --- parameter lists shared by several types

    private static List<ParamDef> list(ParamDef... defs) {
        return List.of(defs);
    }

    private static List<ParamDef> conv() {
        return list(required("filters", ParamType.POSITIVE_INT, "Output channels."),
                required("kernel", ParamType.SPATIAL, "Kernel size, int or [kh, kw] ([k] in 1-D)."),
                stride(), padding(), paddingMode(), dilation(),
                optional("groups", ParamType.POSITIVE_INT, 1, "Channel groups; must divide input channels and filters."),
                bias(), activation());
    }

    private static List<ParamDef> pool(boolean average) {
        List<ParamDef> defs = new ArrayList<>(List.of(
                required("size", ParamType.SPATIAL, "Window size, int or [h, w] ([l] in 1-D)."),
                computed("stride", ParamType.SPATIAL, "= size", "Step between windows; defaults to the window size."),
                optional("padding", ParamType.PADDING, 0, "Padding on each side; at most half the window."),
                optional("ceil_mode", ParamType.BOOLEAN, false,
                        "Round the output size up (PyTorch's ceil_mode); windows starting in the right padding are dropped.")));
        if (average) {
            defs.add(optional("count_include_pad", ParamType.BOOLEAN, false,
                    "Divide by the whole window, padding included, instead of by the cells inside the input."));
        }
        return List.copyOf(defs);
    }

    private static ParamDef stride() {
        return optional("stride", ParamType.SPATIAL, 1, "Step between windows, int or per axis.");
    }

    private static ParamDef padding() {
        return optional("padding", ParamType.PADDING, "valid",
                "valid, same, an int, [ph, pw], [top, bottom, left, right]; 1-D: int or [left, right].");
    }

    private static ParamDef paddingMode() {
        return optional("padding_mode", ParamType.PADDING_MODE, "zeros", "How padded cells are filled (PyTorch's meanings).");
    }

    private static ParamDef dilation() {
        return optional("dilation", ParamType.SPATIAL, 1, "Spacing between kernel taps.");
    }

    private static ParamDef bias() {
        return optional("bias", ParamType.BOOLEAN, true, "Whether the layer adds a learned bias.");
    }

    private static ParamDef activation() {
        return optional("activation", ParamType.ACTIVATION, "none", "Applied to the output.");
    }

    private static Layer conv(LayerMeta m, Args a, int rank) {
        return new Conv(m, rank, a.integer("filters"), a.spatial("kernel"), a.spatial("stride"), a.padding("padding"),
                a.paddingMode("padding_mode"), a.spatial("dilation"), a.integer("groups"), a.bool("bias"),
                a.activation("activation"));
    }

    private static Layer pool(LayerMeta m, Args a, PoolKind kind, int rank) {
        List<Integer> size = a.spatial("size");
        List<Integer> stride = a.has("stride") ? a.spatial("stride") : size;
        boolean countIncludePad = kind == PoolKind.AVG && a.bool("count_include_pad");
        return new Pool(m, kind, rank, size, stride, a.padding("padding"), countIncludePad, a.bool("ceil_mode"));
    }

    private static Layer act(LayerMeta m, Activation.Kind kind) {
        return new ActivationLayer(m, Activation.of(kind));
    }
}
