package dev.cnnc.spec.schema;

/**
 * The JSON Schema of the spec format, generated from the same definitions the reader uses
 * ({@link dev.cnnc.spec.def.LayerType} and the section tables), so the two cannot drift.
 */
public final class JsonSchema {
    private JsonSchema() {
    }

    /** The schema as a JSON document (pretty-printed, deterministic). */
    public static String generate() {
        throw new UnsupportedOperationException("JsonSchema not written yet");
    }
}
