package dev.cnnc.spec.model;

/** How a convolution fills the padding (PyTorch's {@code padding_mode}). */
public enum PaddingMode {
    ZEROS("zeros"), REFLECT("reflect"), REPLICATE("replicate"), CIRCULAR("circular");

    private final String yamlName;

    PaddingMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
