package dev.cnnc.spec.def;

import java.util.List;

/** The value types a layer parameter can have, with the words used in "expected ..." messages. */
public enum ParamType {
    POSITIVE_INT("a positive integer"),
    /** An int, or a list with one positive int per spatial axis ([kh, kw] or [k]). */
    SPATIAL("a positive integer or a list of one per spatial axis"),
    /** valid, same, an int, [ph, pw], [top, bottom, left, right]; 1-D: an int or [left, right]. */
    PADDING("'valid', 'same', a non-negative integer or a list of them"),
    PADDING_MODE("one of zeros, reflect, replicate, circular", "zeros", "reflect", "replicate", "circular"),
    ACTIVATION("one of none, relu, leaky_relu, sigmoid, tanh, softmax",
            "none", "relu", "leaky_relu", "sigmoid", "tanh", "softmax"),
    BOOLEAN("true or false"),
    NUMBER("a number"),
    /** [0, 1): dropout rate. */
    RATE("a number in [0, 1)"),
    /** [0, 1]: batchnorm momentum. */
    FRACTION("a number in [0, 1]"),
    POSITIVE_NUMBER("a positive number"),
    /** A list of positive ints, at most one -1 (reshape). */
    SHAPE("a list of 1 to 3 positive integers (one may be -1)"),

    // --- value types of the top-level keys and the sections (see SectionDefs)
    /** Any integer (format). */
    INTEGER("an integer"),
    /** 0, 1, 2, ... (seed, t_max). */
    NON_NEGATIVE_INT("a non-negative integer"),
    /** A finite number >= 0 (weight_decay, min_lr). */
    NON_NEGATIVE_NUMBER("a non-negative number"),
    /** Free text (name); numbers are taken as written. */
    STRING("a string"),
    /** Free-text labels (classes), no duplicates. */
    STRING_LIST("a list of strings"),
    /** normalize.mean: one finite number per input channel. */
    NUMBER_LIST("a list of numbers, one per channel"),
    /** normalize.std: one positive number per input channel. */
    POSITIVE_NUMBER_LIST("a list of positive numbers, one per channel"),
    /** input.shape: [C, L] or [C, H, W]. */
    INPUT_SHAPE("a list [C, H, W] or [C, L] of positive integers"),
    /** The top-level input: a shape list or an {shape, normalize} mapping. */
    INPUT("a list [C, H, W] or [C, L] of positive integers, or a mapping {shape, normalize}"),
    /** Adam's [beta1, beta2]. */
    BETAS("a list of two numbers in [0, 1)"),
    LOSS("one of cross_entropy, mse", "cross_entropy", "mse"),
    OPTIMIZER("one of sgd, adam", "sgd", "adam"),
    LR_SCHEDULE("one of step, cosine, none", "step", "cosine", "none"),
    INIT("one of he, glorot", "he", "glorot"),
    METRIC("one of val_loss, val_accuracy", "val_loss", "val_accuracy"),
    /** A nested mapping described by a {@link SectionDef}. */
    SECTION("a mapping"),
    /** A layer or block-use name. */
    NAME("a name like conv_1 (letters, digits, _; not starting with a digit)"),
    /** A layer's input: one name or a list of names. */
    LAYER_INPUT("a layer name or a list of layer names"),
    /** The layer list. */
    LAYERS("a non-empty list of layers"),
    /** The block definitions. */
    BLOCKS("a mapping from block names to {params, layers}"),
    /** Block parameters: name to default value (null = required). */
    BLOCK_PARAMS("a mapping from parameter names to default values (null when required)"),
    /** Arguments of a block use: parameter name to value. */
    BLOCK_ARGS("a mapping from parameter names to values");

    private final String expected;
    private final List<String> choices;

    ParamType(String expected, String... choices) {
        this.expected = expected;
        this.choices = List.of(choices);
    }

    /** Words for "expected X, found Y" messages. */
    public String expected() {
        return expected;
    }

    /** The allowed words for enumerated types, empty otherwise. */
    public List<String> choices() {
        return choices;
    }
}
