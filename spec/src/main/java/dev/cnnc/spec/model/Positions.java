package dev.cnnc.spec.model;

import dev.cnnc.spec.diag.Position;
import java.util.Map;
import java.util.Objects;

/**
 * Where a record and each of its keys came from, so that later stages can point at the
 * exact value a diagnostic is about.
 *
 * @param self the position of the record itself (e.g. the start of a layer's mapping)
 * @param keys the position of the value of each key that was written in the file
 */
public record Positions(Position self, Map<String, Position> keys) {
    public static final Positions NONE = new Positions(Position.NONE, Map.of());

    public Positions {
        Objects.requireNonNull(self, "self");
        keys = Map.copyOf(keys);
    }

    /** The position of {@code key}'s value, or of the record when the key was not written. */
    public Position of(String key) {
        return keys.getOrDefault(key, self);
    }

    /** Whether the key was written in the file (as opposed to defaulted). */
    public boolean has(String key) {
        return keys.containsKey(key);
    }
}
