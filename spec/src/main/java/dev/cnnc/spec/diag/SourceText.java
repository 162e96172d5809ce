package dev.cnnc.spec.diag;

import java.util.List;
import java.util.Objects;

/**
 * The text of a source file, kept so that diagnostics can quote the offending line.
 *
 * @param name the file name as the user gave it (printed in diagnostics)
 */
public record SourceText(String name, String text) {
    public SourceText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** The 1-based line, without its line terminator, or "" when out of range. */
    public String line(int line) {
        List<String> lines = text.lines().toList();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }
}
