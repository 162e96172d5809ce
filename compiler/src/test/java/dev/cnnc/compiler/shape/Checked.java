package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.List;
import java.util.Optional;

/** The result of running the shape checker in a test, with assertion helpers. */
record Checked(Optional<TypedNetwork> network, List<Diagnostic> diagnostics) {
    static Checked run(NetBuilder builder) {
        return run(builder.build());
    }

    static Checked run(NetworkSpec spec) {
        Diagnostics d = new Diagnostics();
        Optional<TypedNetwork> net = new ShapeChecker().check(spec, d);
        return new Checked(net, d.all());
    }

    TypedNetwork ok() {
        if (network.isEmpty() || diagnostics.stream().anyMatch(Diagnostic::isError)) {
            fail("expected no errors, got " + diagnostics);
        }
        return network.get();
    }

    List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** Asserts exactly one error, of this code, and returns it. */
    Diagnostic onlyError(Code code) {
        assertTrue(network.isEmpty(), "no network with errors");
        assertEquals(1, errors().size(), () -> "errors: " + errors());
        Diagnostic d = errors().get(0);
        assertEquals(code, d.code(), d::message);
        return d;
    }

    /** Asserts that the message or a hint contains each fragment. */
    static void mentions(Diagnostic d, String... fragments) {
        String all = d.message() + "\n" + String.join("\n", d.hints());
        for (String f : fragments) {
            assertTrue(all.contains(f), () -> "'" + f + "' not in:\n" + all);
        }
    }
}
