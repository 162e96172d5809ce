package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.Args;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checked parameter values of one layer (defaults filled) for {@code LayerType.create}. */
final class ParsedArgs implements Args {
    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> written = new HashSet<>();

    void put(String key, Object value, boolean fromFile) {
        values.put(key, value);
        if (fromFile) {
            written.add(key);
        }
    }

    private Object get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no value for parameter " + key);
        }
        return v;
    }

    @Override
    public boolean has(String key) {
        return written.contains(key);
    }

    @Override
    public int integer(String key) {
        return ((Number) get(key)).intValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Integer> spatial(String key) {
        return (List<Integer>) get(key);
    }

    @Override
    public Padding padding(String key) {
        return (Padding) get(key);
    }

    @Override
    public PaddingMode paddingMode(String key) {
        return (PaddingMode) get(key);
    }

    @Override
    public Activation activation(String key) {
        return (Activation) get(key);
    }

    @Override
    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    @Override
    public double number(String key) {
        return ((Number) get(key)).doubleValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Integer> ints(String key) {
        return (List<Integer>) get(key);
    }
}
