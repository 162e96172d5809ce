package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.ParamDef;
import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.def.SectionDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plain values of a section ({@code train}, {@code optimizer}, ...) by its
 * {@link SectionDef}: each written key parsed, the others defaulted from the table.
 * Nested sections and computed defaults are left to the caller.
 */
record SectionValues(Map<String, Object> values, boolean ok) {
    static SectionValues read(ValueParser parser, Fields f, SectionDef def) {
        Map<String, Object> out = new HashMap<>();
        boolean ok = true;
        for (ParamDef p : def.params()) {
            if (p.type() == ParamType.SECTION) {
                continue;
            }
            Optional<Val> v = f.get(p.key());
            if (v.isPresent()) {
                Optional<Object> parsed = parser.parse(p, v.get(), 0);
                parsed.ifPresent(x -> out.put(p.key(), x));
                ok &= parsed.isPresent();
            } else if (p.defaultValue().isPresent()) {
                out.put(p.key(), ValueParser.defaultOf(p, 0));
            }
        }
        return new SectionValues(out, ok);
    }

    double number(String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    int integer(String key) {
        return ((Number) values.get(key)).intValue();
    }

    String word(String key) {
        return (String) values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }
}
