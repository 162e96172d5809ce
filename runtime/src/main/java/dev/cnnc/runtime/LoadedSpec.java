package dev.cnnc.runtime;

import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the front end made of one spec file: its text (when it could be read), every
 * diagnostic in source order, and the parsed and shape-checked network when there were
 * no errors.
 *
 * @param file        the file name as the user gave it (printed in diagnostics)
 * @param source      the text, empty when the file could not be read
 * @param diagnostics errors and warnings, sorted by position
 * @param spec        the parsed spec, present when the reader reported no errors
 * @param network     the typed network, present when no stage reported errors
 */
public record LoadedSpec(String file, Optional<SourceText> source, List<Diagnostic> diagnostics,
                         Optional<NetworkSpec> spec, Optional<TypedNetwork> network) {
    public LoadedSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(network, "network");
        if (network.isPresent() && errorCount(diagnostics) > 0) {
            throw new IllegalArgumentException("a network with errors: " + file);
        }
    }

    /** True when the file is valid: a typed network exists (warnings allowed). */
    public boolean ok() {
        return network.isPresent();
    }

    public long errors() {
        return errorCount(diagnostics);
    }

    public long warnings() {
        return diagnostics.size() - errors();
    }

    /** The text by file name, for {@link dev.cnnc.spec.diag.DiagnosticPrinter}. */
    public Map<String, SourceText> sources() {
        return source.map(s -> Map.of(s.name(), s)).orElse(Map.of());
    }

    private static long errorCount(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }
}
