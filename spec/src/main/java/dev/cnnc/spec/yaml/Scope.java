package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Position;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code $variables} visible in a layer list: none at the top level, a block's
 * parameters inside an expansion.
 *
 * @param block the block whose parameters these are, empty at the top level
 */
record Scope(Optional<String> block, Map<String, Binding> vars) {
    static final Scope TOP = new Scope(Optional.empty(), Map.of());

    Scope {
        vars = Map.copyOf(vars);
    }

    /**
     * A parameter's value: a node to be read in the scope where it was written (the use's
     * scope for {@code with:} values, none for defaults).
     *
     * @param from where the value was written
     * @param how  "given in 'with'" or "the default of block 'res'"
     */
    record Binding(Val value, Position from, String how) {
    }
}
