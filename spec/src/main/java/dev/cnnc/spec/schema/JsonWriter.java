package dev.cnnc.spec.schema;

import dev.cnnc.spec.diag.Json;
import java.util.List;
import java.util.Map;

/**
 * Pretty-prints a tree of maps (insertion-ordered), lists, strings, numbers and booleans
 * as JSON with two-space indentation. Deterministic: the same tree gives the same text.
 */
final class JsonWriter {
    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> map) {
            object(out, map, indent);
        } else if (value instanceof List<?> list) {
            array(out, list, indent);
        } else if (value instanceof String s) {
            out.append(Json.quote(s));
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pad(out, indent + 1).append(Json.quote((String) e.getKey())).append(": ");
            write(out, e.getValue(), indent + 1);
            out.append(++i < map.size() ? ",\n" : "\n");
        }
        pad(out, indent).append('}');
    }

    private static void array(StringBuilder out, List<?> list, int indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        if (flat) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                write(out, list.get(i), indent);
                out.append(i + 1 < list.size() ? ", " : "");
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            pad(out, indent + 1);
            write(out, list.get(i), indent + 1);
            out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        pad(out, indent).append(']');
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        return out.append("  ".repeat(indent));
    }
}
