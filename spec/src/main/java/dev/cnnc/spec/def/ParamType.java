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
    SHAPE("a list of 1 to 3 positive integers (one may be -1)");

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
