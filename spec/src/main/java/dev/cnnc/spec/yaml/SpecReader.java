package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Optional;

/**
 * Reads a YAML spec (format 1) into a {@link NetworkSpec}, reporting every problem into
 * {@code diagnostics}. Returns a spec only when there are no errors.
 */
public final class SpecReader {
    public Optional<NetworkSpec> read(SourceText source, Diagnostics diagnostics) {
        throw new UnsupportedOperationException("SpecReader not written yet");
    }
}
