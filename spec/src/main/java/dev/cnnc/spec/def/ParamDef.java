package dev.cnnc.spec.def;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a layer type.
 *
 * @param defaultValue the default as a JSON-able value (Integer, Double, Boolean, String),
 *                     empty for required parameters and for computed defaults
 * @param defaultDoc   the default as documented (e.g. {@code "= size"}), empty when required
 * @param doc          one sentence for docs and the JSON Schema description
 */
public record ParamDef(String key, ParamType type, boolean required, Optional<Object> defaultValue,
                       String defaultDoc, String doc) {
    public ParamDef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(defaultDoc, "defaultDoc");
        Objects.requireNonNull(doc, "doc");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException(key + ": a required parameter has no default");
        }
    }

    static ParamDef required(String key, ParamType type, String doc) {
        return new ParamDef(key, type, true, Optional.empty(), "", doc);
    }

    static ParamDef optional(String key, ParamType type, Object defaultValue, String doc) {
        return new ParamDef(key, type, false, Optional.of(defaultValue), String.valueOf(defaultValue), doc);
    }

    static ParamDef computed(String key, ParamType type, String defaultDoc, String doc) {
        return new ParamDef(key, type, false, Optional.empty(), defaultDoc, doc);
    }
}
