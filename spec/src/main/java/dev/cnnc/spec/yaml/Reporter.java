package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.diag.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reports reader errors: at a value's position, with the notes of {@code $variable}
 * substitutions and of the block uses being expanded, and only once per position and
 * message, so that an error inside a block repeated three times is reported once.
 */
final class Reporter {
    private final Diagnostics out;
    private final Marks marks;
    private final Set<Node> tagged;
    private final Set<String> seen = new HashSet<>();
    private List<Note> origin = List.of();
    private int errors;

    /** @param loaderErrors whether the YAML loader has already reported errors for this file */
    Reporter(Diagnostics out, Marks marks, Set<Node> tagged, boolean loaderErrors) {
        this.out = out;
        this.marks = marks;
        this.tagged = tagged;
        this.errors = loaderErrors ? 1 : 0;
    }

    Marks marks() {
        return marks;
    }

    /** Where a value's problems are reported. */
    Position pos(Val v) {
        return v.at().orElseGet(() -> marks.at(v.node()));
    }

    /** Whether the value carried an explicit tag, already reported: read nothing from it. */
    boolean tagged(Val v) {
        return tagged.contains(v.node());
    }

    void error(Code code, Val at, String message, String... hints) {
        report(Diagnostic.error(code, pos(at), message, hints), at.notes());
    }

    void error(Code code, Position at, String message, String... hints) {
        report(Diagnostic.error(code, at, message, hints), List.of());
    }

    private void report(Diagnostic d, List<Note> notes) {
        String key = d.code() + " " + d.position() + " " + d.message();
        if (!seen.add(key)) {
            return;
        }
        for (Note n : notes) {
            d = d.withNote(n);
        }
        for (Note n : origin) {
            d = d.withNote(n);
        }
        out.report(d);
        errors++;
    }

    /** The use-site notes of the expansion in progress, innermost first. */
    List<Note> origin() {
        return origin;
    }

    /** Sets the use-site notes; returns the previous ones, to be restored. */
    List<Note> enter(List<Note> newOrigin) {
        List<Note> old = origin;
        origin = List.copyOf(newOrigin);
        return old;
    }

    void leave(List<Note> previous) {
        origin = previous;
    }

    /** Whether this reader has reported an error (other files' diagnostics do not count). */
    boolean hasErrors() {
        return errors > 0;
    }

    static List<Note> prepend(Note first, List<Note> rest) {
        List<Note> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
