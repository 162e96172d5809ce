package dev.cnnc.spec.model;

import dev.cnnc.spec.diag.Note;
import java.util.List;
import java.util.Objects;

/**
 * What every layer has besides its parameters.
 *
 * @param index     1-based position in the expanded layer list
 * @param name      unique name; user names match {@code [A-Za-z_][A-Za-z0-9_]*}, names of
 *                  layers expanded from blocks are dotted ({@code stage2.1.c1})
 * @param inputs    names of the layers feeding this one ({@code input} is the network
 *                  input); defaults already resolved by the reader
 * @param positions where the layer and each of its keys are in the file
 * @param origin    for layers expanded from a block: notes pointing at the use site(s),
 *                  innermost first; empty otherwise
 */
public record LayerMeta(int index, String name, List<String> inputs, Positions positions, List<Note> origin) {
    /** The name of the network input as seen by {@code input:} references. */
    public static final String NETWORK_INPUT = "input";

    public LayerMeta {
        Check.that(index >= 1, "layer index is 1-based, got " + index);
        Objects.requireNonNull(name, "name");
        Check.that(!name.isEmpty(), "layer name must not be empty");
        inputs = List.copyOf(inputs);
        Check.that(!inputs.isEmpty(), "a layer has at least one input");
        Objects.requireNonNull(positions, "positions");
        origin = List.copyOf(origin);
    }
}
