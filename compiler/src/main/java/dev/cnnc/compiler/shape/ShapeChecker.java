package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Optional;

/**
 * Infers every tensor's shape and checks every shape rule of the contract (§1.1), reporting
 * problems into {@code diagnostics}. Returns a typed network only when there are no errors.
 */
public final class ShapeChecker {
    public Optional<TypedNetwork> check(NetworkSpec spec, Diagnostics diagnostics) {
        throw new UnsupportedOperationException("ShapeChecker not written yet");
    }
}
