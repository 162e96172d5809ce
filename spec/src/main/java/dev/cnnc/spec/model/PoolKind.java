package dev.cnnc.spec.model;

/** The reduction of a pooling window. */
public enum PoolKind {
    /** Maximum; padded cells are ignored (PyTorch pads with -inf). */
    MAX("max"),
    /** Mean; divides by the cells inside the input unless count_include_pad. */
    AVG("avg"),
    /** sqrt(sum of squares) over the window (PyTorch's LPPool with p = 2); pads with zeros. */
    L2("l2");

    private final String prefix;

    PoolKind(String prefix) {
        this.prefix = prefix;
    }

    /** The YAML prefix: {@code max}, {@code avg}, {@code l2}. */
    public String prefix() {
        return prefix;
    }
}
