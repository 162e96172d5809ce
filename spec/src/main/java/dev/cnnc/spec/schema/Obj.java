package dev.cnnc.spec.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder of insertion-ordered JSON objects for the schema tree. */
final class Obj {
    private final Map<String, Object> map = new LinkedHashMap<>();

    static Obj of(String key, Object value) {
        return new Obj().put(key, value);
    }

    Obj put(String key, Object value) {
        map.put(key, value instanceof Obj o ? o.map() : value);
        return this;
    }

    Map<String, Object> map() {
        return map;
    }

    /** {@code {"anyOf": [a, b, ...]}}. */
    static Obj anyOf(Object... schemas) {
        if (schemas.length == 1) {
            throw new IllegalArgumentException("anyOf of one");
        }
        return of("anyOf", list(schemas));
    }

    static List<Object> list(Object... values) {
        return java.util.Arrays.stream(values).map(v -> v instanceof Obj o ? (Object) o.map() : v).toList();
    }

    static Obj ref(String def) {
        return of("$ref", "#/$defs/" + def);
    }
}
