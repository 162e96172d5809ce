package dev.cnnc.spec.diag;

/** How bad a diagnostic is: errors stop the pipeline, warnings do not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in diagnostics ({@code error}, {@code warning}, {@code note}). */
    public String label() {
        return label;
    }
}
