package dev.cnnc.cli;

import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import java.io.PrintWriter;

/** How every command reports the front end's findings for one file. */
final class Reports {
    private Reports() {
    }

    /**
     * Prints the file's diagnostics in the contract's text format and, when it has errors,
     * the count line {@code FILE: 2 errors, 1 warning}; flushes.
     */
    static void printDiagnostics(LoadedSpec result, PrintWriter err) {
        err.print(new DiagnosticPrinter(result.sources()).text(result.diagnostics()));
        if (!result.ok()) {
            err.println(result.file() + ": " + Numbers.count(result.errors(), "error") + warningsSuffix(result));
        }
        err.flush();
    }

    /** {@code ", 2 warnings"}, or "" without warnings. */
    static String warningsSuffix(LoadedSpec result) {
        return result.warnings() == 0 ? "" : ", " + Numbers.count(result.warnings(), "warning");
    }

    /** The file's diagnostics as a JSON object ({@link DiagnosticPrinter#json}). */
    static String json(LoadedSpec result) {
        return DiagnosticPrinter.json(result.file(), result.diagnostics());
    }

    /** Adds {@code members} (comma-separated JSON members) to the end of a JSON object. */
    static String extend(String object, String members) {
        if (!object.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + object);
        }
        String body = object.substring(0, object.length() - 1);
        return body + (body.endsWith("{") ? "" : ",") + members + "}";
    }
}
