package dev.cnnc.runtime.compile;

import java.util.List;

/**
 * javac rejected source that cnnc generated. The user cannot fix this: it is a cnnc bug,
 * reported as an internal error with every javac diagnostic so that it can be filed.
 */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many diagnostics the message lists; the rest are counted. */
    private static final int LISTED = 20;

    private final transient List<String> diagnostics;

    public CompilationException(List<String> diagnostics) {
        super(message(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every javac error, formatted {@code PATH:LINE:COL: error: MESSAGE}. */
    public List<String> diagnostics() {
        return diagnostics;
    }

    private static String message(List<String> diagnostics) {
        StringBuilder b = new StringBuilder("javac rejected the generated source (a cnnc bug; please report it) with ")
                .append(diagnostics.size()).append(diagnostics.size() == 1 ? " error:" : " errors:");
        diagnostics.stream().limit(LISTED).forEach(d -> b.append(System.lineSeparator()).append("  ").append(d));
        if (diagnostics.size() > LISTED) {
            b.append(System.lineSeparator()).append("  ... and ").append(diagnostics.size() - LISTED).append(" more");
        }
        return b.toString();
    }
}
