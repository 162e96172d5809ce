package dev.cnnc.spec.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics from every stage. Not thread-safe; one per file being processed.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void report(Diagnostic d) {
        items.add(d);
    }

    public void error(Code code, Position position, String message, String... hints) {
        report(Diagnostic.error(code, position, message, hints));
    }

    public void warning(Code code, Position position, String message, String... hints) {
        report(Diagnostic.warning(code, position, message, hints));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics in source order (file, line, column), stable for equal positions. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.position().file())
                .thenComparingInt(d -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        return Collections.unmodifiableList(copy);
    }

    /** All diagnostics in the order they were reported. */
    public List<Diagnostic> all() {
        return Collections.unmodifiableList(items);
    }
}
