package dev.cnnc.spec.diag;

/**
 * Stable diagnostic codes. The {@link #id()} strings are part of the external contract
 * ({@code cnnc validate --format json}); never rename one, only add.
 */
public enum Code {
    // --- file and YAML level (spec reader)
    IO("io", "the file cannot be read"),
    FILE_TOO_LARGE("file-too-large", "the file exceeds the size limit"),
    YAML_SYNTAX("yaml-syntax", "the text is not well-formed YAML"),
    YAML_TAG("yaml-tag", "explicit YAML tags are not allowed"),
    YAML_ALIAS("yaml-alias", "too many YAML aliases (possible alias bomb)"),
    YAML_DEPTH("yaml-depth", "YAML nesting too deep"),
    YAML_MULTI_DOC("yaml-multi-document", "more than one YAML document in a file"),
    DUPLICATE_KEY("duplicate-key", "a mapping key appears twice"),
    // --- structure and values (spec reader)
    UNKNOWN_KEY("unknown-key", "a key that the format does not define"),
    MISSING_KEY("missing-key", "a required key is missing"),
    WRONG_TYPE("wrong-type", "a value of the wrong YAML type"),
    BAD_VALUE("bad-value", "a value outside its allowed range or set"),
    UNKNOWN_LAYER_TYPE("unknown-layer-type", "a layer type that does not exist"),
    UNSUPPORTED_FORMAT("unsupported-format", "a format version other than 1"),
    BAD_NAME("bad-name", "a name that is not an identifier"),
    UNKNOWN_BLOCK("unknown-block", "a use of a block that is not defined"),
    UNKNOWN_BLOCK_PARAM("unknown-block-param", "a block parameter that is not declared"),
    UNDEFINED_VARIABLE("undefined-variable", "a $variable without a value"),
    BLOCK_CYCLE("block-cycle", "a block that uses itself, directly or through other blocks"),
    // --- graph (spec reader / shape checker)
    DUPLICATE_NAME("duplicate-name", "two layers with the same name"),
    UNDEFINED_INPUT("undefined-input", "an input naming no earlier layer"),
    CYCLE("cycle", "layers whose inputs form a cycle"),
    UNUSED_LAYER("unused-layer", "a layer whose output reaches nothing"),
    // --- shapes (shape checker)
    RANK_MISMATCH("rank-mismatch", "a layer applied to a tensor of the wrong rank"),
    KERNEL_TOO_LARGE("kernel-too-large", "the dilated kernel does not fit the padded input"),
    NON_POSITIVE_SIZE("non-positive-size", "a size, stride or dilation that is zero or negative"),
    GROUPS_MISMATCH("groups-mismatch", "groups do not divide the channels"),
    REFLECT_PADDING("reflect-padding", "reflect padding not smaller than the input"),
    PADDING_TOO_LARGE("padding-too-large", "pooling padding larger than half the window"),
    DENSE_NOT_FLAT("dense-not-flat", "dense on a tensor that is not flat"),
    ADD_MISMATCH("add-mismatch", "add inputs of different shapes"),
    CONCAT_MISMATCH("concat-mismatch", "concat inputs of different spatial sizes"),
    ARITY("arity", "a layer with the wrong number of inputs"),
    RESHAPE_MISMATCH("reshape-mismatch", "reshape to a different number of elements"),
    CLASSES_LENGTH("classes-length", "classes do not match the output size"),
    OVERFLOW("overflow", "a size, parameter count or cost too large to represent"),
    TOO_LARGE("too-large", "a network above the documented ceilings"),
    UNREAD_INPUT("unread-input", "a stride that leaves input rows unread");

    private final String id;
    private final String summary;

    Code(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The stable identifier printed in JSON output, e.g. {@code kernel-too-large}. */
    public String id() {
        return id;
    }

    /** One line saying what the rule is about. */
    public String summary() {
        return summary;
    }
}
