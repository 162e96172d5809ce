package dev.cnnc.spec.diag;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a spec or a file: where, which rule ({@link Code}), what, and
 * what to do. Immutable.
 *
 * @param hints one to three suggested fixes, each a full sentence (may be empty)
 * @param notes related positions (e.g. "in block 'res', used here")
 */
public record Diagnostic(Severity severity, Code code, Position position, String message,
                         List<String> hints, List<Note> notes) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
        hints = List.copyOf(hints);
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(Code code, Position position, String message, String... hints) {
        return new Diagnostic(Severity.ERROR, code, position, message, List.of(hints), List.of());
    }

    public static Diagnostic warning(Code code, Position position, String message, String... hints) {
        return new Diagnostic(Severity.WARNING, code, position, message, List.of(hints), List.of());
    }

    /** A copy with one more note. */
    public Diagnostic withNote(Note note) {
        List<Note> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new Diagnostic(severity, code, position, message, hints, more);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
