package dev.cnnc.runtime.compile;

import java.util.List;

/**
 * javac rejected source that cnnc generated. The user cannot fix this: it is a cnnc bug,
 * reported as an internal error. The message is one line (the command line prints it as
 * {@code cnnc: internal error: ...}); every javac diagnostic is in {@link #diagnostics()} and
 * in the message of the cause, which the stack trace ({@code --debug}) shows.
 */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many diagnostics the cause's message lists; the rest are counted. */
    private static final int LISTED = 50;

    private final transient List<String> diagnostics;

    public CompilationException(List<String> diagnostics) {
        super(summary(diagnostics), new JavacErrors(listing(diagnostics)));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every javac error, formatted {@code PATH:LINE:COL: error: MESSAGE}. */
    public List<String> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<String> diagnostics) {
        String first = diagnostics.isEmpty() ? "no diagnostic" : diagnostics.get(0).replaceAll("\\s*\\R\\s*", " ");
        return "javac rejected the generated source (a cnnc bug; please report it with the spec): "
                + diagnostics.size() + (diagnostics.size() == 1 ? " error: " : " errors, the first: ") + first;
    }

    private static String listing(List<String> diagnostics) {
        StringBuilder b = new StringBuilder("javac errors:");
        diagnostics.stream().limit(LISTED).forEach(d -> b.append(System.lineSeparator()).append("  ").append(d));
        if (diagnostics.size() > LISTED) {
            b.append(System.lineSeparator()).append("  ... and ").append(diagnostics.size() - LISTED).append(" more");
        }
        return b.toString();
    }

    /** Carries the full listing as the cause, without a stack trace of its own. */
    private static final class JavacErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JavacErrors(String message) {
            super(message, null, false, false);
        }
    }
}
