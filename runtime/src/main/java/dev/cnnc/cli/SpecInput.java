package dev.cnnc.cli;

import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.SpecLoader;
import java.io.PrintWriter;
import java.util.Optional;

/** The front end as commands that need a valid network use it: diagnostics on stderr, the network or nothing. */
final class SpecInput {
    private SpecInput() {
    }

    /**
     * Loads {@code file}, prints its diagnostics (and a count line when it has errors) on
     * {@code err}, and returns the network when it is valid.
     */
    static Optional<LoadedSpec> load(String file, PrintWriter err) {
        LoadedSpec result = new SpecLoader().load(file);
        Reports.printDiagnostics(result, err);
        return result.ok() ? Optional.of(result) : Optional.empty();
    }

    /** The network of a valid spec. */
    static TypedNetwork network(LoadedSpec spec) {
        return spec.network().orElseThrow();
    }

    /** Prints a bad weights or data file's problems, one {@code FILE: reason} line each. */
    static int invalid(InvalidFileException e, PrintWriter err) {
        err.println(e.getMessage());
        err.flush();
        return ExitCode.INVALID_INPUT;
    }
}
